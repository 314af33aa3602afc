using Eval.Core.Adapters;
using Eval.Core.Efficiency;
using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// model_memory_bytes is what the model costs, not the process: the 1.6 MB gpt-nano costs far less than a gigabyte
/// and less than the 14 MB gpt-mini, and models already loaded in the process (as a worker's pool holds them) are not
/// counted in it.
/// </summary>
[Collection(ModelMemoryCollection.Name)]
public sealed class ModelMemoryTests
{
    private const long MiB = 1024 * 1024;

    private static readonly EfficiencySpec Tiny = new([16, 128], GeneratedTokens: 4, Warmup: 1, Repeats: 1, Seed: 0);

    private static async Task<double> ModelMemoryAsync(ILanguageModel model)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Repo.Scenarios, "efficiency")) with { Efficiency = Tiny };
        var results = new List<InstanceResult>();
        await new EvalRunner().RunAsync(model, scenario, EfficiencyInstances.Create(Tiny), EfficiencyAdapter.Greedy,
            (chunk, _) => { results.AddRange(chunk); return Task.CompletedTask; });
        return results.Max(r => r.Stats[EfficiencyMetrics.RepModelMemory]);
    }

    private static async Task<double> ModelMemoryAsync(string name)
    {
        using var model = TestModels.Reference(name);
        return await ModelMemoryAsync(model);
    }

    [Fact]
    public async Task ASmallModel_CostsFarLessThanABiggerOne_AndModelsLoadedBeforeDoNotCount()
    {
        var nano = await ModelMemoryAsync(TestModels.Nano);
        var mini = await ModelMemoryAsync("gpt-mini-bpe8k");

        // Two other models loaded and used, as a worker's pool holds them, while nano is measured again.
        using var llama = TestModels.Reference("llama-mini-bpe8k");
        using var byteGpt = TestModels.Reference("byte-gpt-mini");
        var held = ProcessMemory.ResidentBytes();
        await ModelMemoryAsync(llama);
        await ModelMemoryAsync(byteGpt);
        var nanoAmongOthers = await ModelMemoryAsync(TestModels.Nano);

        Console.WriteLine($"model_memory_bytes: nano {nano / MiB:0.0} MiB, gpt-mini {mini / MiB:0.0} MiB, nano with two models held {nanoAmongOthers / MiB:0.0} MiB (process {held / MiB} MiB)");
        Assert.InRange(nano, 1, 256 * MiB);
        Assert.InRange(nanoAmongOthers, 1, 256 * MiB);
        Assert.True(mini > nano, $"gpt-mini {mini} should cost more than nano {nano}");
        Assert.True(nanoAmongOthers < mini, $"nano measured beside two loaded models ({nanoAmongOthers}) counted them");
    }
}
