using Eval.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Eval.Web.Tests;

/// <summary>
/// The real web host on a real port of 127.0.0.1: its own data folder (SQLite files), the reference models
/// registered, the first-start evaluation off so each test runs only the small slices it needs.
/// </summary>
public sealed class EvalWebFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory data = new();

    public string DataDirectory => data.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Eval:DataDirectory", data.Path);
        builder.UseSetting("Eval:FirstStart:RegisterReferenceModels", "true");
        builder.UseSetting("Eval:FirstStart:EvaluateReferenceModels", "false");
        builder.UseSetting("Eval:Inference:Device", "cpu");
    }

    /// <summary>Starts Kestrel and returns its address, e.g. http://127.0.0.1:41234.</summary>
    public Uri StartRealServer()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            data.Dispose();
    }
}
