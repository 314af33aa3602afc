using System.Net;
using System.Text.Json;
using Eval.Inference.Onnx;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>Uploads through POST /api/models on a real host: new content, duplicates, an encoder, and the queued validation of large models.</summary>
[Collection(WebHostCollection.Name)]
public sealed class UploadApiTests : IDisposable
{
    /// <summary>A host without the reference models (so their files upload as new content) and a one-per-subset quick suite.</summary>
    public static readonly Dictionary<string, string?> NoReferences = new()
    {
        ["Eval:FirstStart:RegisterReferenceModels"] = "false",
        ["Eval:Suites:Quick:MaxInstancesPerSubset"] = "1",
        ["Eval:Suites:Quick:MaskedMaxInstancesPerSubset"] = "1",
    };

    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Zip_IsValidatedQueuedEvaluated_RankedAndItsResponsesDownloadable()
    {
        using var factory = new EvalWebFactory(NoReferences);
        var address = factory.StartRealServer();
        var api = new ModelApiClient(factory.Client(address, EvalWebFactory.UserKey));
        var zip = ModelFixtures.Zip(ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), temp.File("nano")), temp.File("nano.zip"));

        var (status, body) = await api.UploadAsync(ModelApiClient.Zip(zip, ("name", "my-nano"), ("description", "a zipped export"), ("suite", "quick")));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("queued", body.GetProperty("status").GetString());
        Assert.False(body.TryGetProperty("duplicate", out _));
        var id = body.GetProperty("id").GetInt64();
        var sha = body.GetProperty("sha256").GetString()!;
        Assert.Equal(FileHashes.Sha256(Repo.ReferenceModel("gpt-nano-bpe4k") + "/model.onnx"), sha);
        var identity = body.GetProperty("identity_sha256").GetString()!;
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "models", identity, "model.onnx")));
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "models", identity, "tokenizer.json")));

        var model = await api.WaitForAsync(id, ["finished", "failed"]);
        Assert.Equal("finished", model.GetProperty("status").GetString());
        Assert.Equal("causal", model.GetProperty("model").GetProperty("kind").GetString());
        Assert.Equal("a zipped export", model.GetProperty("model").GetProperty("description").GetString());
        Assert.Equal("test-user", model.GetProperty("model").GetProperty("uploaded_by").GetString());
        var run = Assert.Single(model.GetProperty("runs").EnumerateArray());
        Assert.Equal(("blimp", "finished", 67, 67), (run.GetProperty("scenario").GetString(), run.GetProperty("status").GetString(),
            run.GetProperty("done").GetInt32(), run.GetProperty("total").GetInt32()));

        using var leaderboard = JsonDocument.Parse(await api.Http.GetStringAsync("/api/leaderboard/blimp"));
        var row = Assert.Single(leaderboard.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal(("my-nano", id), (row.GetProperty("model").GetString(), row.GetProperty("model_id").GetInt64()));
        Assert.InRange(row.GetProperty("values").GetProperty("overall").GetProperty("value").GetDouble(), 0, 1);

        var lines = (await api.Http.GetStringAsync($"/api/runs/{run.GetProperty("id").GetInt64()}/responses.jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(134, lines.Length);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(factory.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task Files_OfADistinctCopy_AreNew_WhileTheReferenceCopyAndARepeatAreDuplicates()
    {
        using var factory = new EvalWebFactory(new Dictionary<string, string?> { ["Eval:Suites:Quick:MaxInstancesPerSubset"] = "1" });
        var address = factory.StartRealServer();
        var api = new ModelApiClient(factory.Client(address, EvalWebFactory.UserKey));
        var before = await StoredState.ReadAsync(factory);

        var (status, body) = await api.UploadAsync(ModelApiClient.Files(Repo.ReferenceModel("gpt-nano-bpe4k")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal("finished", body.GetProperty("status").GetString());
        using (var models = JsonDocument.Parse(await api.Http.GetStringAsync("/api/models")))
        {
            var reference = models.RootElement.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "gpt-nano-bpe4k");
            Assert.Equal(reference.GetProperty("id").GetInt64(), body.GetProperty("id").GetInt64());
            Assert.Equal("reference", reference.GetProperty("source").GetString());
        }
        Assert.Equal(before, await StoredState.ReadAsync(factory));

        var copy = ModelFixtures.DistinctCopy("gpt-nano-bpe4k", temp.File("copy"), "files-test");
        (status, body) = await api.UploadAsync(ModelApiClient.Files(copy, ("name", "nano-copy")));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = body.GetProperty("id").GetInt64();
        var finished = await api.WaitForAsync(id, ["finished", "failed"]);
        Assert.Equal("finished", finished.GetProperty("status").GetString());

        (status, body) = await api.UploadAsync(ModelApiClient.Files(copy, ("name", "another name")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((id, true, "finished"), (body.GetProperty("id").GetInt64(), body.GetProperty("duplicate").GetBoolean(), body.GetProperty("status").GetString()));
        var after = await StoredState.ReadAsync(factory);
        Assert.Equal((before.Models + 1, before.Runs + 1), (after.Models, after.Runs));
    }

    [Fact]
    public async Task Encoder_IsRecognisedAsMasked_AndScoredByPseudoLogLikelihood()
    {
        using var factory = new EvalWebFactory(NoReferences);
        var api = new ModelApiClient(factory.Client(factory.StartRealServer(), EvalWebFactory.UserKey));

        var (status, body) = await api.UploadAsync(ModelApiClient.Files(Repo.ReferenceModel(Repo.ReferenceEncoder)));

        Assert.Equal(HttpStatusCode.Accepted, status);
        var model = await api.WaitForAsync(body.GetProperty("id").GetInt64(), ["finished", "failed"], seconds: 120);
        Assert.Equal("finished", model.GetProperty("status").GetString());
        Assert.Equal("masked", model.GetProperty("model").GetProperty("kind").GetString());
        var run = Assert.Single(model.GetProperty("runs").EnumerateArray());
        Assert.Equal(("pll", 67), (run.GetProperty("convention").GetString(), run.GetProperty("done").GetInt32()));
        using var leaderboard = JsonDocument.Parse(await api.Http.GetStringAsync("/api/leaderboard/blimp"));
        var row = Assert.Single(leaderboard.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal(run.GetProperty("id").GetInt64(), row.GetProperty("values").GetProperty("overall").GetProperty("run_id").GetInt64());
    }

    [Fact]
    public async Task LargeUploads_AreValidatedByAJob_RejectedWithTheirCode_OrAcceptedAndEvaluated()
    {
        // Every model counts as large here, so validation is queued: queued -> validating -> rejected or evaluated.
        using var factory = new EvalWebFactory(new Dictionary<string, string?>(NoReferences) { ["Eval:Upload:InlineValidationMaxBytes"] = "0" });
        var api = new ModelApiClient(factory.Client(factory.StartRealServer(), EvalWebFactory.UserKey));
        var broken = ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), temp.File("nan"));
        File.WriteAllBytes(Path.Combine(broken, "model.onnx"), TinyOnnx.Decoder(fill: float.NaN));

        var (status, body) = await api.UploadAsync(ModelApiClient.Files(broken, ("name", "nan-model")));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var rejected = await api.WaitForAsync(body.GetProperty("id").GetInt64(), ["rejected", "finished", "failed"]);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("smoke_test_failed", rejected.GetProperty("error_code").GetString());
        Assert.Contains("NaN", rejected.GetProperty("error").GetString());
        Assert.Empty(rejected.GetProperty("runs").EnumerateArray());
        Assert.False(Directory.Exists(Path.Combine(factory.DataDirectory, "models", body.GetProperty("identity_sha256").GetString()!)));

        (status, body) = await api.UploadAsync(ModelApiClient.Files(Repo.ReferenceModel("gpt-nano-bpe4k")));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var accepted = await api.WaitForAsync(body.GetProperty("id").GetInt64(), ["rejected", "finished", "failed"]);
        Assert.Equal("finished", accepted.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, accepted.GetProperty("model").GetProperty("validated_at").ValueKind);
    }

    [Fact]
    public async Task SameFileUploadedAtTheSameMoment_EndsAsOneModelAndOneSetOfRuns()
    {
        using var factory = new EvalWebFactory(NoReferences);
        var address = factory.StartRealServer();
        var a = ModelFixtures.Zip(ModelFixtures.DistinctCopy("gpt-nano-bpe4k", temp.File("a"), "a"), temp.File("a.zip"));
        var b = ModelFixtures.DistinctCopy("gpt-nano-bpe4k", temp.File("b"), "b");

        // Four uploads of one zip and three of another model's files, all at once, each on its own connection.
        var uploads = Enumerable.Range(0, 7).Select(async i =>
        {
            using var client = factory.Client(address, EvalWebFactory.UserKey);
            return await new ModelApiClient(client).UploadAsync(i < 4 ? ModelApiClient.Zip(a) : ModelApiClient.Files(b));
        }).ToList();
        var answers = await Task.WhenAll(uploads);

        foreach (var group in new[] { answers[..4], answers[4..] })
        {
            Assert.Single(group, x => x.Status == HttpStatusCode.Accepted);
            Assert.All(group.Where(x => x.Status != HttpStatusCode.Accepted), x =>
                Assert.Equal((HttpStatusCode.OK, true), (x.Status, x.Body.GetProperty("duplicate").GetBoolean())));
            Assert.Single(group.Select(x => x.Body.GetProperty("id").GetInt64()).Distinct());
        }
        var api = new ModelApiClient(factory.Client(address));
        foreach (var id in answers.Select(x => x.Body.GetProperty("id").GetInt64()).Distinct())
            Assert.Equal("finished", (await api.WaitForAsync(id, ["finished", "failed"])).GetProperty("status").GetString());
        var state = await StoredState.ReadAsync(factory);
        Assert.Equal((2, 2, 2 * 134), (state.Models, state.Runs, state.Responses));
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(factory.DataDirectory, "models")).Length);
        Assert.Equal(0, state.UploadFiles);
    }

    public void Dispose() => temp.Dispose();
}
