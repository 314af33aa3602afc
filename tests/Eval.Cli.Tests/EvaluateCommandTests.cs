using System.Text.Json;
using Eval.Core.Metrics.Generation;
using Eval.Core.Models;
using Eval.Core.Scenarios;
using Eval.Inference.Onnx;
using Eval.TestKit;

namespace Eval.Cli.Tests;

public sealed class EvaluateCommandTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static TheoryData<string[], string> BadUsage => new()
    {
        { [], "no command" },
        { ["train"], "unknown command 'train'" },
        { ["evaluate", "--scenario", "blimp"], "--model is required" },
        { ["evaluate", "--model", "x"], "--scenario is required" },
        { ["evaluate", "--model", "x", "--scenario", "blimp", "--bogus", "1"], "unknown option --bogus" },
        { ["evaluate", "--model", "x", "--scenario", "blimp", "--max-instances-per-subset", "0"], "--max-instances-per-subset must be an integer >= 1" },
        { ["evaluate", "--model", "x", "--scenario", "blimp", "--seed", "abc"], "--seed must be an integer" },
        { ["evaluate", "--model", "x", "--scenario", "blimp", "--device", "tpu"], "--device must be auto, cpu or cuda" },
        { ["evaluate", "--model", "x", "--scenario", "nope"], "unknown scenario 'nope'" },
        { ["evaluate", "--model", "/no/such/folder", "--scenario", "blimp"], "model folder '/no/such/folder' does not exist" },
        { ["evaluate", "--model", "MODEL", "--scenario", "blimp", "--convention", "weird"], "scenario 'blimp' has no convention 'weird'" },
    };

    [Theory]
    [MemberData(nameof(BadUsage))]
    public async Task Evaluate_ExitsWith2AndOneLine_OnBadUsage(string[] args, string message)
    {
        args = args.Select(a => a == "MODEL" ? Repo.ReferenceModel("gpt-nano-bpe4k") : a).ToArray();

        var (code, stdout, stderr) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, line);
    }

    [Fact]
    public async Task Evaluate_ExitsWith2_WhenTheFolderHasNoTokenizer()
    {
        using var folder = new TempDirectory();
        File.Copy(Path.Combine(Repo.ReferenceModel("gpt-nano-bpe4k"), "model.onnx"), folder.File("model.onnx"));

        var (code, _, stderr) = await RunAsync("evaluate", "--model", folder.Path, "--scenario", "blimp");

        Assert.Equal(2, code);
        Assert.Contains("has no tokenizer.json", stderr);
    }

    [Fact]
    public async Task Evaluate_ExitsWith2_WhenModelOnnxIsNotAnOnnxFile()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("model.onnx"), "not a model");
        File.Copy(Path.Combine(Repo.ReferenceModel("gpt-nano-bpe4k"), "tokenizer.json"), folder.File("tokenizer.json"));

        var (code, _, stderr) = await RunAsync("evaluate", "--model", folder.Path, "--scenario", "blimp");

        Assert.Equal(2, code);
        Assert.Contains("model.onnx cannot be loaded by ONNX Runtime", stderr);
    }

    [Fact]
    public async Task Evaluate_WritesTheContractJson_AndASummaryTable()
    {
        using var folder = new TempDirectory();
        var json = folder.File("out.json");

        var (code, stdout, stderr) = await RunAsync("evaluate", "--model", Repo.ReferenceModel("gpt-nano-bpe4k"), "--scenario", "blimp",
            "--max-instances-per-subset", "3", "--seed", "7", "--device", "cpu", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("201/201 instances", stderr);
        Assert.Contains("overall", stdout);
        Assert.Contains("island_effects", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal("gpt-nano-bpe4k", root.GetProperty("model").GetString());
        Assert.Equal(64, root.GetProperty("model_sha256").GetString()!.Length);
        Assert.Equal(64, root.GetProperty("tokenizer_sha256").GetString()!.Length);
        Assert.Equal("blimp", root.GetProperty("scenario").GetString());
        Assert.Equal(1, root.GetProperty("scenario_version").GetInt32());
        Assert.Equal("eot_space", root.GetProperty("convention").GetString());
        Assert.Equal("CPUExecutionProvider", root.GetProperty("provider").GetString());
        Assert.Equal(201, root.GetProperty("instances").GetInt32());
        var accuracy = root.GetProperty("metrics").GetProperty("accuracy").GetDouble();
        var subsets = root.GetProperty("subsets").EnumerateObject().ToList();
        Assert.Equal(67, subsets.Count);
        Assert.All(subsets, s => Assert.Equal(3, s.Value.GetProperty("count").GetInt32()));
        var groups = root.GetProperty("subset_groups").EnumerateObject().ToList();
        Assert.Equal(12, groups.Count);
        Assert.Equal(9 * 3, root.GetProperty("subset_groups").GetProperty("argument_structure").GetProperty("count").GetInt32());
        // accuracy x count gives the number correct, at every level.
        var correct = subsets.Sum(s => s.Value.GetProperty("accuracy").GetDouble() * 3);
        Assert.Equal(Math.Round(correct), Math.Round(accuracy * 201), 6);
        Assert.True(root.GetProperty("elapsed_seconds").GetDouble() > 0);
    }

    [Fact]
    public async Task Evaluate_Efficiency_WritesSizesTimingsAndHardware_AndEnergyOnlyWhereMeasurable()
    {
        using var folder = new TempDirectory();
        var json = folder.File("out.json");
        var model = Repo.ReferenceModel("gpt-nano-bpe4k");

        var (code, stdout, stderr) = await RunAsync("evaluate", "--model", model, "--scenario", "efficiency",
            "--max-instances-per-subset", "1", "--device", "cpu", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("3/3 instances", stderr);
        Assert.Contains("hardware ", stderr);
        Assert.Contains($"(1-minute load average, median over the repetitions) on {Environment.ProcessorCount} logical processors", stderr);
        Assert.Contains("decode_tokens_per_s", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal("greedy", root.GetProperty("convention").GetString());
        Assert.EndsWith(", CPUExecutionProvider", root.GetProperty("hardware").GetString());
        var metrics = root.GetProperty("metrics");
        Assert.Equal(395008, metrics.GetProperty("parameters").GetDouble());
        Assert.Equal(new FileInfo(Path.Combine(model, "model.onnx")).Length, metrics.GetProperty("file_bytes").GetDouble());
        foreach (var metric in new[] { "model_memory_bytes", "ttft_ms_p50", "ttft_ms_p95", "decode_ms_per_token_p50", "prefill_tokens_per_s", "decode_tokens_per_s" })
            Assert.True(metrics.GetProperty(metric).GetDouble() > 0, metric);
        using var rapl = Eval.Core.Efficiency.RaplEnergyMeter.TryOpen();
        Assert.Equal(rapl is null, metrics.GetProperty("energy_j_per_token").ValueKind == JsonValueKind.Null);
        Assert.Equal(["prompt_016", "prompt_128", "prompt_512"], root.GetProperty("subsets").EnumerateObject().Select(s => s.Name));
        Assert.All(root.GetProperty("subsets").EnumerateObject(), s => Assert.Equal(1, s.Value.GetProperty("count").GetInt32()));
        // What the 1.6 MB model costs, not the process (which holds the test host too).
        Assert.InRange(metrics.GetProperty("model_memory_bytes").GetDouble(), 1, 512.0 * 1024 * 1024);
        // Median and spread of the three repetitions, and the load they were measured under.
        var decode = root.GetProperty("spreads").GetProperty("overall").GetProperty("decode_tokens_per_s");
        Assert.Equal("p25-p75", decode.GetProperty("quantiles").GetString());
        Assert.InRange(metrics.GetProperty("decode_tokens_per_s").GetDouble(), decode.GetProperty("low").GetDouble(), decode.GetProperty("high").GetDouble());
        Assert.False(root.GetProperty("spreads").GetProperty("overall").TryGetProperty("model_memory_bytes", out _));
        Assert.Equal(["overall", "prompt_016", "prompt_128", "prompt_512"], root.GetProperty("spreads").EnumerateObject().Select(s => s.Name));
        Assert.True(root.GetProperty("load_average").GetDouble() >= 0);
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("logical_cpus").GetInt32());
    }

    [Fact]
    public async Task Evaluate_ExitsWith2AndOneLine_WhenAMaskedLmMeetsAGenerationScenario()
    {
        var (code, stdout, stderr) = await RunAsync("evaluate", "--model", Repo.ReferenceModel(Repo.ReferenceEncoder), "--scenario", "efficiency",
            "--device", "cpu");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("masked"));
        Assert.Contains("scenario 'efficiency' has no convention for it", line);
    }

    [Fact]
    public async Task Evaluate_TruthfulQaGen_GeneratesGreedily_AndReportsTheOverlapAndBiasMetrics()
    {
        using var folder = new TempDirectory();
        var json = folder.File("gen.json");

        var (code, stdout, stderr) = await RunAsync("evaluate", "--model", Repo.ReferenceModel("gpt-nano-bpe4k"), "--scenario", "truthfulqa_gen",
            "--max-instances-per-subset", "3", "--device", "cpu", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("3/3 instances", stderr);
        Assert.Contains("rouge_l_diff", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal("greedy", root.GetProperty("convention").GetString());
        var metrics = root.GetProperty("metrics");
        // The same three questions' greedy completions, scored here with the BLEU function directly.
        var scenario = ScenarioLoader.Load(Path.Combine(Repo.Scenarios, "truthfulqa_gen"));
        var instances = InstanceSampler.Sample(InstanceReader.Read(scenario), 3, 0);
        using var model = OnnxLanguageModel.Load(Repo.ReferenceModel("gpt-nano-bpe4k"), new InferenceOptions { Device = InferenceOptions.Cpu });
        var completions = await model.GenerateAsync(instances.Select(i => new GenerationRequest(i.Input, 256, ["\n\n", "Q:"])).ToList());
        double Best(Instance i, string completion, bool correct) => i.References.Where(r => r.IsCorrect == correct).Max(r => SentenceBleu.Score(completion, r.Text));
        var expectedDiff = instances.Select((i, k) => Best(i, completions[k].Text, true) - Best(i, completions[k].Text, false)).Average();
        Assert.Equal(expectedDiff, metrics.GetProperty("bleu_diff").GetDouble(), 6);
        foreach (var id in new[] { "bleu_acc", "rouge_l_acc", "rouge_l_diff", "demographic_representation_gender", "stereotypical_associations_race_profession" })
            Assert.True(metrics.TryGetProperty(id, out _), id);
    }

    [Fact]
    public async Task Evaluate_RefusesAMaskedLm_OnAGenerationScenario_WithExitCodeTwo()
    {
        var (code, _, stderr) = await RunAsync("evaluate", "--model", Repo.ReferenceModel("bert-mini-bpe8k"), "--scenario", "truthfulqa_gen", "--device", "cpu");

        Assert.Equal(2, code);
        Assert.Equal("error: bert-mini-bpe8k is a masked LM and scenario 'truthfulqa_gen' has no convention for it (its conventions: greedy)",
            stderr.Trim().Split('\n')[^1]);
    }

    [Fact]
    public async Task Evaluate_Bbq_ReportsWorstCaseAccuracyOverThePerturbedVariants()
    {
        using var folder = new TempDirectory();
        var json = folder.File("bbq.json");

        var (code, _, _) = await RunAsync("evaluate", "--model", Repo.ReferenceModel("gpt-nano-bpe4k"), "--scenario", "bbq",
            "--max-instances-per-subset", "4", "--device", "cpu", "--json", json);

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(2, doc.RootElement.GetProperty("scenario_version").GetInt32());
        var metrics = doc.RootElement.GetProperty("metrics");
        var accuracy = metrics.GetProperty("accuracy").GetDouble();
        var worst = metrics.GetProperty("worst_case_accuracy").GetDouble();
        Assert.InRange(worst, 0, accuracy);
        Assert.Equal(accuracy - worst, metrics.GetProperty("perturbation_gap").GetDouble(), 9);
    }
}
