using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>A figure the adapter measured for an instance (Response.Measurements), stored as that instance's stat; null where not measured.</summary>
public sealed class MeasuredValueMetric(string name) : IInstanceMetric
{
    public string Name => name;

    public double? Score(Instance instance, IReadOnlyList<Response> responses) =>
        responses.Count > 0 && responses[0].Measurements is { } m && m.TryGetValue(name, out var value) ? value : null;
}
