using Eval.Inference.Onnx;

namespace Eval.Cli;

/// <summary>
/// The `evaluate` command's arguments, exactly as CONTRACTS.md gives them. Reproduce: a run.json (GET /api/runs/{id})
/// whose spec replaces --scenario, --max-instances-per-subset, --seed and --convention; Responses: its responses.jsonl.
/// </summary>
public sealed record EvaluateArguments(
    string Model,
    string Scenario,
    int? MaxInstancesPerSubset,
    int Seed,
    string? Convention,
    string Device,
    string? JsonPath,
    string? Reproduce = null,
    string? Responses = null)
{
    public const string Usage =
        "usage: evaluate --model <model folder> --scenario <id> [--max-instances-per-subset N] [--seed S] " +
        "[--convention C] [--device auto|cpu|cuda] [--json FILE] | evaluate --reproduce <run.json> --responses <responses.jsonl> " +
        "(or --reproduce <server>/api/runs/<id>) " +
        "--model <model folder> [--device auto|cpu|cuda] [--json FILE]";

    public static EvaluateArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"unexpected argument '{name}'; {Usage}");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"{name} needs a value; {Usage}");
            if (!Known.Contains(name))
                throw new UsageException($"unknown option {name}; {Usage}");
            if (!values.TryAdd(name, args[++i]))
                throw new UsageException($"{name} is given twice");
        }

        string Required(string name) => values.TryGetValue(name, out var v) ? v : throw new UsageException($"{name} is required; {Usage}");

        int? Int(string name, int min)
        {
            if (!values.TryGetValue(name, out var raw))
                return null;
            return int.TryParse(raw, out var n) && n >= min ? n : throw new UsageException($"{name} must be an integer >= {min}, not '{raw}'");
        }

        var device = values.GetValueOrDefault("--device", InferenceOptions.Auto);
        if (device is not (InferenceOptions.Auto or InferenceOptions.Cpu or InferenceOptions.Cuda))
            throw new UsageException($"--device must be auto, cpu or cuda, not '{device}'");
        if (values.TryGetValue("--reproduce", out var reproduce))
        {
            // The run's spec says what to run: an option that would change it cannot be given.
            if (new[] { "--scenario", "--max-instances-per-subset", "--seed", "--convention" }.FirstOrDefault(values.ContainsKey) is { } clash)
                throw new UsageException($"{clash} cannot be given with --reproduce: the run's spec sets it");
            // A server's run address (http://host/api/runs/12) also gives its responses (…/responses.jsonl).
            var responses = ReproduceSource.IsUrl(reproduce) ? values.GetValueOrDefault("--responses") : Required("--responses");
            return new EvaluateArguments(Required("--model"), "", null, 0, null, device, values.GetValueOrDefault("--json"), reproduce, responses);
        }
        if (values.ContainsKey("--responses"))
            throw new UsageException("--responses needs --reproduce <run.json>");
        return new EvaluateArguments(Required("--model"), Required("--scenario"), Int("--max-instances-per-subset", 1),
            Int("--seed", 0) ?? 0, values.GetValueOrDefault("--convention"), device, values.GetValueOrDefault("--json"));
    }

    private static readonly HashSet<string> Known =
        ["--model", "--scenario", "--max-instances-per-subset", "--seed", "--convention", "--device", "--json", "--reproduce", "--responses"];
}
