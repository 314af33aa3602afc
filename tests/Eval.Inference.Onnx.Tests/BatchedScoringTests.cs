using Eval.Core.Adapters;
using Eval.Core.Metrics;
using Eval.Core.Models;
using Eval.Core.Scenarios;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>On a small BLiMP slice, batched scoring equals one sentence at a time: log-probs within 1e-4, same decisions.</summary>
public sealed class BatchedScoringTests
{
    [Theory]
    [InlineData("gpt-nano-bpe4k")]
    [InlineData("llama-mini-bpe8k")]
    public async Task Batched_EqualsOneAtATime_OnABlimpSlice(string name)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Repo.Scenarios, "blimp"));
        var instances = InstanceSampler.Sample(InstanceReader.Read(scenario), 1, 0).Take(40).ToList();
        var adapter = new MinimalPairAdapter(MinimalPairConventions.EotSpace);
        var requests = instances.SelectMany(adapter.BuildRequests).ToList();
        using var model = OnnxLanguageModel.Load(Repo.ReferenceModel(name),
            new InferenceOptions { Device = InferenceOptions.Cpu, MaxBatchTokens = 512 });

        var batched = await model.LogLikelihoodAsync(requests);
        var single = new List<LogLikelihoodResult>();
        foreach (var request in requests)
            single.Add((await model.LogLikelihoodAsync([request]))[0]);

        var metric = new MinimalPairAccuracyMetric();
        for (var i = 0; i < requests.Count; i++)
        {
            Assert.True(Math.Abs(batched[i].LogProb - single[i].LogProb) < 1e-4, $"{requests[i].Continuation}: {batched[i].LogProb} vs {single[i].LogProb}");
            Assert.Equal(single[i].TokenCount, batched[i].TokenCount);
        }
        for (var k = 0; k < instances.Count; k++)
            Assert.Equal(metric.Score(instances[k], single.Skip(2 * k).Take(2).ToList()), metric.Score(instances[k], batched.Skip(2 * k).Take(2).ToList()));
    }

    [Fact]
    public async Task IdenticalSentences_GetIdenticalScores_AndTheirPairIsWrong()
    {
        using var model = OnnxLanguageModel.Load(Repo.ReferenceModel("gpt-nano-bpe4k"), new InferenceOptions { Device = InferenceOptions.Cpu });
        var sentence = " Every cat sleeps.";
        LogLikelihoodRequest[] requests = [new("", sentence), new("", " A much longer sentence that changes the batch shape entirely."), new("", sentence)];

        var results = await model.LogLikelihoodAsync(requests);

        Assert.Equal(results[0].LogProb, results[2].LogProb);
        var pair = new Instance("p", "", [new Reference(sentence, true), new Reference(sentence, false)], "s");
        Assert.Equal(0.0, new MinimalPairAccuracyMetric().Score(pair, [results[0], results[2]]));
    }
}
