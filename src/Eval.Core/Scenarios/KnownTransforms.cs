using Eval.Core.Scenarios.Bbq;
using Eval.Core.Scenarios.HaluEval;
using Eval.Core.Scenarios.TruthfulQa;
using Eval.Core.Scenarios.WinoBias;
using Eval.Core.Scenarios.Winogender;

namespace Eval.Core.Scenarios;

/// <summary>The record transforms a scenario.yaml may name in data.transform.name.</summary>
public static class KnownTransforms
{
    public static readonly IReadOnlyDictionary<string, Func<TransformContext, IRecordTransform>> All =
        new Dictionary<string, Func<TransformContext, IRecordTransform>>
        {
            [BbqTransform.Name] = _ => new BbqTransform(),
            [HaluEvalQaTransform.Name] = _ => new HaluEvalQaTransform(),
            [TruthfulQaGenTransform.Name] = _ => new TruthfulQaGenTransform(),
            [WinoBiasTransform.Name] = context => new WinoBiasTransform(
                context.Lines(WinoBiasTransform.MaleOccupations), context.Lines(WinoBiasTransform.FemaleOccupations)),
            [WinogenderTransform.Name] = context => WinogenderTransform.Load(context.File(WinogenderTransform.OccupationStats)),
        };

    public static IRecordTransform Create(ScenarioDefinition scenario, TransformSpec spec) =>
        All.TryGetValue(spec.Name, out var create)
            ? create(new TransformContext(scenario, spec))
            : throw new ScenarioDefinitionException(scenario.File, "data.transform.name",
                $"unknown transform '{spec.Name}' (known: {string.Join(", ", All.Keys.Order(StringComparer.Ordinal))})");
}
