namespace Eval.Web.Auth;

/// <summary>
/// Eval:Auth: the API keys (stored as SHA-256 hashes), whether a browser on this machine may write without a key
/// (turn it off behind a reverse proxy on the same host, where every request looks local), and whether local
/// requests may open the Hangfire dashboard; the host names served besides this machine's, and how many wrong keys
/// an address may try.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Eval:Auth";

    /// <summary>The environment variable holding one admin key in plain text, for local use.</summary>
    public const string EnvironmentKey = "EVAL_API_KEY";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    public bool AllowLoopbackBrowserWrites { get; set; } = true;

    public bool DashboardAllowsLocalRequests { get; set; } = true;

    /// <summary>Public names the server answers to besides localhost, 127.0.0.1 and [::1] (e.g. eval.example.org); "*" for any.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Wrong keys allowed per client address and window before every key attempt from it is refused (429).</summary>
    public FailedKeyAttemptOptions FailedKeyAttempts { get; set; } = new();
}
