namespace Eval.Jobs.Options;

/// <summary>
/// Eval:Inference:RequestCache: runs answer requests already computed for the same model bytes from the database
/// (table request_cache) instead of the model. The section is shared with the engine's own settings.
/// </summary>
public sealed class RequestCacheOptions
{
    public const string Section = "Eval:Inference";

    public bool RequestCache { get; set; } = true;
}
