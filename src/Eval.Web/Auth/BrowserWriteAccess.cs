namespace Eval.Web.Auth;

/// <summary>
/// Who may write from the pages (upload, cancel, retry, delete). A browser on this machine may, without a key, when
/// Eval:Auth:AllowLoopbackBrowserWrites is on (the default) and the connection comes from one of this site's pages
/// (its Origin matches the host: not a page of another site resolving to 127.0.0.1); anyone else types an API key
/// into the page, checked like the API's. The circuit's connection is the one judged: its HttpContext is the Blazor
/// hub's request.
/// </summary>
public sealed class BrowserWriteAccess(
    IHttpContextAccessor http, ApiKeyStore keys, Microsoft.Extensions.Options.IOptions<AuthOptions> options, FailedKeyThrottle? throttle = null)
{
    public const string LocalBrowser = "browser";

    /// <summary>True when this browser may write without a key.</summary>
    public bool IsLocal { get; } = options.Value.AllowLoopbackBrowserWrites && http.HttpContext is { } context && LocalRequest.IsLocal(context)
                           && BrowserOrigin.MatchesHost(context);

    /// <summary>The browser's address, as the upload limit and the key throttle count it.</summary>
    public string ClientAddress { get; } = FailedKeyThrottle.AddressOf(http.HttpContext);

    /// <summary>The writer's name ("browser" for a local one, else the key's name), or a message saying why not.</summary>
    public (string? Who, string? Refusal) Check(string? apiKey, string role = ApiKeyRoles.User)
    {
        if (IsLocal && string.IsNullOrEmpty(apiKey))
            return (LocalBrowser, null);
        if (string.IsNullOrWhiteSpace(apiKey))
            return (null, "An API key is needed to change anything from a browser that is not on this machine.");
        if (throttle?.RetryAfter(ClientAddress) is { } wait)
            return (null, $"Too many unknown keys were tried from this address; try again in {Math.Ceiling(wait.TotalSeconds)} s.");
        if (keys.Find(apiKey.Trim()) is not { } key)
        {
            throttle?.RecordFailure(ClientAddress);
            return (null, "That API key is not known.");
        }
        if (role == ApiKeyRoles.Admin && key.Role != ApiKeyRoles.Admin)
            return (null, $"The key '{key.Name}' may not do this: it needs the {ApiKeyRoles.Admin} role.");
        return (key.Name, null);
    }
}
