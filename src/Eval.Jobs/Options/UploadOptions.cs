using System.ComponentModel.DataAnnotations;
using Eval.Inference.Onnx;

namespace Eval.Jobs.Options;

/// <summary>
/// Eval:Upload: limits on what an upload may send (files are streamed to disk and cut off at the limit), when
/// validation runs in the request, which queues a model may be pinned to, and the upload rate limit.
/// </summary>
public sealed class UploadOptions
{
    public const string Section = "Eval:Upload";

    /// <summary>Largest single file (model.onnx, model.onnx.data, tokenizer.json, ..., or the zip itself).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Largest config.json and tokenizer_config.json (parsed whole: each byte costs several in memory).</summary>
    [Range(1, long.MaxValue)]
    public long MaxSettingsFileBytes { get; set; } = PackageLimits.Default.MaxSettingsFileBytes;

    /// <summary>Largest tokenizer.json (see <see cref="PackageLimits.MaxTokenizerFileBytes"/> for why 64 MiB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxTokenizerFileBytes { get; set; } = PackageLimits.Default.MaxTokenizerFileBytes;

    /// <summary>Most token ids a tokenizer.json or config.json (vocab_size) may declare.</summary>
    [Range(1, PackageLimits.MaxTokenIds)]
    public int MaxVocabularySize { get; set; } = PackageLimits.Default.MaxVocabularySize;

    public PackageLimits Package => new()
    {
        MaxSettingsFileBytes = MaxSettingsFileBytes,
        MaxTokenizerFileBytes = MaxTokenizerFileBytes,
        MaxVocabularySize = MaxVocabularySize,
    };

    /// <summary>Largest total a zip may unpack to.</summary>
    [Range(1, long.MaxValue)]
    public long MaxZipTotalBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Largest unpacked / packed ratio, of the whole zip and of any entry over 1 MiB (zip bombs reach thousands; weights about 1.1).</summary>
    [Range(1.0, 1e6)]
    public double MaxZipRatio { get; set; } = 100;

    /// <summary>Models up to this size (model.onnx + data) are validated in the request; larger ones by a queued job (status validating).</summary>
    [Range(0, long.MaxValue)]
    public long InlineValidationMaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Validations at once in this process; each opens ONNX Runtime sessions on one thread. More than one, so that an
    /// upload is not queued behind a slow (or looping) one for up to <see cref="ValidationTimeout"/>.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrentValidations { get; set; } = 4;

    /// <summary>Longest a validation may run (in the request or in the queued job); past it the model is refused with validation_timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ValidationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Queues a model may be pinned to at upload; the first is the default.</summary>
    [MinLength(1)]
    public string[] Queues { get; set; } = ["cpu", "cuda"];

    public UploadRateLimitOptions RateLimit { get; set; } = new();
}
