using System.Security.Cryptography;
using System.Text;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.TestKit;

namespace Eval.Core.Tests.Scenarios;

/// <summary>
/// Pins every request each scenario puts to a model (default convention, all instances, in order): a change to a
/// scenario's data, prompt or adapter changes its hash, and must come with a version bump and a changelog line
/// (STYLE.md, "Adding a scenario"); then update the hash here. The truthfulqa_mc, halueval_qa and crows_pairs
/// hashes were reproduced independently from the raw files with Python (lm-eval's prompt forms), truthfulqa_gen's
/// too (TruthfulQA.csv with Python's csv module: primer + "\n\nQ: " + question.strip() + "\nA:"). bbq v2 adds the
/// perturbed variants' requests after each chunk's originals.
/// </summary>
public sealed class GoldenRequestTests
{
    public static TheoryData<string, int, string> Golden => new()
    {
        { "blimp", 1, "baccc6e773a0934e6fac13873ae52229ca6430f90dfef2167d58d594499921dc" },
        { "truthfulqa_mc", 1, "990c39eec39fbe5dd06ce7e67ec060671cf124588fee1d161494615880795d9c" },
        { "halueval_qa", 1, "8c4d56a3d3655b05701486a8c5dbf12e8d08fd83de1db129ff4ada58b9985b83" },
        { "crows_pairs", 1, "508e96d0a2bb759c8abbf9b7a9d660b174bc30663f18362928ab8e312f7002d8" },
        { "bbq", 2, "74272e3849487e273cd4ffd2d03c0bcea0d5649190322220cb0025b5f383f9bc" },
        { "truthfulqa_gen", 2, "e57c1ca1c637f021612fad3fabf68cc630b4a58d2191337a6d1b6ba8147c581d" },
        { "winogender", 1, "841179053e6b807dde66aa763c53e0a45b2a9ba5429c6d82f9f71fd9adc7d5cd" },
        { "winobias", 1, "a22e22bbfde817fcd09895567188acd457e8a2ccef256c8851b18db723950651" },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public async Task Requests_MatchTheirGoldenHash_ForTheScenarioVersion(string id, int version, string sha256)
    {
        var scenario = ScenarioRun.Load(id);
        var generates = scenario.Adapter == KnownAdapters.Generation;
        var model = generates ? ScriptedLanguageModel.Completing(_ => "") : ScriptedLanguageModel.Constant(-1.0);

        await new EvalRunner().RunAsync(model, scenario, InstanceReader.Read(scenario), scenario.DefaultConvention, (_, _) => Task.CompletedTask);

        var text = new StringBuilder();
        foreach (var r in model.Requests)
            text.Append(r.Context).Append('\u0001').Append(r.Continuation).Append('\u0002');
        // A generation request has no continuation: its context alone.
        foreach (var r in model.GenerationRequests)
            text.Append(r.Context).Append('\u0001').Append('\u0002');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        Assert.Equal(version, scenario.Version);
        Assert.True(sha256 == hash, $"{id}@{version} requests hash to {hash}, not the golden {sha256}");
    }
}
