using Hangfire.Dashboard;

namespace Eval.Web.Auth;

/// <summary>The Hangfire dashboard is for admins: a local request (when allowed, the default) or an admin key in X-Api-Key.</summary>
public sealed class DashboardAuthorization(ApiKeyStore keys, AuthOptions options) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => IsAllowed(context.GetHttpContext());

    public bool IsAllowed(HttpContext http) =>
        (options.DashboardAllowsLocalRequests && LocalRequest.IsLocal(http))
        || keys.Find(http.Request.Headers[ApiKeyAuthentication.Header].ToString())?.Role == ApiKeyRoles.Admin;
}
