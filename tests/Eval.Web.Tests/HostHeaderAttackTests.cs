using System.Net;
using System.Text.Json;
using Eval.TestKit;
using Eval.Web.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Eval.Web.Tests;

/// <summary>
/// DNS rebinding: a page from another origin whose name resolves to 127.0.0.1 talks to the server with its own Host
/// header. Only this machine's names (and configured public ones) are served; keyless writes need a same-origin browser.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class HostHeaderAttackTests
{
    [Fact]
    public async Task ForeignHostHeader_Is400HostNotAllowed_OnEveryPath_AndNothingChanges()
    {
        using var factory = new EvalWebFactory(new Dictionary<string, string?> { ["Eval:Auth:AllowedHosts:0"] = "eval.example" });
        var address = factory.StartRealServer();
        using var client = factory.Client(address);
        var before = await StoredState.ReadAsync(factory);

        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Get, "/"), (HttpMethod.Get, "/hangfire"), (HttpMethod.Get, "/api/models"),
                     (HttpMethod.Delete, "/api/models/1"), (HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1"),
                 })
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Host = $"evil.example:{address.Port}";
            request.Headers.Add(ApiKeyAuthentication.Header, EvalWebFactory.AdminKey);
            using var response = await client.SendAsync(request);

            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(text);
            Assert.Equal("host_not_allowed", problem.RootElement.GetProperty("code").GetString());
            Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        }
        Assert.Equal(before, await StoredState.ReadAsync(factory));

        // This machine's names and the configured public one still work, pages and Blazor's script included.
        foreach (var host in new[] { $"127.0.0.1:{address.Port}", $"localhost:{address.Port}", $"[::1]:{address.Port}", $"EVAL.example:{address.Port}" })
        {
            foreach (var path in new[] { "/", "/hangfire", "/health", "/_framework/blazor.web.js" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Host = host;
                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{host} {path}: {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public void KeylessLoopbackWrites_NeedAnOriginMatchingTheHost()
    {
        var keys = new ApiKeyStore(Options.Create(new AuthOptions()), new ConfigurationBuilder().Build());
        BrowserWriteAccess Access(string? origin)
        {
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = IPAddress.Loopback;
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("127.0.0.1:5000");
            if (origin is not null)
                context.Request.Headers.Origin = origin;
            return new BrowserWriteAccess(new HttpContextAccessor { HttpContext = context }, keys, Options.Create(new AuthOptions()));
        }

        Assert.True(Access("http://127.0.0.1:5000").IsLocal);
        Assert.Equal((BrowserWriteAccess.LocalBrowser, (string?)null), Access("http://127.0.0.1:5000").Check(null));
        Assert.False(Access("http://evil.example:5000").IsLocal);
        Assert.False(Access("http://127.0.0.1:6000").IsLocal);
        Assert.False(Access("https://127.0.0.1:5000").IsLocal);
        Assert.False(Access("null").IsLocal);
        Assert.False(Access(null).IsLocal);
        Assert.Null(Access("http://evil.example:5000").Check(null).Who);
    }
}
