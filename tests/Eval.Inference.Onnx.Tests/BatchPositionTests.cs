using Eval.Core.Models;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// With the shipped Inference:MaxBatchTokens (4096) a prompt cut to the context and a short prompt with a long
/// continuation fit one batch's token budget; together their longest prefix and longest remaining part exceed the
/// context, which once sent positions past the position table (/wpe/Gather idx=512). Each must score as it does alone.
/// </summary>
public sealed class BatchPositionTests
{
    [Fact]
    public async Task LogLikelihood_InOneLargeBatch_ScoresAsAlone_WithoutPositionsPastTheContext()
    {
        using var model = OnnxLanguageModel.Load(Repo.ReferenceModel("gpt-mini-bpe8k"),
            new InferenceOptions { Device = InferenceOptions.Cpu, MaxBatchTokens = 4096 });
        var longContext = string.Concat(Enumerable.Repeat("The cat sat on the mat. ", model.Info.ContextLength));
        var longAnswer = string.Concat(Enumerable.Repeat(" and the dog ran", model.Info.ContextLength / 10));
        LogLikelihoodRequest[] requests =
            [new(longContext, " Yes"), new(longContext, " No"), new("Q:", " Yes" + longAnswer), new("Q:", " No" + longAnswer)];

        var batched = await model.LogLikelihoodAsync(requests);
        var alone = new List<double>();
        foreach (var request in requests)
            alone.Add((await model.LogLikelihoodAsync([request]))[0].LogProb);

        Assert.True(batched[0].Truncated);
        Assert.Equal(alone, batched.Select(r => r.LogProb), (a, b) => Math.Abs(a - b) < 1e-3);
    }
}
