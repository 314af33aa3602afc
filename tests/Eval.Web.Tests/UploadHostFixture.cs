using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// One host for many refused uploads (starting one per case would cost seconds each), with small limits so the
/// size cases stay small: 4 MiB per file (64 KiB for config.json and tokenizer_config.json, 1 MiB for tokenizer.json),
/// zips unpacking to at most 3 MiB at a ratio of at most 20, vocabularies of at most 65,536 tokens.
/// </summary>
public sealed class UploadHostFixture : IDisposable
{
    public const long MaxFileBytes = 4 * 1024 * 1024;
    public const long MaxZipTotalBytes = 3 * 1024 * 1024;
    public const long MaxSettingsFileBytes = 64 * 1024;
    public const long MaxTokenizerFileBytes = 1024 * 1024;

    public UploadHostFixture()
    {
        Factory = new EvalWebFactory(new Dictionary<string, string?>
        {
            ["Eval:Upload:MaxFileBytes"] = MaxFileBytes.ToString(),
            ["Eval:Upload:MaxZipTotalBytes"] = MaxZipTotalBytes.ToString(),
            ["Eval:Upload:MaxZipRatio"] = "20",
            ["Eval:Upload:MaxSettingsFileBytes"] = MaxSettingsFileBytes.ToString(),
            ["Eval:Upload:MaxTokenizerFileBytes"] = MaxTokenizerFileBytes.ToString(),
            ["Eval:Upload:MaxVocabularySize"] = "65536",
        });
        Address = Factory.StartRealServer();
    }

    public EvalWebFactory Factory { get; }

    public Uri Address { get; }

    public TempDirectory Temp { get; } = new();

    public void Dispose()
    {
        Factory.Dispose();
        Temp.Dispose();
    }
}
