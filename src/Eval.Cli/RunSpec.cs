using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eval.Cli;

/// <summary>What a run.json (GET /api/runs/{id}) says is needed to run it again: model and tokenizer hashes, scenario and version, convention, sample, seed.</summary>
public sealed record RunSpec(long RunId, string ModelSha256, string TokenizerSha256, string Scenario, int ScenarioVersion, string Convention, int? Sample, int Seed)
{
    /// <summary>Reads the file; missing, not JSON or without one of the fields: exit 2 naming it.</summary>
    public static RunSpec Read(string path)
    {
        if (!File.Exists(path))
            throw new UsageException($"no run file {path}");
        JsonObject run;
        try
        {
            run = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new UsageException($"{path} is not a run.json");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new UsageException($"{path} is not a run.json: {e.Message}");
        }
        T Field<T>(JsonNode? node, string name)
        {
            try
            {
                return node is null ? throw new UsageException($"{path} has no {name}: not a run.json of GET /api/runs/{{id}}") : node.GetValue<T>();
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                throw new UsageException($"{path}: {name} has the wrong type");
            }
        }
        return new RunSpec(Field<long>(run["id"], "id"), Field<string>(run["model"]?["sha256"], "model.sha256"),
            Field<string>(run["model"]?["tokenizer_sha256"], "model.tokenizer_sha256"), Field<string>(run["scenario"], "scenario"),
            Field<int>(run["scenario_version"], "scenario_version"), Field<string>(run["convention"], "convention"),
            run["sample"] is null ? null : Field<int>(run["sample"], "sample"), Field<int>(run["seed"], "seed"));
    }
}
