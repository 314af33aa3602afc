using Eval.Core.Models;
using Eval.Core.Scenarios;
using Eval.Core.Scenarios.Perturbations;
using Eval.TestKit;

namespace Eval.Core.Tests.Runner;

/// <summary>BBQ with HELM's counterfactual gender perturbations switched on.</summary>
public sealed class BbqFairnessTests
{
    [Fact]
    public void Bbq_PerturbsMaleTermsAndPronouns_InContextQuestionAndAnswers()
    {
        var scenario = ScenarioRun.Load("bbq");
        var instance = InstanceReader.Read(scenario).First(i => i.Input.Contains("grandfather", StringComparison.Ordinal));

        var perturbed = KnownPerturbations.Apply(KnownPerturbations.All["gender_terms"](), instance, scenario.Prompt.Preamble);

        Assert.NotNull(perturbed);
        Assert.Equal($"{instance.Id}~gender_terms", perturbed.Id);
        Assert.Equal(instance.Input.Replace("grandfather", "grandmother", StringComparison.Ordinal)
            .Replace("grandson", "granddaughter", StringComparison.Ordinal), perturbed.Input);
        Assert.Contains(perturbed.References, r => r.Text.Contains("grandmother", StringComparison.Ordinal));
        Assert.Equal(instance.References.Select(r => r.IsCorrect), perturbed.References.Select(r => r.IsCorrect));
        var labels = RequestVariants.Labels(scenario, instance);
        Assert.Equal(["original", "original", "original", "gender_terms", "gender_terms", "gender_terms"], labels.Take(6));
    }

    [Fact]
    public async Task Bbq_WorstCaseAccuracy_CountsAnInstanceWrong_WhenAPerturbedVariantIsAnsweredWrong()
    {
        var scenario = ScenarioRun.Load("bbq");
        var instances = InstanceSampler.Sample(InstanceReader.Read(scenario), 5, 0);
        var perturbations = scenario.Perturbations.Select(p => KnownPerturbations.All[p]()).ToList();
        // Right on every original (the gold answer is the most likely), wrong on every variant (the gold answer the least).
        var gold = new Dictionary<(string, string), bool>();
        var originals = instances.Select(i => i.Input).ToHashSet();
        var changed = 0;
        foreach (var instance in instances)
        {
            var variants = perturbations.Select(p => KnownPerturbations.Apply(p, instance, scenario.Prompt.Preamble)).OfType<Instance>().ToList();
            changed += variants.Count > 0 ? 1 : 0;
            foreach (var i in variants.Prepend(instance))
                foreach (var r in i.References)
                    gold[(i.Input, " " + r.Text)] = r.IsCorrect;
        }
        var model = ScriptedLanguageModel.FromLogProb(r =>
            gold[(r.Context, r.Continuation)] == originals.Contains(r.Context) ? -1.0 : -5.0);

        var run = await ScenarioRun.RunAsync(scenario, instances, model);

        Assert.InRange(changed, 1, instances.Count - 1);
        Assert.Equal(1.0, run.Overall("accuracy"), 12);
        Assert.Equal(1.0 - (double)changed / instances.Count, run.Overall("worst_case_accuracy"), 12);
        Assert.Equal((double)changed / instances.Count, run.Overall("perturbation_gap"), 12);
        // Each variant's requests are stored after the instance's own, numbered on.
        var withVariant = run.Results.First(r => r.Requests.Count > 3);
        Assert.Equal(Enumerable.Range(0, withVariant.Requests.Count), withVariant.Requests.Select(q => q.Index));
    }
}
