using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>The models API as a script uses it: multipart uploads of a folder or a zip, and polling a model's status.</summary>
public sealed class ModelApiClient(HttpClient http)
{
    private static readonly Dictionary<string, string> FieldOfFile = new()
    {
        ["model.onnx"] = "model", ["tokenizer.json"] = "tokenizer", ["config.json"] = "config",
        ["tokenizer_config.json"] = "tokenizer_config", ["model.onnx.data"] = "model_data",
    };

    public HttpClient Http => http;

    /// <summary>The package files of a folder as separate parts (model, tokenizer, config, ...), plus text fields.</summary>
    public static MultipartFormDataContent Files(string folder, params (string Name, string Value)[] fields)
    {
        var content = Text(fields);
        foreach (var file in Directory.GetFiles(folder).Where(f => FieldOfFile.ContainsKey(Path.GetFileName(f))))
            content.Add(Part(File.ReadAllBytes(file)), FieldOfFile[Path.GetFileName(file)], Path.GetFileName(file));
        return content;
    }

    public static MultipartFormDataContent Zip(string zipPath, params (string Name, string Value)[] fields)
    {
        var content = Text(fields);
        content.Add(Part(File.ReadAllBytes(zipPath)), "package", Path.GetFileName(zipPath));
        return content;
    }

    /// <summary>The form's text fields; unless a test names its groups, only BLiMP is asked for, to keep runs few and small.</summary>
    public static MultipartFormDataContent Text(params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
            content.Add(new StringContent(value), name);
        if (fields.All(f => f.Name != "groups"))
            content.Add(new StringContent("blimp"), "groups");
        return content;
    }

    public static ByteArrayContent Part(byte[] bytes)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return part;
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(HttpContent content) =>
        await ReadAsync(await http.PostAsync("/api/models", content));

    public async Task<JsonElement> ModelAsync(long id) => JsonDocument.Parse(await http.GetStringAsync($"/api/models/{id}")).RootElement;

    /// <summary>Polls GET /api/models/{id} until its status is one of <paramref name="statuses"/>; returns the document.</summary>
    public Task<JsonElement> WaitForAsync(long id, string[] statuses, int seconds = 90) =>
        Eventually.WaitForAsync(() => ModelAsync(id), m => statuses.Contains(m.GetProperty("status").GetString()),
            TimeSpan.FromSeconds(seconds), $"model {id} reaching {string.Join(" or ", statuses)}");

    public static async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }
}
