using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// Requests a client can craft that used to end in an unhandled 500, or echoed megabytes back: each is a 4xx problem
/// with a code, a short detail, and nothing stored changes.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class MalformedRequestTests(UploadHostFixture host) : IClassFixture<UploadHostFixture>
{
    [Theory]
    [InlineData("vocab_id_negative", 422, "tokenizer_unreadable")]
    [InlineData("vocab_id_max", 422, "vocab_too_large")]
    [InlineData("garbage_multipart", 400, "field_invalid")]
    [InlineData("long_boundary", 400, "field_invalid")]
    [InlineData("upload_long_suite", 400, "field_invalid")]
    [InlineData("compare_page_overflow", 400, "field_invalid")]
    [InlineData("compare_a_not_number", 400, "field_invalid")]
    [InlineData("evaluate_duplicate_key", 400, "field_invalid")]
    [InlineData("evaluate_huge_value", 400, "field_invalid")]
    [InlineData("evaluate_huge_field_name", 400, "unknown_field")]
    public async Task MalformedRequest_IsA4xxProblemWithACode_AndNothingStoredChanges(string bad, int status, string code)
    {
        using var client = host.Factory.Client(host.Address, EvalWebFactory.UserKey);
        var before = await StoredState.ReadAsync(host.Factory);

        using var response = await client.SendAsync(Request(bad));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{bad}: expected {status}, got {(int)response.StatusCode}: {text[..Math.Min(text.Length, 2000)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.True(text.Length < 2000, $"{bad}: a {text.Length}-character answer");
        Assert.Equal(before, await StoredState.ReadAsync(host.Factory));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    private HttpRequestMessage Request(string bad)
    {
        HttpRequestMessage Post(string path, HttpContent content) => new(HttpMethod.Post, path) { Content = content };
        HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");
        var huge = new string('q', 5 * 1024 * 1024);
        switch (bad)
        {
            case "vocab_id_negative" or "vocab_id_max":
                var folder = ModelFixtures.DistinctCopy("gpt-nano-bpe4k", host.Temp.File(bad), bad);
                var path = Path.Combine(folder, "tokenizer.json");
                var tokenizer = JsonNode.Parse(File.ReadAllText(path))!;
                var vocab = tokenizer["model"]!["vocab"]!.AsObject();
                vocab[vocab.Last().Key] = bad == "vocab_id_negative" ? -5 : int.MaxValue;
                File.WriteAllText(path, tokenizer.ToJsonString());
                return Post("/api/models", ModelApiClient.Files(folder, ("name", bad)));
            case "garbage_multipart":
                var garbage = new ByteArrayContent(Encoding.ASCII.GetBytes("this is no multipart body at all\r\n\r\n--"));
                garbage.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
                return Post("/api/models", garbage);
            case "long_boundary":
                var boundary = new string('b', 200);
                // Written by hand: .NET's MultipartFormDataContent refuses boundaries over RFC 2046's 70 characters.
                var content = new ByteArrayContent(Encoding.ASCII.GetBytes(
                    $"--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--{boundary}--\r\n"));
                content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
                return Post("/api/models", content);
            case "upload_long_suite":
                return Post("/api/models", ModelApiClient.Text(("suite", new string('s', 16 * 1024))));
            case "compare_page_overflow":
                return new HttpRequestMessage(HttpMethod.Get, "/compare?scenario=blimp&a=1&b=2&page=99999999999");
            case "compare_a_not_number":
                return new HttpRequestMessage(HttpMethod.Get, "/compare?a=abc");
            case "evaluate_duplicate_key":
                return Post("/api/models/1/evaluate", Json("{\"suite\":\"quick\",\"suite\":\"full\"}"));
            case "evaluate_huge_value":
                return Post("/api/models/1/evaluate", Json("{\"suite\":\"" + huge + "\"}"));
            case "evaluate_huge_field_name":
                return Post("/api/models/1/evaluate", Json("{\"" + huge + "\":1}"));
        }
        throw new ArgumentOutOfRangeException(nameof(bad), bad);
    }
}
