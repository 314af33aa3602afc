using System.Collections.Concurrent;

namespace Eval.Core.Scenarios;

/// <summary>Every scenario folder under the scenarios directory, loaded and checked once.</summary>
public sealed class ScenarioCatalog
{
    private readonly Dictionary<string, ScenarioDefinition> scenarios;
    private readonly ConcurrentDictionary<string, IReadOnlyList<Instance>> instances = new();
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, Instance>> instancesById = new();

    public ScenarioCatalog(string scenariosDirectory)
    {
        if (!Directory.Exists(scenariosDirectory))
            throw new ScenarioDefinitionException(scenariosDirectory, "(folder)", "the scenarios folder does not exist");
        scenarios = Directory.GetDirectories(scenariosDirectory)
            .Where(d => File.Exists(Path.Combine(d, ScenarioLoader.FileName)))
            .Select(ScenarioLoader.Load)
            .ToDictionary(s => s.Id);
        // Reading the data at start makes a bad record fail the start, not a run hours later.
        foreach (var scenario in scenarios.Values)
            Instances(scenario.Id);
    }

    public IReadOnlyCollection<ScenarioDefinition> All => scenarios.Values;

    public bool TryGet(string id, out ScenarioDefinition scenario) => scenarios.TryGetValue(id, out scenario!);

    public ScenarioDefinition Get(string id) =>
        scenarios.TryGetValue(id, out var s) ? s : throw new KeyNotFoundException($"unknown scenario '{id}'");

    public IReadOnlyList<Instance> Instances(string id) => instances.GetOrAdd(id, key => InstanceReader.Read(Get(key)));

    /// <summary>One instance of a scenario by its id; the index is built once per scenario, not per page view.</summary>
    public Instance? FindInstance(string scenarioId, string instanceId) =>
        instancesById.GetOrAdd(scenarioId, key => Instances(key).ToDictionary(i => i.Id)).GetValueOrDefault(instanceId);
}
