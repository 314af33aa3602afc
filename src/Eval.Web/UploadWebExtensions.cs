using System.Globalization;
using System.Threading.RateLimiting;
using Eval.Data.Queries;
using Eval.Jobs.Options;
using Eval.Web.Api;
using Eval.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Eval.Web;

/// <summary>
/// The web host's upload side: API keys and the policies built on them, the upload rate limit, the models API,
/// the OpenAPI document (/openapi/v1.json) and its browsable reference (/swagger), kept apart from the core wiring.
/// </summary>
public static class UploadWebExtensions
{
    public const string ApiReferencePath = "/swagger";

    public static WebApplicationBuilder AddEvalUploads(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ModelStatusQuery>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => !ApiKeyStore.Problems(o).Any(), "Eval:Auth:ApiKeys: each key needs a Name, a Sha256 (the 64 hex digits of the key's SHA-256, not the key) and a Role (user or admin)")
            .ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddScoped<BrowserWriteAccess>();
        builder.Services.AddSingleton<FailedKeyThrottle>();
        builder.Services.AddSingleton<UploadRateLimiter>();
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Writer, p => p.RequireRole(ApiKeyRoles.User, ApiKeyRoles.Admin))
            .AddPolicy(AuthPolicies.Admin, p => p.RequireRole(ApiKeyRoles.Admin));
        builder.Services.AddRateLimiter(options =>
        {
            options.OnRejected = async (context, _) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : (int?)null;
                if (retry is { } seconds)
                    context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.Problem(429, "Too many uploads",
                    $"uploads are limited per key (Eval:Upload:RateLimit){(retry is { } s ? $"; try again in {s} s" : "")}",
                    ProblemCodes.RateLimited).ExecuteAsync(context.HttpContext);
            };
            // The count lives in UploadRateLimiter, which the upload page uses too.
            options.AddPolicy(ModelApi.UploadRateLimit, http =>
            {
                var shared = http.RequestServices.GetRequiredService<UploadRateLimiter>();
                var partition = UploadRateLimiter.Partition(http.User.Identity?.Name, FailedKeyThrottle.AddressOf(http));
                return RateLimitPartition.Get(partition, shared.For);
            });
        });
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer(OpenApiDocumentation.DescribeDocumentAsync));
        return builder;
    }

    /// <summary>Before the endpoints: who the caller is, what they may do, how often they may upload.</summary>
    public static WebApplication UseEvalAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapEvalUploads(this WebApplication app)
    {
        app.MapModelApi();
        app.MapOpenApi();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = ApiReferencePath.TrimStart('/');
            options.SwaggerEndpoint("/openapi/v1.json", "Eval API v1");
            options.DocumentTitle = "Eval API";
        });
        return app;
    }

    public static Hangfire.Dashboard.IDashboardAuthorizationFilter DashboardAuthorization(this WebApplication app) =>
        new DashboardAuthorization(app.Services.GetRequiredService<ApiKeyStore>(), app.Services.GetRequiredService<IOptions<AuthOptions>>().Value);
}
