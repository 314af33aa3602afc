using Microsoft.Extensions.Options;

namespace Eval.Web.Auth;

/// <summary>
/// Counts wrong API keys per client address in fixed windows (Eval:Auth:FailedKeyAttempts). Once an address has used
/// up its failures, every key it presents, right or wrong, is refused until the window ends, so guessing gains nothing.
/// </summary>
public sealed class FailedKeyThrottle(IOptions<AuthOptions> options, TimeProvider clock)
{
    private const int PruneAbove = 10_000;

    private readonly FailedKeyAttemptOptions limits = options.Value.FailedKeyAttempts;
    private readonly Dictionary<string, (DateTimeOffset Start, int Failures)> windows = new(StringComparer.Ordinal);

    /// <summary>How long the address must wait before trying a key again; null when it may try now.</summary>
    public TimeSpan? RetryAfter(string address)
    {
        var now = clock.GetUtcNow();
        lock (windows)
        {
            if (!windows.TryGetValue(address, out var window) || now >= End(window.Start) || window.Failures < limits.PermitLimit)
                return null;
            return End(window.Start) - now;
        }
    }

    public void RecordFailure(string address)
    {
        var now = clock.GetUtcNow();
        lock (windows)
        {
            if (windows.Count > PruneAbove)
                foreach (var expired in windows.Where(w => now >= End(w.Value.Start)).Select(w => w.Key).ToList())
                    windows.Remove(expired);
            windows[address] = windows.TryGetValue(address, out var window) && now < End(window.Start)
                ? (window.Start, window.Failures + 1)
                : (now, 1);
        }
    }

    public static string AddressOf(HttpContext? context) => context?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private DateTimeOffset End(DateTimeOffset start) => start.AddSeconds(limits.WindowSeconds);
}
