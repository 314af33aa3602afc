using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// Attack: a model whose every forward pass loops (practically) forever. Its validation ends at
/// Eval:Upload:ValidationTimeout with validation_timeout, in the request (nothing stored changes) and in the queued job
/// (the model is rejected with that code), and another upload sent meanwhile is answered without waiting for it.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class EndlessValidationTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);

    private readonly TempDirectory temp = new();

    [Fact]
    public async Task InlineValidation_EndsWithValidationTimeout_AndAnotherUploadIsAnsweredMeanwhile()
    {
        using var factory = new EvalWebFactory(new Dictionary<string, string?> { ["Eval:Upload:ValidationTimeout"] = Timeout.ToString() });
        var address = factory.StartRealServer();
        var api = new ModelApiClient(factory.Client(address, EvalWebFactory.UserKey));
        var before = await StoredState.ReadAsync(factory);
        var endless = ModelApiClient.Files(LoopingDecoder.Endless(temp.File("endless"), "inline"));
        var other = temp.File("nan");
        ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), other);
        File.WriteAllBytes(Path.Combine(other, "model.onnx"), TinyOnnx.Decoder(fill: float.NaN));

        var clock = Stopwatch.StartNew();
        var first = api.UploadAsync(endless);
        await Task.Delay(500);
        var (otherStatus, otherBody) = await api.UploadAsync(ModelApiClient.Files(other));
        var otherAnsweredAfter = clock.Elapsed;
        var firstPendingThen = !first.IsCompleted;
        var (status, body) = await first;
        var elapsed = clock.Elapsed;

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "smoke_test_failed"), (otherStatus, otherBody.GetProperty("code").GetString()));
        Assert.True(firstPendingThen, $"the second upload was answered after {otherAnsweredAfter}, once the first had ended");
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "validation_timeout"), (status, body.GetProperty("code").GetString()));
        Assert.Equal(422, body.GetProperty("status").GetInt32());
        Assert.Contains("8 s", body.GetProperty("detail").GetString());
        Assert.InRange(elapsed, Timeout, Timeout + TimeSpan.FromSeconds(20));
        Assert.Equal(before, await StoredState.ReadAsync(factory));
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task QueuedValidation_RejectsTheModelWithValidationTimeout_AndFreesTheWorker()
    {
        using var factory = new EvalWebFactory(new Dictionary<string, string?>
        {
            ["Eval:Upload:ValidationTimeout"] = Timeout.ToString(),
            ["Eval:Upload:InlineValidationMaxBytes"] = "0",
            ["Eval:Suites:Quick:MaxInstancesPerSubset"] = "1",
        });
        var address = factory.StartRealServer();
        var api = new ModelApiClient(factory.Client(address, EvalWebFactory.UserKey));

        var (status, body) = await api.UploadAsync(ModelApiClient.Files(LoopingDecoder.Endless(temp.File("endless"), "queued")));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = body.GetProperty("id").GetInt64();
        var model = await api.WaitForAsync(id, ["rejected", "failed"], seconds: 60);

        Assert.Equal(("rejected", "validation_timeout"), (model.GetProperty("status").GetString(), model.GetProperty("error_code").GetString()));
        Assert.Contains("8 s", model.GetProperty("error").GetString());
        // The single worker is free again: the next queued validation (a good model) passes.
        var (nextStatus, next) = await api.UploadAsync(ModelApiClient.Files(ModelFixtures.DistinctCopy("gpt-nano-bpe4k", temp.File("nano"), "after-endless")));
        Assert.Equal(HttpStatusCode.Accepted, nextStatus);
        var nextId = next.GetProperty("id").GetInt64();
        var validated = await Eventually.WaitForAsync(() => api.ModelAsync(nextId),
            m => m.GetProperty("model").GetProperty("validated_at").ValueKind != JsonValueKind.Null || m.GetProperty("status").GetString() is "rejected" or "failed",
            TimeSpan.FromSeconds(60), "the next upload's validation ending");
        Assert.NotEqual(JsonValueKind.Null, validated.GetProperty("model").GetProperty("validated_at").ValueKind);
    }

    public void Dispose() => temp.Dispose();
}
