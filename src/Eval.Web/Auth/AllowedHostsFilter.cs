using Eval.Web.Api;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Eval.Web.Auth;

/// <summary>
/// Serves only requests whose Host header names this machine (localhost, 127.0.0.1, [::1]), a host the server was
/// told to listen on, or a configured public name (Eval:Auth:AllowedHosts; "*" turns the check off). Anything else is
/// 400 host_not_allowed: a page of another origin resolving to 127.0.0.1 (DNS rebinding) gets no answer to read or act
/// on. ASP.NET Core's own host filtering answers with an empty body; this one answers problem details.
/// </summary>
public sealed class AllowedHostsFilter(RequestDelegate next, IOptions<AuthOptions> options, IConfiguration configuration)
{
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    private readonly IList<StringSegment> allowed = LoopbackHosts
        .Concat(options.Value.AllowedHosts)
        .Concat(ListeningHosts(configuration))
        .Select(h => new StringSegment(h.Trim())).Where(h => h.Length > 0).ToList();

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host;
        if (host.HasValue && HostString.MatchesAny(new StringSegment(host.Host), allowed))
            return next(context);
        var shown = host.Value is { } value ? value[..Math.Min(value.Length, 100)] : "";
        return ApiProblems.Problem(400, "Host not allowed",
            $"this server does not answer for the host '{shown}': add it to Eval:Auth:AllowedHosts if it is one of its public names",
            ProblemCodes.HostNotAllowed).ExecuteAsync(context);
    }

    /// <summary>The hosts of --urls / ASPNETCORE_URLS, except wildcards (0.0.0.0, *, +), which name no host.</summary>
    private static IEnumerable<string> ListeningHosts(IConfiguration configuration) =>
        (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "")
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(url => Uri.TryCreate(url.Replace("://*", "://wildcard").Replace("://+", "://wildcard"), UriKind.Absolute, out var uri) ? uri.Host : "")
        .Where(h => h is not ("" or "wildcard" or "0.0.0.0" or "::" or "[::]"))
        .Select(h => h.Contains(':') && !h.StartsWith('[') ? $"[{h}]" : h);
}
