using System.Security.Claims;
using System.Text.Encodings.Web;
using Eval.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Eval.Web.Auth;

/// <summary>
/// The X-Api-Key scheme: no header is anonymous (reads are public), a known key signs in as its name and role, an
/// unknown one fails. Refusals are problem details: 401 api_key_missing or api_key_invalid, 403 forbidden, and 429
/// rate_limited (with Retry-After) for an address that has tried too many wrong keys (<see cref="FailedKeyThrottle"/>).
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys, FailedKeyThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    private const string ThrottledItem = "Eval.FailedKeyThrottle";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrEmpty(values.ToString()))
            return Task.FromResult(AuthenticateResult.NoResult());
        var address = FailedKeyThrottle.AddressOf(Context);
        if (throttle.RetryAfter(address) is { } wait)
        {
            Context.Items[ThrottledItem] = wait;
            return Task.FromResult(AuthenticateResult.Fail("too many wrong API keys from this address"));
        }
        if (keys.Find(values.ToString()) is not { } key)
        {
            throttle.RecordFailure(address);
            return Task.FromResult(AuthenticateResult.Fail("invalid API key"));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledItem] is TimeSpan wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiProblems.Problem(429, "Too many wrong API keys",
                $"this address presented too many unknown keys (Eval:Auth:FailedKeyAttempts); try again in {seconds} s", ProblemCodes.RateLimited).ExecuteAsync(Context);
        }
        return Request.Headers.ContainsKey(Header)
            ? ApiProblems.Problem(401, "Invalid API key", $"the {Header} header holds no known key", ProblemCodes.ApiKeyInvalid).ExecuteAsync(Context)
            : ApiProblems.Problem(401, "API key missing", $"writes need an API key in the {Header} header", ProblemCodes.ApiKeyMissing).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Problem(403, "Forbidden", $"the key '{Context.User.Identity?.Name}' may not do this: it needs the {ApiKeyRoles.Admin} role",
            ProblemCodes.Forbidden).ExecuteAsync(Context);
}
