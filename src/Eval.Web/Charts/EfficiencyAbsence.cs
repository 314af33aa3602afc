using Eval.Data.Entities;

namespace Eval.Web.Charts;

/// <summary>Why a model has no point on the efficiency plot, in its own case: its kind, or where its efficiency run stands.</summary>
public static class EfficiencyAbsence
{
    public const string Scenario = Core.Scenarios.KnownScenarios.Efficiency;

    public static string Explain(string? kind, IReadOnlyList<RunEntity> runs)
    {
        // The planner's rule for the measurement's adapter says whether this kind of model is measured at all.
        if (Core.Planning.RunPlanner.WhatTheKindLacks(Core.Scenarios.AdapterKind.Efficiency, kind ?? Core.Models.ModelKinds.Causal) is { } lacks)
            return $"No efficiency result: this is {lacks}.";
        var run = runs.Where(r => r.ScenarioId == Scenario).OrderByDescending(r => r.Id).FirstOrDefault();
        return run?.Status switch
        {
            null => "No efficiency result: this model has no efficiency run (the efficiency group was not chosen for it).",
            RunStatus.Queued => $"No efficiency result yet: its efficiency run #{run.Id} is queued.",
            RunStatus.Running => $"No efficiency result yet: its efficiency run #{run.Id} is running.",
            RunStatus.Failed => $"No efficiency result: its efficiency run #{run.Id} failed ({run.Error}).",
            RunStatus.Cancelled => $"No efficiency result: its efficiency run #{run.Id} was cancelled.",
            // Finished: the plot also needs the model's BLiMP accuracy for its other axis.
            _ => $"No efficiency result plotted: its efficiency run #{run.Id} finished, but the plot's other axis needs a finished BLiMP run.",
        };
    }
}
