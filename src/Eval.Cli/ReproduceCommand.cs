using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eval.Core.Reproduce;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Inference.Onnx;

namespace Eval.Cli;

/// <summary>
/// `evaluate --reproduce run.json --responses responses.jsonl --model folder` (or `--reproduce http://host/api/runs/12`): reruns a stored run's exact spec
/// (scenario and version, convention, sample, seed) on a local copy of its model, after checking the model and
/// tokenizer hashes and the scenario version, and reports instance by instance whether the responses are the same.
/// </summary>
public static class ReproduceCommand
{
    public static async Task<int> RunAsync(EvaluateArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var download = Directory.CreateTempSubdirectory("eval-reproduce-");
        try
        {
            var (runPath, responsesPath) = await ReproduceSource.LocalAsync(args.Reproduce!, args.Responses, download.FullName, cancellationToken);
            return await ReproduceAsync(args, RunSpec.Read(runPath), responsesPath, stdout, stderr, cancellationToken);
        }
        finally
        {
            download.Delete(recursive: true);
        }
    }

    private static async Task<int> ReproduceAsync(EvaluateArguments args, RunSpec spec, string responsesPath, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var stored = ReadResponses(responsesPath, spec.RunId);
        ModelPackage package;
        try
        {
            package = ModelPackage.Open(args.Model);
        }
        catch (ModelPackageException e)
        {
            throw new UsageException(e.Message);
        }
        if (package.ModelSha256() is var sha && sha != spec.ModelSha256)
            throw new UsageException($"{args.Model} is not the model of run {spec.RunId}: model.onnx hashes to {sha[..12]}…, the run's to {spec.ModelSha256[..Math.Min(12, spec.ModelSha256.Length)]}…");
        if (package.TokenizerSha256() is var tokenizer && tokenizer != spec.TokenizerSha256)
            throw new UsageException($"{args.Model} has another tokenizer than run {spec.RunId}: tokenizer.json hashes to {tokenizer[..12]}…");
        var scenario = EvaluateCommand.LoadScenario(spec.Scenario);
        if (scenario.Version != spec.ScenarioVersion)
            throw new UsageException($"run {spec.RunId} used {spec.Scenario}@{spec.ScenarioVersion}, this checkout has {spec.Scenario}@{scenario.Version}");

        using var model = LanguageModelLoader.Load(args.Model, new InferenceOptions { Device = args.Device });
        stderr.WriteLine($"reproducing run {spec.RunId}: {spec.Scenario}@{spec.ScenarioVersion}, {spec.Convention}, sample {spec.Sample?.ToString(CultureInfo.InvariantCulture) ?? "full"}, " +
                         $"seed {spec.Seed}, on {model.Provider.Name}");
        var instances = InstanceSampler.Sample(InstanceReader.Read(scenario), spec.Sample, spec.Seed);
        var results = new List<InstanceResult>(instances.Count);
        var progress = new ProgressPrinter(stderr);
        await new EvalRunner().RunAsync(model, scenario, instances, spec.Convention,
            (chunk, _) => { results.AddRange(chunk); return Task.CompletedTask; }, progress, cancellationToken: cancellationToken);
        progress.Finish();

        var report = ReproductionComparer.Compare(stored, results, scenario.MainMetric);
        var hardware = HardwareDescription.Current(model.Provider.Name);
        stdout.WriteLine(Summary(spec, report, hardware));
        if (args.JsonPath is { } path)
            await File.WriteAllTextAsync(path, Json(spec, report, hardware), cancellationToken);
        return CliApp.Ok;
    }

    /// <summary>The report's lines: the verdict, then the log-prob and metric differences.</summary>
    public static string Summary(RunSpec spec, ReproductionReport report, string hardware)
    {
        string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
        var verdict = report.Identical ? "identical" : $"{report.InstancesDiffering} of {report.InstancesCompared} instances differ";
        var lines = new List<string>
        {
            $"run {spec.RunId} reproduced on {DateTime.UtcNow:yyyy-MM-dd}, {hardware}: {verdict}",
            $"instances compared: {report.InstancesCompared}; max |log-prob difference|: {report.MaxLogProbDifference.ToString("G3", CultureInfo.InvariantCulture)} " +
            $"nats (tolerance {report.Tolerance.ToString("G3", CultureInfo.InvariantCulture)})",
            $"{report.Metric}: stored {F(report.StoredValue)}, now {F(report.NewValue)}, difference {F(report.Difference)} " +
            $"(95% paired bootstrap CI {F(report.DifferenceLow)} to {F(report.DifferenceHigh)})",
        };
        if (!report.Identical)
            lines.Add("differing: " + string.Join(", ", report.Differing) + (report.InstancesDiffering > report.Differing.Count ? ", …" : ""));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Json(RunSpec spec, ReproductionReport report, string hardware) => new JsonObject
    {
        ["run_id"] = spec.RunId,
        ["model_sha256"] = spec.ModelSha256,
        ["scenario"] = spec.Scenario,
        ["scenario_version"] = spec.ScenarioVersion,
        ["convention"] = spec.Convention,
        ["sample"] = spec.Sample,
        ["seed"] = spec.Seed,
        ["hardware"] = hardware,
        ["identical"] = report.Identical,
        ["instances_compared"] = report.InstancesCompared,
        ["instances_differing"] = report.InstancesDiffering,
        ["differing"] = new JsonArray([.. report.Differing.Select(d => (JsonNode?)d)]),
        ["max_log_prob_difference"] = report.MaxLogProbDifference,
        ["tolerance"] = report.Tolerance,
        ["metric"] = report.Metric,
        ["stored_value"] = report.StoredValue,
        ["new_value"] = report.NewValue,
        ["difference"] = report.Difference,
        ["difference_ci_low"] = report.DifferenceLow,
        ["difference_ci_high"] = report.DifferenceHigh,
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>responses.jsonl of the run: one line per request; a line of another run, or unreadable, is exit 2.</summary>
    private static List<StoredResponse> ReadResponses(string path, long runId)
    {
        if (!File.Exists(path))
            throw new UsageException($"no responses file {path}");
        var rows = new List<StoredResponse>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
                continue;
            try
            {
                var row = JsonNode.Parse(line)!.AsObject();
                if (row["run_id"]!.GetValue<long>() != runId)
                    throw new UsageException($"{path} line {number} is of run {row["run_id"]}, not run {runId}");
                rows.Add(new StoredResponse(row["instance_id"]!.GetValue<string>(), row["request_index"]!.GetValue<int>(), row["log_prob"]!.GetValue<double>(),
                    row["stats"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<double>())));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
            {
                throw new UsageException($"{path} line {number} is not a responses.jsonl line: {e.Message}");
            }
        }
        return rows;
    }
}
