using Eval.Inference.Onnx.Validation;

namespace Eval.Web.Api;

/// <summary>
/// Every problem code of the API with its HTTP status and title, in one place: the validation codes of uploads
/// (<see cref="ValidationCodes"/>) and the API's own (keys, permissions, lookups, rate limit).
/// </summary>
public static class ProblemCodes
{
    public const string ApiKeyMissing = "api_key_missing";
    public const string ApiKeyInvalid = "api_key_invalid";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string RateLimited = "rate_limited";
    public const string Conflict = "conflict";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string HostNotAllowed = "host_not_allowed";

    private static readonly Dictionary<string, (int Status, string Title)> Upload = new()
    {
        [ValidationCodes.OnnxUnreadable] = (422, "Not an ONNX model"),
        [ValidationCodes.SignatureMissingInput] = (422, "Unsupported signature: an input is missing"),
        [ValidationCodes.SignatureMissingOutput] = (422, "Unsupported signature: an output is missing"),
        [ValidationCodes.SignatureBadType] = (422, "Unsupported signature: an input or output has the wrong type"),
        [ValidationCodes.SignatureUnsupportedInput] = (422, "Unsupported signature: an input cannot be fed"),
        [ValidationCodes.KindMismatch] = (422, "The model is not of the stated kind"),
        [ValidationCodes.TokenizerMissing] = (400, "Tokenizer missing"),
        [ValidationCodes.TokenizerUnreadable] = (422, "Tokenizer unreadable"),
        [ValidationCodes.VocabMismatch] = (422, "Tokenizer vocabulary larger than the logits"),
        [ValidationCodes.SpecialTokenMissing] = (422, "bos/eos token not found"),
        [ValidationCodes.SmokeTestFailed] = (422, "Smoke test failed"),
        [ValidationCodes.ValidationTimeout] = (422, "Validation took too long"),
        [ValidationCodes.ConfigUnreadable] = (422, "Configuration unreadable"),
        [ValidationCodes.ContextLengthMissing] = (422, "Context length unknown"),
        [ValidationCodes.ModelMissing] = (400, "Model file missing"),
        [ValidationCodes.ZipUnsafeEntry] = (400, "Unsafe zip entry"),
        [ValidationCodes.ZipTooLarge] = (413, "Zip too large"),
        [ValidationCodes.ZipUnreadable] = (400, "Zip unreadable"),
        [ValidationCodes.FileTooLarge] = (413, "File too large"),
        [ValidationCodes.VocabTooLarge] = (422, "Vocabulary too large"),
        [ValidationCodes.EmptyFile] = (400, "Empty file"),
        [ValidationCodes.UnknownField] = (400, "Unknown field"),
        [ValidationCodes.FieldInvalid] = (400, "Invalid field"),
        [ValidationCodes.ExternalDataOutsidePackage] = (422, "External data outside the package"),
        [ValidationCodes.ExternalDataMissing] = (422, "External data file missing"),
        [ValidationCodes.FamilyInvalid] = (400, "Invalid family name"),
        [ValidationCodes.CheckpointInvalid] = (400, "Invalid checkpoint position"),
        [ValidationCodes.CheckpointDuplicate] = (409, "Checkpoint already in the family"),
    };

    public static (int Status, string Title) Describe(string code) =>
        Upload.TryGetValue(code, out var known) ? known : (400, "Invalid upload");

    /// <summary>The codes uploads can answer with, for the API reference.</summary>
    public static IReadOnlyCollection<string> UploadCodes => Upload.Keys;
}
