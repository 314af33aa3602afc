using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// Each kind of bad upload gets its own problem code, the server stays up, and nothing stored changes (rows,
/// model files, staging folders).
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class BadUploadTests(UploadHostFixture host) : IClassFixture<UploadHostFixture>
{
    private static readonly string Nano = Repo.ReferenceModel("gpt-nano-bpe4k");

    [Theory]
    [InlineData("not_onnx", 422, "onnx_unreadable")]
    [InlineData("no_attention_mask", 422, "signature_missing_input")]
    [InlineData("float_input_ids", 422, "signature_bad_type")]
    [InlineData("no_logits", 422, "signature_missing_output")]
    [InlineData("no_tokenizer", 400, "tokenizer_missing")]
    [InlineData("tokenizer_not_json", 422, "tokenizer_unreadable")]
    [InlineData("small_logits", 422, "vocab_mismatch")]
    [InlineData("bos_outside_vocabulary", 422, "special_token_missing")]
    [InlineData("eos_token_unknown", 422, "special_token_missing")]
    [InlineData("nan_logits", 422, "smoke_test_failed")]
    [InlineData("zip_slip", 400, "zip_unsafe_entry")]
    [InlineData("zip_absolute_path", 400, "zip_unsafe_entry")]
    [InlineData("zip_symlink", 400, "zip_unsafe_entry")]
    [InlineData("zip_bomb", 413, "zip_too_large")]
    [InlineData("zip_over_total", 413, "zip_too_large")]
    [InlineData("zip_without_model", 400, "model_missing")]
    [InlineData("not_a_zip", 400, "zip_unreadable")]
    [InlineData("file_over_limit", 413, "file_too_large")]
    [InlineData("config_over_limit", 413, "file_too_large")]
    [InlineData("tokenizer_config_over_limit", 413, "file_too_large")]
    [InlineData("tokenizer_over_limit", 413, "file_too_large")]
    [InlineData("zip_config_over_limit", 413, "zip_too_large")]
    [InlineData("token_id_too_large", 422, "vocab_too_large")]
    [InlineData("vocab_size_too_large", 422, "vocab_too_large")]
    [InlineData("empty_model", 400, "empty_file")]
    [InlineData("unknown_field", 400, "unknown_field")]
    [InlineData("unknown_suite", 400, "field_invalid")]
    [InlineData("config_not_json", 422, "config_unreadable")]
    [InlineData("masked_decoder", 422, "kind_mismatch")]
    [InlineData("json_body", 415, "unsupported_media_type")]
    public async Task BadUpload_IsRefusedWithItsCode_AndNothingStoredChanges(string bad, int status, string code)
    {
        using var client = host.Factory.Client(host.Address, EvalWebFactory.UserKey);
        var before = await StoredState.ReadAsync(host.Factory);

        var response = await client.PostAsync("/api/models", Content(bad));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{bad}: expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        var root = problem.RootElement;
        Assert.Equal(code, root.GetProperty("code").GetString());
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("type").GetString()));
        var detail = root.GetProperty("detail").GetString()!;
        Assert.DoesNotContain(host.Factory.DataDirectory, detail);
        Assert.Equal(before, await StoredState.ReadAsync(host.Factory));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    private HttpContent Content(string bad)
    {
        var folder = host.Temp.File(bad);
        // A distinct model.onnx: the reference one is registered, so its upload would be answered as a duplicate before any check.
        ModelFixtures.DistinctCopy("gpt-nano-bpe4k", folder, bad);
        string Zip(params (string Name, byte[] Content, CompressionLevel Level, int? UnixMode)[] entries) =>
            ModelFixtures.CraftedZip(host.Temp.File(bad + ".zip"), entries);
        byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Nano, file));
        void Write(string file, byte[] content) => File.WriteAllBytes(Path.Combine(folder, file), content);
        void Edit(string file, string from, string to) =>
            File.WriteAllText(Path.Combine(folder, file), File.ReadAllText(Path.Combine(folder, file)).Replace(from, to));
        var ok = CompressionLevel.Optimal;

        switch (bad)
        {
            case "not_onnx": Write("model.onnx", Encoding.UTF8.GetBytes("this is not an ONNX file")); break;
            case "no_attention_mask": Write("model.onnx", TinyOnnx.Decoder(withAttentionMask: false)); break;
            case "float_input_ids": Write("model.onnx", TinyOnnx.Decoder(floatInputIds: true)); break;
            case "no_logits": Write("model.onnx", TinyOnnx.Decoder(logitsName: "scores")); break;
            case "no_tokenizer": File.Delete(Path.Combine(folder, "tokenizer.json")); break;
            case "tokenizer_not_json": Write("tokenizer.json", Encoding.UTF8.GetBytes("{ \"model\": ")); break;
            case "small_logits": Write("model.onnx", TinyOnnx.Decoder(vocab: 100)); break;
            case "bos_outside_vocabulary": Edit("config.json", "\"bos_token_id\": 0", "\"bos_token_id\": 99999"); break;
            case "eos_token_unknown": Edit("tokenizer_config.json", "\"eos_token\": \"<|endoftext|>\"", "\"eos_token\": \"</s>\""); break;
            case "nan_logits": Write("model.onnx", TinyOnnx.Decoder(fill: float.NaN)); break;
            case "config_not_json": Write("config.json", Encoding.UTF8.GetBytes("{ \"model_name\": ")); break;
            case "empty_model": Write("model.onnx", []); break;
            case "config_over_limit": Edit("config.json", "{", "{\"padding\": \"" + new string('x', (int)UploadHostFixture.MaxSettingsFileBytes) + "\","); break;
            case "tokenizer_config_over_limit": Edit("tokenizer_config.json", "{", "{\"chat_template\": \"" + new string('x', (int)UploadHostFixture.MaxSettingsFileBytes) + "\","); break;
            case "tokenizer_over_limit": Edit("tokenizer.json", "{", "{" + new string(' ', (int)UploadHostFixture.MaxTokenizerFileBytes)); break;
            case "token_id_too_large": Edit("tokenizer.json", "\"id\": 0,", "\"id\": 50000000,"); break;
            case "vocab_size_too_large": Edit("config.json", "\"vocab_size\": 4096", "\"vocab_size\": 2000000"); break;
            case "zip_config_over_limit":
                return ModelApiClient.Zip(Zip(("model.onnx", Bytes("model.onnx"), CompressionLevel.NoCompression, null),
                    ("config.json", new byte[UploadHostFixture.MaxSettingsFileBytes + 1], CompressionLevel.NoCompression, null)));
            case "file_over_limit": Write("model.onnx", new byte[UploadHostFixture.MaxFileBytes + 1]); break;
            case "zip_slip":
                return ModelApiClient.Zip(Zip(("m/model.onnx", Bytes("model.onnx"), ok, null), ("m/tokenizer.json", Bytes("tokenizer.json"), ok, null),
                    ("../../evil.sh", "echo owned"u8.ToArray(), ok, null)));
            case "zip_absolute_path":
                return ModelApiClient.Zip(Zip(("model.onnx", Bytes("model.onnx"), ok, null), ("/etc/cron.d/evil", "* * * * * root true"u8.ToArray(), ok, null)));
            case "zip_symlink":
                return ModelApiClient.Zip(Zip(("model.onnx", Bytes("model.onnx"), ok, null), ("tokenizer.json", "/etc/passwd"u8.ToArray(), ok, 0xA1FF)));
            case "zip_bomb":
                return ModelApiClient.Zip(Zip(("model.onnx", new byte[64 * 1024 * 1024], CompressionLevel.SmallestSize, null)));
            case "zip_over_total":
                return ModelApiClient.Zip(Zip(("model.onnx", new byte[UploadHostFixture.MaxZipTotalBytes + 1], CompressionLevel.NoCompression, null)));
            case "zip_without_model":
                return ModelApiClient.Zip(Zip(("export/tokenizer.json", Bytes("tokenizer.json"), ok, null), ("export/README.md", "no model"u8.ToArray(), ok, null)));
            case "not_a_zip":
                File.WriteAllText(host.Temp.File("not.zip"), "PK, but not really a zip");
                return ModelApiClient.Zip(host.Temp.File("not.zip"));
            case "json_body":
                return new StringContent("{\"name\": \"x\"}", Encoding.UTF8, "application/json");
        }
        var fields = bad switch
        {
            "unknown_field" => new[] { ("colour", "blue") },
            "unknown_suite" => [("suite", "huge")],
            "masked_decoder" => [("kind", "masked")],
            _ => [],
        };
        return ModelApiClient.Files(folder, fields);
    }
}
