using System.Threading.RateLimiting;
using Eval.Jobs.Options;
using Microsoft.Extensions.Options;

namespace Eval.Web.Api;

/// <summary>
/// The one upload limit (Eval:Upload:RateLimit) shared by the API and the upload page: a fixed window per key name,
/// else per client address, so switching between them gains no uploads.
/// </summary>
public sealed class UploadRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;
    private readonly int windowSeconds;

    public UploadRateLimiter(IOptions<UploadOptions> options)
    {
        var limits = options.Value.RateLimit;
        windowSeconds = limits.WindowSeconds;
        limiter = PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.GetFixedWindowLimiter(partition,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = TimeSpan.FromSeconds(limits.WindowSeconds), QueueLimit = 0 }));
    }

    /// <summary>The partition of a writer: its key's name, else its address.</summary>
    public static string Partition(string? keyName, string address) => keyName is null ? "address:" + address : "key:" + keyName;

    /// <summary>Takes one upload from the partition; null when allowed, else how long to wait.</summary>
    public TimeSpan? TryAcquire(string partition)
    {
        using var lease = limiter.AttemptAcquire(partition);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(windowSeconds);
    }

    /// <summary>The partition as a limiter for ASP.NET Core's rate-limiting middleware (the API's endpoint policy).</summary>
    public RateLimiter For(string partition) => new SharedPartition(limiter, partition);

    public void Dispose() => limiter.Dispose();

    /// <summary>A view of one partition: the middleware may drop and recreate it freely, the count lives in the shared limiter.</summary>
    private sealed class SharedPartition(PartitionedRateLimiter<string> shared, string partition) : RateLimiter
    {
        public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

        public override RateLimiterStatistics? GetStatistics() => shared.GetStatistics(partition);

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => shared.AttemptAcquire(partition, permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            shared.AcquireAsync(partition, permitCount, cancellationToken);
    }
}
