namespace Eval.Web.Auth;

/// <summary>
/// Who may write from the pages (upload, cancel, retry, delete). A browser on this machine may, without a key, when
/// Eval:Auth:AllowLoopbackBrowserWrites is on (the default); anyone else types an API key into the page, checked
/// like the API's. The circuit's connection is the one judged: its HttpContext is the Blazor hub's request.
/// </summary>
public sealed class BrowserWriteAccess(IHttpContextAccessor http, ApiKeyStore keys, Microsoft.Extensions.Options.IOptions<AuthOptions> options)
{
    public const string LocalBrowser = "browser";

    /// <summary>True when this browser may write without a key.</summary>
    public bool IsLocal { get; } = options.Value.AllowLoopbackBrowserWrites && http.HttpContext is { } context && LocalRequest.IsLocal(context);

    /// <summary>The writer's name ("browser" for a local one, else the key's name), or a message saying why not.</summary>
    public (string? Who, string? Refusal) Check(string? apiKey, string role = ApiKeyRoles.User)
    {
        if (IsLocal && string.IsNullOrEmpty(apiKey))
            return (LocalBrowser, null);
        if (string.IsNullOrWhiteSpace(apiKey))
            return (null, "An API key is needed to change anything from a browser that is not on this machine.");
        if (keys.Find(apiKey.Trim()) is not { } key)
            return (null, "That API key is not known.");
        if (role == ApiKeyRoles.Admin && key.Role != ApiKeyRoles.Admin)
            return (null, $"The key '{key.Name}' may not do this: it needs the {ApiKeyRoles.Admin} role.");
        return (key.Name, null);
    }
}
