using Eval.Core.Models;
using Eval.Inference.Onnx.Validation;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// Issue #13 item 9: grouped-query attention (fewer key/value heads than attention heads, cache tensors
/// [batch, kv_heads, past, head_dim]) and layers with different key/value shapes, on gpt-nano-bpe4k adapted so
/// (<see cref="GroupedQueryExport"/>): what is scored and generated through the cache equals a full recomputation.
/// </summary>
public sealed class GroupedQueryAttentionTests
{
    private const int Heads = 2;
    private const int HeadDim = 32;

    [Theory]
    [InlineData("uniform")]
    [InlineData("per_layer")]
    public async Task ScoringThroughTheCache_EqualsFullRecomputation(string layout)
    {
        using var temp = Export(layout);
        using var cached = TestModels.Load(temp.Path);
        using var full = TestModels.Load(temp.Path, o => o.SharePrefixes = false);
        LogLikelihoodRequest[] pairs =
        [
            new("The cat", " sat on the mat."), new("The cat", " sits on the mats."),
            new("Once upon a time there was", " a king."), new("Once upon a time there was", " a queen who ruled."),
        ];

        var throughCache = await cached.LogLikelihoodAsync(pairs);
        var recomputed = await full.LogLikelihoodAsync(pairs);

        Assert.Equal((1, HeadDim), cached.Signature.PastShape(0));
        Assert.Equal(layout == "uniform" ? (1, HeadDim) : (Heads, HeadDim), cached.Signature.PastShape(2));
        for (var i = 0; i < pairs.Length; i++)
            GenerationTests.AssertClose(recomputed[i].TokenLogProbs!, throughCache[i].TokenLogProbs!, 1e-4);
        // A different model from the reference: the fixture really changed the attention.
        using var reference = TestModels.Reference(TestModels.Nano);
        var original = await reference.LogLikelihoodAsync(pairs);
        Assert.True(Math.Abs(original[0].LogProb - throughCache[0].LogProb) > 1e-3);
    }

    [Theory]
    [InlineData("uniform")]
    [InlineData("per_layer")]
    public async Task GenerationThroughTheCache_EqualsFullRecomputation(string layout)
    {
        using var temp = Export(layout);
        using var model = TestModels.Load(temp.Path);

        var generated = (await model.GenerateAsync([new GenerationRequest(TestModels.Prompt, 12, IgnoreEos: true)]))[0];

        var prompt = model.Tokenize(TestModels.Prompt);
        int[] context = generated.PromptTokenCount == prompt.Length ? prompt : [model.Info.BosTokenId, .. prompt];
        Assert.Equal(generated.PromptTokenCount, context.Length);
        var recomputed = model.ScoreTokens([new TokenSequence(context, [.. generated.TokenIds])])[0];
        GenerationTests.AssertClose(recomputed.LogProbs, generated.TokenLogProbs, 1e-4);
        Assert.True(recomputed.IsGreedy);
        Assert.Equal(ModelKind.Causal, ModelValidator.Validate(temp.Path).Kind);
    }

    /// <summary>gpt-nano with one key/value head for both its attention heads in every layer (uniform) or only in layer 0 (per_layer).</summary>
    private static TempDirectory Export(string layout)
    {
        var kv = layout == "uniform" ? new Dictionary<int, int> { [0] = 1, [1] = 1 } : new Dictionary<int, int> { [0] = 1 };
        return ExportShapeTests.Export(bytes => GroupedQueryExport.Adapt(bytes, Heads, HeadDim, kv));
    }
}
