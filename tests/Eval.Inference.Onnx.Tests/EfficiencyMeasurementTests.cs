using System.Text.Json.Nodes;
using Eval.Core.Adapters;
using Eval.Core.Efficiency;
using Eval.Core.Metrics;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.Inference.Onnx.Graph;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// The efficiency scenario on a real model with tiny settings: every figure exists and is positive (timings are
/// never compared with a number), sizes equal what is counted independently from the files, energy is there exactly
/// when this machine exposes a readable counter.
/// </summary>
public sealed class EfficiencyMeasurementTests
{
    private static readonly EfficiencySpec Tiny = new([8, 600], GeneratedTokens: 4, Warmup: 1, Repeats: 2, Seed: 0);

    private static async Task<(List<InstanceResult> Results, IReadOnlyList<StatSummary> Stats)> MeasureAsync(string modelName)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Repo.Scenarios, "efficiency")) with { Efficiency = Tiny };
        using var model = TestModels.Reference(modelName);
        var results = new List<InstanceResult>();
        await new EvalRunner().RunAsync(model, scenario, EfficiencyInstances.Create(Tiny), EfficiencyAdapter.Greedy,
            (chunk, _) => { results.AddRange(chunk); return Task.CompletedTask; });
        var stats = StatAggregator.Aggregate(results.SelectMany(r =>
            r.Stats.Select(s => new InstanceStat(r.InstanceId, r.Subset, r.SubsetGroup, s.Key, s.Value))), KnownMetrics.For(scenario).Run);
        return (results, stats);
    }

    [Fact]
    public async Task Nano_HasEveryFigure_AndSizesCountedFromTheFiles()
    {
        var (results, stats) = await MeasureAsync(TestModels.Nano);
        double Overall(string metric) => stats.Single(s => s.Metric == metric && s.Level == StatLevel.Overall).Mean;

        var folder = Repo.ReferenceModel(TestModels.Nano);
        var modelPath = Path.Combine(folder, "model.onnx");
        var initializerElements = OnnxModelFile.Read(modelPath).Initializers.Sum(i => i.Dims.Aggregate(1L, (a, d) => a * d));
        var configParameters = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!["parameters"]!.GetValue<long>();
        Assert.Equal(395008, configParameters);
        Assert.Equal(initializerElements, Overall(EfficiencyMetrics.Parameters));
        Assert.Equal(configParameters, Overall(EfficiencyMetrics.Parameters));
        Assert.Equal(new FileInfo(modelPath).Length, Overall(EfficiencyMetrics.FileBytes));

        foreach (var metric in new[]
                 {
                     EfficiencyMetrics.ModelMemoryBytes, EfficiencyMetrics.TtftP50, EfficiencyMetrics.TtftP95,
                     EfficiencyMetrics.DecodeMsPerTokenP50, EfficiencyMetrics.PrefillTokensPerSecond, EfficiencyMetrics.DecodeTokensPerSecond,
                 })
            Assert.True(Overall(metric) > 0, metric);
        Assert.True(Overall(EfficiencyMetrics.TtftP95) >= Overall(EfficiencyMetrics.TtftP50));

        // One instance per length and repeat, each one stored response of exactly the generated tokens.
        Assert.Equal(["prompt_0008-01", "prompt_0008-02", "prompt_0600-01", "prompt_0600-02"], results.Select(r => r.InstanceId));
        Assert.All(results, r => Assert.Equal(4, Assert.Single(r.Requests).TokenCount));
        // 600 requested tokens do not fit nano's 512 positions with 4 to generate: 508 are used, and the row says so.
        Assert.All(results.Where(r => r.Subset == "prompt_600"), r =>
        {
            Assert.Equal(508, r.Stats[EfficiencyMetrics.RepPromptTokens]);
            Assert.True(r.Requests[0].Truncated);
            Assert.Contains("508 token ids (requested 600", r.Requests[0].Prompt);
        });
        Assert.All(results.Where(r => r.Subset == "prompt_008"), r => Assert.Equal(8, r.Stats[EfficiencyMetrics.RepPromptTokens]));
        // Each repetition says how busy the machine was, and on how many processors.
        Assert.All(results, r => Assert.Equal(Environment.ProcessorCount, r.Stats[EfficiencyMetrics.RepLogicalCpus]));
        Assert.All(results, r => Assert.True(r.Stats[EfficiencyMetrics.RepLoadAverage] >= 0));
        // The median of two repetitions lies in their interquartile range.
        var decode = MeasuredSpread.Of(EfficiencyMetrics.DecodeTokensPerSecond, results.Select(r => r.Stats[EfficiencyMetrics.RepDecodeTokensPerSecond]))!;
        Assert.InRange(Overall(EfficiencyMetrics.DecodeTokensPerSecond), decode.Low, decode.High);
    }

    [Fact]
    public async Task Energy_IsPresentExactlyWhenThisMachineExposesACounter()
    {
        // The tests run on the CPU provider: RAPL is the meter that applies.
        using var rapl = RaplEnergyMeter.TryOpen();

        var (results, stats) = await MeasureAsync(TestModels.Nano);

        Assert.Equal(rapl is not null, stats.Any(s => s.Metric == EfficiencyMetrics.EnergyPerToken));
        Assert.Equal(rapl is not null, results.All(r => r.Stats.ContainsKey(EfficiencyMetrics.RepEnergyPerToken)));
    }

    [Theory]
    [InlineData("byte-gpt-mini")]
    [InlineData("gpt-mini-bpe8k")]
    [InlineData("gpt-mini-bpe8k-early")]
    [InlineData("llama-mini-bpe8k")]
    public void Footprint_ParametersEqualTheConfigCount(string name)
    {
        using var model = TestModels.Reference(name);
        var folder = Repo.ReferenceModel(name);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!["parameters"]!.GetValue<long>();

        Assert.Equal(config, model.Info.Footprint!.Parameters);
        Assert.Equal(new FileInfo(Path.Combine(folder, "model.onnx")).Length, model.Info.Footprint.FileBytes);
    }
}
