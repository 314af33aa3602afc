using System.Diagnostics;
using Eval.Core.Metrics;
using Eval.Core.Paths;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.Inference.Onnx;

namespace Eval.Cli;

/// <summary>Evaluates one model folder on one scenario: progress on stderr, a summary table on stdout, optional JSON.</summary>
public static class EvaluateCommand
{
    public static async Task<int> RunAsync(EvaluateArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var scenario = LoadScenario(args.Scenario);
        var convention = args.Convention ?? scenario.DefaultConvention;
        if (!scenario.Conventions.Contains(convention))
            throw new UsageException($"scenario '{scenario.Id}' has no convention '{convention}' (known: {string.Join(", ", scenario.Conventions)})");

        OnnxLanguageModel model;
        try
        {
            model = OnnxLanguageModel.Load(args.Model, new InferenceOptions { Device = args.Device });
        }
        catch (Exception e) when (e is ModelPackageException or CudaUnavailableException)
        {
            throw new UsageException(e.Message);
        }

        using (model)
        {
            stderr.WriteLine($"model {model.Info.Name} on {model.Provider.Name}: {model.Provider.Reason}");
            var instances = InstanceSampler.Sample(InstanceReader.Read(scenario), args.MaxInstancesPerSubset, args.Seed);
            stderr.WriteLine($"scenario {scenario.Id}@{scenario.Version}, convention {convention}, {instances.Count} instances");

            var clock = Stopwatch.StartNew();
            var results = new List<InstanceResult>(instances.Count);
            var progress = new ProgressPrinter(stderr);
            await new EvalRunner().RunAsync(model, scenario, instances, convention,
                (chunk, _) => { results.AddRange(chunk); return Task.CompletedTask; },
                progress, cancellationToken: cancellationToken);
            progress.Finish();
            var elapsed = clock.Elapsed.TotalSeconds;

            var stats = StatAggregator.Aggregate(results.SelectMany(r =>
                r.Stats.Select(s => new InstanceStat(r.InstanceId, r.Subset, r.SubsetGroup, s.Key, s.Value))), KnownMetrics.For(scenario).Run);
            var counts = new RunCounts(results);
            SummaryTable.Write(stdout, scenario, counts, stats);
            if (args.JsonPath is { } path)
            {
                var report = EvaluationReport.Build(model, scenario, convention, counts, stats, elapsed,
                    args.MaxInstancesPerSubset, args.Seed);
                await File.WriteAllTextAsync(path, report, cancellationToken);
            }
        }
        return 0;
    }

    private static ScenarioDefinition LoadScenario(string id)
    {
        var root = RepositoryPaths.Resolve("scenarios", AppContext.BaseDirectory);
        var folder = Path.Combine(root, id);
        if (!File.Exists(Path.Combine(folder, ScenarioLoader.FileName)))
        {
            var known = Directory.Exists(root)
                ? Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, ScenarioLoader.FileName))).Select(d => Path.GetFileName(d)).Order().ToList()
                : [];
            throw new UsageException($"unknown scenario '{id}' (known: {string.Join(", ", known)})");
        }
        return ScenarioLoader.Load(folder);
    }
}
