namespace Eval.Web.Auth;

/// <summary>
/// Whether a browser's request comes from a page of this very site: its Origin header (sent by browsers on
/// WebSocket handshakes and cross-site requests) names the scheme, host and port the request was sent to. A missing
/// or "null" Origin does not count: keyless writes must prove they come from our own pages.
/// </summary>
public static class BrowserOrigin
{
    public static bool MatchesHost(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return false;
        var host = context.Request.Host;
        var port = host.Port ?? (context.Request.IsHttps ? 443 : 80);
        return string.Equals(uri.Scheme, context.Request.Scheme, StringComparison.OrdinalIgnoreCase)
               && string.Equals(uri.IdnHost.Trim('[', ']'), host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
               && uri.Port == port;
    }
}
