using Eval.Data.Queries;
using Eval.Jobs;
using Eval.Web.Api;
using Eval.Web.Components;
using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.FileProviders;

namespace Eval.Web;

/// <summary>The web host's wiring: the platform composition, Blazor, the API and the static files.</summary>
public static class EvalWebExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public static WebApplicationBuilder AddEvalWeb(this WebApplicationBuilder builder)
    {
        // Serve _framework/ and _content/ from the build output in every environment (STACK.md pitfall 3).
        builder.WebHost.UseStaticWebAssets();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);

        builder.Services.AddEvalPlatform(builder.Configuration, builder.Environment.ContentRootPath);
        // Keys beside the data, so antiforgery tokens and circuits survive a restart.
        var paths = EvalPaths.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(paths.DataDirectory, "keys")));
        builder.Services.AddSingleton<LeaderboardQuery>();
        builder.Services.AddSingleton<ModelQuery>();
        builder.Services.AddSingleton<RunQuery>();
        builder.Services.AddSingleton<JobsQuery>();
        builder.Services.AddSingleton<SuiteProgressQuery>();
        builder.Services.AddSingleton<ScenarioQuery>();
        builder.Services.AddSingleton<CompareQuery>();
        builder.Services.AddSingleton<Eval.Data.Families.FamilyQuery>();
        builder.Services.AddSingleton<Eval.Data.Exports.ResponseRowReader>();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddProblemDetails();
        builder.AddEvalUploads();
        return builder;
    }

    public static WebApplication MapEvalWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseMiddleware<Auth.AllowedHostsFilter>();
        app.UseMiddleware<PageQueryCheck>();
        app.UseStatusCodePages();
        var paths = app.Services.GetRequiredService<EvalPaths>();
        if (Directory.Exists(paths.WebRootDirectory))
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(paths.WebRootDirectory) });
        app.UseEvalAuth();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapLeaderboardApi();
        app.MapRunApi();
        app.MapArchiveApi();
        app.MapFamilyApi();
        app.MapReproduceApi();
        app.MapEvalUploads();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        // Admins only: local requests (Eval:Auth:DashboardAllowsLocalRequests) or an admin key in X-Api-Key.
        app.UseHangfireDashboard("/hangfire", new DashboardOptions { IsReadOnlyFunc = _ => true, Authorization = [app.DashboardAuthorization()] });
        return app;
    }
}
