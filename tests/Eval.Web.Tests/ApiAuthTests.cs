using System.Net;
using System.Text.Json;
using Eval.TestKit;
using Eval.Web.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Eval.Web.Tests;

/// <summary>Writes need a key, delete needs an admin key, reads are public, uploads are rate limited, and the reference is served.</summary>
[Collection(WebHostCollection.Name)]
public sealed class ApiAuthTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Writes_WithoutAKey_OrWithAWrongOne_Are401_AndDeleteNeedsAnAdmin()
    {
        using var factory = new EvalWebFactory(new Dictionary<string, string?> { ["EVAL_API_KEY"] = "local-admin-key" });
        var address = factory.StartRealServer();
        var anonymous = factory.Client(address);
        var copy = ModelFixtures.DistinctCopy("gpt-nano-bpe4k", temp.File("copy"), "auth");

        await AssertProblemAsync(await anonymous.PostAsync("/api/models", ModelApiClient.Files(copy)), 401, "api_key_missing");
        await AssertProblemAsync(await factory.Client(address, "not-a-key").PostAsync("/api/models", ModelApiClient.Files(copy)), 401, "api_key_invalid");
        await AssertProblemAsync(await anonymous.PostAsync("/api/runs/1/cancel", null), 401, "api_key_missing");
        await AssertProblemAsync(await anonymous.PostAsync("/api/models/1/evaluate", null), 401, "api_key_missing");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/models")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/models/1")).StatusCode);

        var (status, body) = await new ModelApiClient(factory.Client(address, EvalWebFactory.UserKey)).UploadAsync(ModelApiClient.Files(copy));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = body.GetProperty("id").GetInt64();
        var folder = Path.Combine(factory.DataDirectory, "models", body.GetProperty("identity_sha256").GetString()!);
        Assert.True(Directory.Exists(folder));

        await AssertProblemAsync(await factory.Client(address, EvalWebFactory.UserKey).DeleteAsync($"/api/models/{id}"), 403, "forbidden");
        await AssertProblemAsync(await anonymous.DeleteAsync($"/api/models/{id}"), 401, "api_key_missing");
        Assert.Equal(HttpStatusCode.NoContent, (await factory.Client(address, "local-admin-key").DeleteAsync($"/api/models/{id}")).StatusCode);

        await AssertProblemAsync(await anonymous.GetAsync($"/api/models/{id}"), 404, "not_found");
        Assert.False(Directory.Exists(folder));
        var state = await StoredState.ReadAsync(factory);
        Assert.Equal((Repo.AllReferenceModels.Count, 0, 0), (state.Models, state.Runs, state.Responses));
        await AssertProblemAsync(await factory.Client(address, EvalWebFactory.AdminKey).DeleteAsync($"/api/models/{id}"), 404, "not_found");
    }

    [Fact]
    public async Task Uploads_OverTheRateLimit_Are429WithRateLimited()
    {
        using var factory = new EvalWebFactory(new Dictionary<string, string?>
        {
            ["Eval:Upload:RateLimit:PermitLimit"] = "2", ["Eval:Upload:RateLimit:WindowSeconds"] = "60",
        });
        using var client = factory.Client(factory.StartRealServer(), EvalWebFactory.UserKey);

        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostAsync("/api/models", ModelApiClient.Text(("colour", "blue")));
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            codes.Add(doc.RootElement.GetProperty("code").GetString()!);
            if (i == 2)
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            }
        }

        Assert.Equal(["unknown_field", "unknown_field", "rate_limited"], codes);
        // Reads are not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/models")).StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheModelsApi_AndTheReferencePageAndDashboardAreServed()
    {
        using var factory = new EvalWebFactory();
        using var client = factory.Client(factory.StartRealServer());

        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/models", "/api/models/{id}", "/api/models/{id}/evaluate", "/api/runs/{id}/cancel", "/api/leaderboard/{group}" })
            Assert.True(paths.TryGetProperty(path, out _), path);
        var upload = paths.GetProperty("/api/models").GetProperty("post");
        var fields = upload.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties");
        Assert.Equal("binary", fields.GetProperty("model").GetProperty("format").GetString());
        Assert.True(upload.GetProperty("responses").TryGetProperty("202", out _));
        Assert.Equal("X-Api-Key", doc.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Contains("smoke_test_failed", doc.RootElement.GetProperty("info").GetProperty("description").GetString());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/swagger-ui-bundle.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/upload")).StatusCode);
        // 127.0.0.1 is local: the dashboard opens.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public void Dashboard_IsForLocalRequestsAndAdminKeys_Only()
    {
        var keys = Store(new AuthOptions { ApiKeys = [Key("alice", "user-key", ApiKeyRoles.User), Key("root", "admin-key", ApiKeyRoles.Admin)] });
        var filter = new DashboardAuthorization(keys, new AuthOptions());

        Assert.True(filter.IsAllowed(Request("127.0.0.1")));
        Assert.False(filter.IsAllowed(Request("127.0.0.1", ("X-Forwarded-For", "203.0.113.9"))));
        Assert.False(filter.IsAllowed(Request("203.0.113.9")));
        Assert.False(filter.IsAllowed(Request("203.0.113.9", ("X-Api-Key", "user-key"))));
        Assert.True(filter.IsAllowed(Request("203.0.113.9", ("X-Api-Key", "admin-key"))));
        Assert.False(new DashboardAuthorization(keys, new AuthOptions { DashboardAllowsLocalRequests = false }).IsAllowed(Request("127.0.0.1")));
    }

    [Fact]
    public void BrowserWrites_NeedNoKeyOnThisMachine_AndAKnownKeyElsewhere()
    {
        var options = new AuthOptions { ApiKeys = [Key("alice", "user-key", ApiKeyRoles.User), Key("root", "admin-key", ApiKeyRoles.Admin)] };
        var keys = Store(options);
        // The circuit's connection as a browser opens it: from one of this site's pages (HostHeaderAttackTests covers other origins).
        BrowserWriteAccess Access(string ip, bool allowLoopback = true)
        {
            var circuit = Request(ip, ("Host", "127.0.0.1:5000"), ("Origin", "http://127.0.0.1:5000"));
            circuit.Request.Scheme = "http";
            return new(new HttpContextAccessor { HttpContext = circuit }, keys, Options.Create(new AuthOptions { AllowLoopbackBrowserWrites = allowLoopback }));
        }

        Assert.Equal(("browser", null), Access("127.0.0.1").Check(null));
        Assert.Equal(("browser", null), Access("::1").Check(null, ApiKeyRoles.Admin));
        Assert.NotNull(Access("127.0.0.1", allowLoopback: false).Check(null).Refusal);
        Assert.NotNull(Access("198.51.100.7").Check(null).Refusal);
        Assert.NotNull(Access("198.51.100.7").Check("wrong").Refusal);
        Assert.Equal(("alice", null), Access("198.51.100.7").Check("user-key"));
        Assert.Contains("admin", Access("198.51.100.7").Check("user-key", ApiKeyRoles.Admin).Refusal);
        Assert.Equal(("root", null), Access("198.51.100.7").Check("admin-key", ApiKeyRoles.Admin));
    }

    [Fact]
    public void KeysAreStoredHashed_AndAPlainKeyInTheConfigurationIsRefusedAtStart()
    {
        Assert.Equal("2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b", ApiKeyStore.Hash("secret"));
        Assert.Contains(ApiKeyStore.Problems(new AuthOptions { ApiKeys = [new ApiKeyEntry { Name = "x", Sha256 = "my-plain-key", Role = "user" }] }),
            p => p.Contains("64 hex digits"));
        Assert.Contains(ApiKeyStore.Problems(new AuthOptions { ApiKeys = [Key("x", "k", "root")] }), p => p.Contains("Role"));
        Assert.Empty(ApiKeyStore.Problems(new AuthOptions { ApiKeys = [Key("x", "k", ApiKeyRoles.Admin)] }));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(code, doc.RootElement.GetProperty("code").GetString());
    }

    private static ApiKeyEntry Key(string name, string key, string role) => new() { Name = name, Sha256 = ApiKeyStore.Hash(key), Role = role };

    private static ApiKeyStore Store(AuthOptions options) => new(Options.Create(options), new ConfigurationBuilder().Build());

    private static DefaultHttpContext Request(string ip, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ip);
        foreach (var (name, value) in headers)
            context.Request.Headers[name] = value;
        return context;
    }

    public void Dispose() => temp.Dispose();
}
