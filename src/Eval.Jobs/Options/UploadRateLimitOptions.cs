using System.ComponentModel.DataAnnotations;

namespace Eval.Jobs.Options;

/// <summary>Eval:Upload:RateLimit: uploads per key (or per client address) in a fixed window; more get 429 rate_limited.</summary>
public sealed class UploadRateLimitOptions
{
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 10;

    [Range(1, 86400)]
    public int WindowSeconds { get; set; } = 60;
}
