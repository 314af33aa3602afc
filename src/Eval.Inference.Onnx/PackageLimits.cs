namespace Eval.Inference.Onnx;

/// <summary>
/// How large the small JSON files of a package and its declared vocabulary may be before they are read: each is
/// parsed whole, and a parsed file costs several times its size, so an upload over a limit is refused unread.
/// </summary>
public sealed record PackageLimits
{
    /// <summary>The most token ids anyone could mean (16 Mi); ids past it are refused before any table is allocated.</summary>
    public const int MaxTokenIds = 1 << 24;

    public static PackageLimits Default { get; } = new();

    /// <summary>config.json and tokenizer_config.json: a few KiB in practice; chat templates and added-token tables reach a few hundred.</summary>
    public long MaxSettingsFileBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>
    /// tokenizer.json grows with the vocabulary: about 9 MB for Llama 3's 128k tokens, about 34 MB for Gemma's 256k
    /// (merges included); 64 MiB leaves room for those and refuses what no tokenizer needs.
    /// </summary>
    public long MaxTokenizerFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Token ids (tokenizer.json) and vocab_size (config.json) above this are refused: 4 times Gemma's 256k vocabulary.</summary>
    public int MaxVocabularySize { get; init; } = 1 << 20;

    /// <summary>The limit for a package file, or null for the model files (limited by Eval:Upload:MaxFileBytes only).</summary>
    public (long Bytes, string Setting)? For(string file) => file switch
    {
        ModelPackage.TokenizerFile => (MaxTokenizerFileBytes, "Eval:Upload:MaxTokenizerFileBytes"),
        ModelPackage.ConfigFile or ModelPackage.TokenizerConfigFile => (MaxSettingsFileBytes, "Eval:Upload:MaxSettingsFileBytes"),
        _ => null,
    };
}
