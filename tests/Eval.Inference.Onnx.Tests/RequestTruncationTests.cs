using Eval.Core.Models;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>A request longer than the context window loses its earliest context tokens, and its result says so.</summary>
public sealed class RequestTruncationTests
{
    [Fact]
    public async Task LogLikelihood_MarksTruncated_OnlyWhenTheContextWasCut()
    {
        using var model = OnnxLanguageModel.Load(Repo.ReferenceModel("gpt-nano-bpe4k"), new InferenceOptions { Device = InferenceOptions.Cpu });
        var longContext = string.Concat(Enumerable.Repeat("The cat sat on the mat. ", model.Info.ContextLength));

        var results = await model.LogLikelihoodAsync(
            [new LogLikelihoodRequest("The cat sat on the", " mat."), new LogLikelihoodRequest(longContext + "The cat sat on the", " mat.")]);

        Assert.False(results[0].Truncated);
        Assert.True(results[1].Truncated);
        Assert.Equal(results[0].TokenCount, results[1].TokenCount);
    }
}
