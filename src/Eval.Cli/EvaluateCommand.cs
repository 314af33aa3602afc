using System.Diagnostics;
using Eval.Core.Models;
using Eval.Core.Metrics;
using Eval.Core.Paths;
using Eval.Core.Planning;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.Inference.Onnx;
using Eval.Inference.Onnx.Validation;

namespace Eval.Cli;

/// <summary>Evaluates one model folder on one scenario: progress on stderr, a summary table on stdout, optional JSON.</summary>
public static class EvaluateCommand
{
    public static async Task<int> RunAsync(EvaluateArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var scenario = LoadScenario(args.Scenario);
        // Before the model is loaded: an unknown convention needs no model to be refused.
        if (args.Convention is { } asked && RunPlanner.UnknownConvention(scenario, asked) is { } unknown)
            throw new UsageException(unknown);

        ILanguageModel model;
        try
        {
            model = LanguageModelLoader.Load(args.Model, new InferenceOptions { Device = args.Device });
        }
        catch (Exception e) when (e is ModelPackageException or ModelValidationException or CudaUnavailableException)
        {
            throw new UsageException(e.Message);
        }

        using (model)
        {
            // The planner's run (a masked LM's default is pll, a causal one's eot_space), or why the scenario does not
            // apply to this model (a masked LM on generation): a usage error, exit 2.
            var decision = new RunPlanner().Plan(scenario, model.Info.Name, model.Info.Kind,
                RunRequest.Exactly(args.Convention, args.MaxInstancesPerSubset, args.Seed));
            if (decision.Plan is not { } plan)
                throw new UsageException(decision.Reason!);
            var convention = plan.Convention;
            stderr.WriteLine($"model {model.Info.Name} ({model.Info.Kind}) on {model.Provider.Name}: {model.Provider.Reason}");
            var instances = InstanceSampler.Sample(InstanceReader.Read(scenario), plan.SamplePerSubset, plan.Seed);
            stderr.WriteLine($"scenario {scenario.Id}@{scenario.Version}, convention {convention}, {instances.Count} instances");
            if (scenario.Efficiency is not null)
            {
                using var meter = Core.Efficiency.EnergyMeters.For(model.Provider.Name);
                stderr.WriteLine($"hardware {HardwareDescription.Current(model.Provider.Name)}; energy {meter?.Source ?? "unavailable (no readable RAPL counter or NVML)"}");
            }

            var clock = Stopwatch.StartNew();
            var results = new List<InstanceResult>(instances.Count);
            var progress = new ProgressPrinter(stderr);
            await new EvalRunner().RunAsync(model, scenario, instances, convention,
                (chunk, _) => { results.AddRange(chunk); return Task.CompletedTask; },
                progress, cancellationToken: cancellationToken);
            progress.Finish();
            var elapsed = clock.Elapsed.TotalSeconds;

            var instanceStats = results.SelectMany(r =>
                r.Stats.Select(s => new InstanceStat(r.InstanceId, r.Subset, r.SubsetGroup, s.Key, s.Value))).ToList();
            var stats = StatAggregator.Aggregate(instanceStats, KnownMetrics.For(scenario).Run);
            var counts = new RunCounts(results);
            SummaryTable.Write(stdout, scenario, counts, stats);
            // Timings depend on how busy the machine was: say so beside them.
            if (stats.FirstOrDefault(s => s.Level == StatLevel.Overall && s.Metric == Core.Efficiency.EfficiencyMetrics.LoadAverage) is { } load)
                stderr.WriteLine(FormattableString.Invariant(
                    $"machine load while measuring: {load.Mean:0.00} (1-minute load average, median over the repetitions) on {Environment.ProcessorCount} logical processors"));
            if (args.JsonPath is { } path)
            {
                var report = EvaluationReport.Build(model, scenario, convention, counts, stats, elapsed,
                    args.MaxInstancesPerSubset, args.Seed, instanceStats);
                await File.WriteAllTextAsync(path, report, cancellationToken);
            }
        }
        return 0;
    }

    internal static ScenarioDefinition LoadScenario(string id)
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
