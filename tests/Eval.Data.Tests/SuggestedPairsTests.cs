using Eval.Data.Entities;
using Eval.Data.Queries;

namespace Eval.Data.Tests;

public sealed class SuggestedPairsTests
{
    private static RunEntity Run(long id, long modelId, string model, int? sample = 100, string convention = "eot_space") => new()
    {
        Id = id, ModelId = modelId, Model = new ModelEntity { Id = modelId, Name = model, Directory = "", Sha256 = "", TokenizerSha256 = "", Source = "" },
        ScenarioId = "blimp", Convention = convention, SamplePerSubset = sample, RunKey = $"k{id}", SpecJson = "{}", SpecHash = "",
    };

    [Fact]
    public void For_PairsRunsRunAlike_CheckpointsOfOneModelFirst_OneRunPerModel()
    {
        RunEntity[] runs =
        [
            Run(1, 10, "byte-gpt-mini"),
            Run(2, 11, "gpt-mini-bpe8k"),
            Run(3, 11, "gpt-mini-bpe8k"),
            Run(4, 12, "gpt-mini-bpe8k-early"),
            Run(5, 13, "gpt-nano-bpe4k"),
            Run(6, 14, "llama-mini-bpe8k", sample: null),
        ];

        var pairs = SuggestedPairs.For(runs);

        Assert.Equal([(2L, 4L), (2L, 5L), (4L, 5L)], pairs.Select(p => (p.A.Id, p.B.Id)));
    }
}
