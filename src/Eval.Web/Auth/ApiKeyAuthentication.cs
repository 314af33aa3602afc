using System.Security.Claims;
using System.Text.Encodings.Web;
using Eval.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Eval.Web.Auth;

/// <summary>
/// The X-Api-Key scheme: no header is anonymous (reads are public), a known key signs in as its name and role, an
/// unknown one fails. Refusals are problem details: 401 api_key_missing or api_key_invalid, 403 forbidden.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrEmpty(values.ToString()))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (keys.Find(values.ToString()) is not { } key)
            return Task.FromResult(AuthenticateResult.Fail("invalid API key"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Request.Headers.ContainsKey(Header)
            ? ApiProblems.Problem(401, "Invalid API key", $"the {Header} header holds no known key", ProblemCodes.ApiKeyInvalid).ExecuteAsync(Context)
            : ApiProblems.Problem(401, "API key missing", $"writes need an API key in the {Header} header", ProblemCodes.ApiKeyMissing).ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Problem(403, "Forbidden", $"the key '{Context.User.Identity?.Name}' may not do this: it needs the {ApiKeyRoles.Admin} role",
            ProblemCodes.Forbidden).ExecuteAsync(Context);
}
