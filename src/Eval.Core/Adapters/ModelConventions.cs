using Eval.Core.Models;
using Eval.Core.Scenarios;

namespace Eval.Core.Adapters;

/// <summary>
/// Which of a scenario's conventions suit which kind of model: pll and pll_word_l2r only a masked LM, the others
/// only a causal one (a masked LM has no left-to-right probability). A model's default is the scenario's first
/// convention that suits it, so BLiMP runs causal models with eot_space and masked ones with pll.
/// </summary>
public static class ModelConventions
{
    public static bool Fits(string convention, string modelKind) =>
        MinimalPairConventions.IsMasked(convention) == (modelKind == ModelKinds.Masked);

    /// <summary>Null when the convention suits the model, else why not, in a sentence for the user.</summary>
    public static string? Mismatch(string convention, ModelInfo model, ScenarioDefinition scenario) =>
        Mismatch(convention, model.Name, model.Kind, scenario);

    /// <summary>The same for a model known by its name and kind (a stored model).</summary>
    public static string? Mismatch(string convention, string modelName, string modelKind, ScenarioDefinition scenario)
    {
        if (Fits(convention, modelKind))
            return null;
        var suitable = scenario.Conventions.Where(c => Fits(c, modelKind)).ToList();
        var instead = suitable.Count > 0 ? $"use {string.Join(" or ", suitable)}" : $"scenario '{scenario.Id}' has none for it";
        return modelKind == ModelKinds.Masked
            ? $"convention '{convention}' needs left-to-right probabilities, and {modelName} is a masked LM ({instead})"
            : $"convention '{convention}' is for masked LMs, and {modelName} is a {modelKind} LM ({instead})";
    }

    public static string Default(ScenarioDefinition scenario, string modelKind) =>
        scenario.Conventions.FirstOrDefault(c => Fits(c, modelKind))
        ?? throw new ArgumentException($"scenario '{scenario.Id}' has no convention for {modelKind} models");

    /// <summary>The default of each kind: the runs a leaderboard shows.</summary>
    public static IReadOnlySet<string> Defaults(ScenarioDefinition scenario) =>
        new[] { ModelKinds.Causal, ModelKinds.Masked }
            .Select(kind => scenario.Conventions.FirstOrDefault(c => Fits(c, kind)))
            .OfType<string>()
            .ToHashSet();
}
