using Eval.Core.Models;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>The other export forms of gpt-nano-bpe4k score and generate exactly like the main export.</summary>
public sealed class VariantTests
{
    public static TheoryData<string> Variants => new(Repo.Variants);

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Variant_MatchesExpectedLogProbs_AndGreedyIds(string name)
    {
        var directory = Repo.Variant(name);
        using var model = TestModels.Load(directory);
        var fixture = ExpectedFixture.Load(directory);

        var results = await model.LogLikelihoodAsync(fixture.Probes.Select(p => new LogLikelihoodRequest("", p.Text)).ToList());
        var generated = (await model.GenerateAsync([new GenerationRequest(TestModels.Prompt, 16, IgnoreEos: true)]))[0];

        for (var i = 0; i < fixture.Probes.Count; i++)
        {
            Assert.Equal(fixture.Probes[i].Ids, model.Tokenize(fixture.Probes[i].Text));
            GenerationTests.AssertClose(fixture.Probes[i].LogProbs.Select(x => (float)x).ToList(), results[i].TokenLogProbs!, 1e-4);
        }
        Assert.Equal(fixture.GreedyGeneratedIds, generated.TokenIds);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Variant_BatchedGeneration_MatchesMainExport(string name)
    {
        using var variant = TestModels.Load(Repo.Variant(name));
        using var main = TestModels.Reference(TestModels.Nano);
        GenerationRequest[] requests = [new("The", 6, IgnoreEos: true), new("She opened the door and saw", 6, IgnoreEos: true)];

        var expected = await main.GenerateAsync(requests);
        var actual = await variant.GenerateAsync(requests);

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(expected[i].TokenIds, actual[i].TokenIds);
            GenerationTests.AssertClose(expected[i].TokenLogProbs, actual[i].TokenLogProbs, 1e-4);
        }
    }

    [Fact]
    public void Signatures_AreReadFromEachExport()
    {
        using var nopast = TestModels.Load(Repo.Variant("gpt-nano-bpe4k-nopast"));
        using var noPositions = TestModels.Load(Repo.Variant("gpt-nano-bpe4k-no-position-ids"));

        Assert.False(nopast.Signature.HasPast);
        Assert.True(noPositions.Signature.HasPast);
        Assert.False(noPositions.Signature.HasPositionIds);
    }
}
