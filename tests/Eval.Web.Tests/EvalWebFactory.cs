using Eval.TestKit;
using Eval.Web.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Eval.Web.Tests;

/// <summary>
/// The real web host on a real port of 127.0.0.1: its own data folder (SQLite files), the reference models
/// registered, the first-start evaluation off so each test runs only the small slices it needs. Two API keys
/// (<see cref="UserKey"/>, <see cref="AdminKey"/>) are configured by their hashes; <paramref name="settings"/>
/// overrides any setting.
/// </summary>
public sealed class EvalWebFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string UserKey = "test-user-key-0123456789";
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly TempDirectory data = new();

    public string DataDirectory => data.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Eval:DataDirectory", data.Path);
        builder.UseSetting("Eval:FirstStart:RegisterReferenceModels", "true");
        builder.UseSetting("Eval:FirstStart:EvaluateReferenceModels", "false");
        builder.UseSetting("Eval:Inference:Device", "cpu");
        builder.UseSetting("Eval:Auth:ApiKeys:0:Name", "test-user");
        builder.UseSetting("Eval:Auth:ApiKeys:0:Sha256", ApiKeyStore.Hash(UserKey));
        builder.UseSetting("Eval:Auth:ApiKeys:0:Role", ApiKeyRoles.User);
        builder.UseSetting("Eval:Auth:ApiKeys:1:Name", "test-admin");
        builder.UseSetting("Eval:Auth:ApiKeys:1:Sha256", ApiKeyStore.Hash(AdminKey));
        builder.UseSetting("Eval:Auth:ApiKeys:1:Role", ApiKeyRoles.Admin);
        // Tests upload many times a minute; the rate-limit test sets its own limit.
        builder.UseSetting("Eval:Upload:RateLimit:PermitLimit", "10000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
    }

    /// <summary>Starts Kestrel and returns its address, e.g. http://127.0.0.1:41234.</summary>
    public Uri StartRealServer()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    /// <summary>A client of the real server, sending <paramref name="apiKey"/> in X-Api-Key when given.</summary>
    public HttpClient Client(Uri address, string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
        if (apiKey is not null)
            client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, apiKey);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        catch (OperationCanceledException)
        {
            // Teardown only: after a browser test the host's 30 s shutdown window can run out before Hangfire's server
            // has stopped (seen on loaded 2-core machines), and Hangfire then throws. What the test checked stands.
        }
        if (disposing)
            data.Dispose();
    }
}
