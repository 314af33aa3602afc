using System.Diagnostics;
using Eval.Core.Models;
using Eval.Inference.Onnx.Validation;
using Eval.TestKit;
using Eval.Web.Tests;

namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// A cancellation token stops a model call that would never return by itself (a Loop of 10^12 iterations on batched
/// rows): scoring, generation, masked scoring and validation each end within seconds of the token firing.
/// </summary>
public sealed class TerminableRunTests : IDisposable
{
    private static readonly TimeSpan After = TimeSpan.FromSeconds(1);

    private readonly TempDirectory temp = new();

    [Fact]
    public async Task LogLikelihood_OnBatchedRows_StopsMidCall_WhenCancelled()
    {
        using var model = Load(LoopingDecoder.WhenBatched(temp.File("scoring"), "scoring"), ModelKind.Causal);
        LogLikelihoodRequest[] requests = [new("The cat", " sat."), new("A dog", " ran away.")];

        await AssertStopsAsync(token => model.LogLikelihoodAsync(requests, cancellationToken: token));
    }

    [Fact]
    public async Task Generate_OnBatchedRows_StopsMidCall_WhenCancelled()
    {
        using var model = Load(LoopingDecoder.WhenBatched(temp.File("generation"), "generation"), ModelKind.Causal);
        GenerationRequest[] requests = [new("Once upon a time", 8), new("The", 8)];

        await AssertStopsAsync(token => model.GenerateAsync(requests, cancellationToken: token));
    }

    [Fact]
    public async Task MaskedScoring_OnBatchedRows_StopsMidCall_WhenCancelled()
    {
        using var model = Load(LoopingDecoder.WhenBatched(temp.File("masked"), "masked", "bert-mini-bpe8k"), ModelKind.Masked);

        await AssertStopsAsync(token => model.LogLikelihoodAsync([new LogLikelihoodRequest("", "The cat sat on the mat.")], cancellationToken: token));
    }

    [Fact]
    public async Task Validation_OfAnEndlessModel_StopsMidCall_WhenCancelled()
    {
        var folder = LoopingDecoder.Endless(temp.File("validation"), "validation");

        await AssertStopsAsync(token => Task.Run(() => ModelValidator.Validate(folder, null, cancellationToken: token), CancellationToken.None));
    }

    // Batch limits as appsettings.json sets them (the masked scorer batches rows only under a set MaxBatchTokens).
    private static ILanguageModel Load(string folder, ModelKind kind) =>
        LanguageModelLoader.Load(folder, new InferenceOptions { Device = InferenceOptions.Cpu, MaxBatchTokens = 4096, MaxBatchSize = 128 }, kind);

    private static async Task AssertStopsAsync(Func<CancellationToken, Task> call)
    {
        using var cancel = new CancellationTokenSource(After);
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call(cancel.Token));

        Assert.InRange(clock.Elapsed, After, After + TimeSpan.FromSeconds(10));
    }

    public void Dispose() => temp.Dispose();
}
