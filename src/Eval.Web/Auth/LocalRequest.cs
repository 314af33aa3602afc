using System.Net;

namespace Eval.Web.Auth;

/// <summary>
/// A request from this machine: a loopback client address and no forwarding headers (a reverse proxy on the same
/// host would otherwise make every visitor look local).
/// </summary>
public static class LocalRequest
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP"];

    public static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
        && !ForwardingHeaders.Any(h => context.Request.Headers.ContainsKey(h));
}
