using System.Net;
using System.Text.Json;
using Bunit;
using Eval.Web.Auth;
using Eval.Web.Components.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Eval.Web.Tests;

/// <summary>
/// Guessing keys and flooding uploads: failed key attempts are throttled per client address, and the upload page
/// shares the API's upload limit (per key, else per address).
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class ThrottlingAttackTests
{
    [Fact]
    public async Task FailedKeyAttempts_OverTheLimit_Are429RateLimited_EvenWithAGoodKey_AndNothingChanges()
    {
        using var factory = new EvalWebFactory(new Dictionary<string, string?>
        {
            ["Eval:Auth:FailedKeyAttempts:PermitLimit"] = "3", ["Eval:Auth:FailedKeyAttempts:WindowSeconds"] = "60",
        });
        var address = factory.StartRealServer();
        var before = await StoredState.ReadAsync(factory);

        var codes = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await factory.Client(address, $"guess-{i}").PostAsync("/api/models/1/cancel", null);
            codes.Add(await CodeAsync(response));
            if (i == 3)
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
        using var good = await factory.Client(address, EvalWebFactory.AdminKey).DeleteAsync("/api/models/1");

        Assert.Equal(["api_key_invalid", "api_key_invalid", "api_key_invalid", "rate_limited"], codes);
        Assert.Equal(HttpStatusCode.TooManyRequests, good.StatusCode);
        Assert.Equal("rate_limited", await CodeAsync(good));
        Assert.Equal(before, await StoredState.ReadAsync(factory));
        // Reads stay public.
        Assert.Equal(HttpStatusCode.OK, (await factory.Client(address).GetAsync("/api/models/1")).StatusCode);
    }

    [Fact]
    public async Task UploadPage_SharesTheApisUploadLimit_PerKey()
    {
        using var factory = new EvalWebFactory(new Dictionary<string, string?>
        {
            ["Eval:Upload:RateLimit:PermitLimit"] = "2", ["Eval:Upload:RateLimit:WindowSeconds"] = "60",
        });
        using var client = factory.Client(factory.StartRealServer(), EvalWebFactory.UserKey);
        for (var i = 0; i < 2; i++)
            Assert.Equal("unknown_field", await CodeAsync(await client.PostAsync("/api/models", ModelApiClient.Text(("colour", "blue")))));

        using var bunit = new BunitContext();
        var remote = new DefaultHttpContext();
        remote.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        bunit.Services.AddScoped(_ => new BrowserWriteAccess(new HttpContextAccessor { HttpContext = remote },
            factory.Services.GetRequiredService<ApiKeyStore>(), factory.Services.GetRequiredService<IOptions<AuthOptions>>()));
        using var scope = factory.Services.CreateScope();
        bunit.Services.AddFallbackServiceProvider(scope.ServiceProvider);
        var cut = bunit.Render<UploadPage>();
        cut.Find("[data-testid=api-key]").Change(EvalWebFactory.UserKey);
        cut.Find("[data-testid=upload-form]").Submit();

        var error = cut.WaitForElement("[data-testid=upload-error]");
        Assert.Equal("rate_limited", error.GetAttribute("data-code"));
    }

    [Fact]
    public void WriteKeyField_OfThePages_IsThrottledLikeTheApi()
    {
        var options = Options.Create(new AuthOptions
        {
            ApiKeys = [new ApiKeyEntry { Name = "alice", Sha256 = ApiKeyStore.Hash("user-key"), Role = ApiKeyRoles.User }],
            FailedKeyAttempts = new FailedKeyAttemptOptions { PermitLimit = 2, WindowSeconds = 60 },
        });
        var throttle = new FailedKeyThrottle(options, TimeProvider.System);
        BrowserWriteAccess Access(string ip)
        {
            var circuit = new DefaultHttpContext();
            circuit.Connection.RemoteIpAddress = IPAddress.Parse(ip);
            return new BrowserWriteAccess(new HttpContextAccessor { HttpContext = circuit },
                new ApiKeyStore(options, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()), options, throttle);
        }

        Assert.Equal("That API key is not known.", Access("203.0.113.9").Check("guess-1").Refusal);
        Assert.Equal("That API key is not known.", Access("203.0.113.9").Check("guess-2").Refusal);

        Assert.StartsWith("Too many unknown keys", Access("203.0.113.9").Check("user-key").Refusal);
        Assert.Equal(("alice", null), Access("198.51.100.7").Check("user-key"));
    }

    private static async Task<string> CodeAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("code").GetString()!;
    }
}
