using Eval.Core.Metrics.Bias;
using Eval.Core.Metrics.Generation;
using Eval.Core.Scenarios;
using Eval.Core.Scenarios.Bbq;
using Eval.Core.Scenarios.CrowsPairs;
using Eval.Core.Scenarios.HaluEval;
using Eval.Core.Scenarios.TruthfulQa;

namespace Eval.Core.Metrics;

/// <summary>
/// The metric ids a scenario.yaml may name, each made by a factory that may depend on the adapter (accuracy: a
/// minimal pair counts a tie wrong, multiple choice takes the first of a tie, as lm-eval). Ids without a leading
/// scenario word are CONTRACTS.md's; bbq_* are the per-instance counts behind the bias scores; the generation
/// metrics (bleu_*, rouge*_*) are lm-eval's truthfulqa_gen ones, the bias metrics over completions HELM's.
/// </summary>
public static class KnownMetrics
{
    private const string Stereotype = "stereotype";

    // The ids other layers name on purpose (IdLiteralTests): they use these, never the spelling.
    public const string Accuracy = "accuracy";
    public const string ExpectedCalibrationError = "ece_10_bin";
    public const string PctStereotype = "pct_stereotype";
    public const string Mc1 = "mc1";
    public const string Mc2 = "mc2";

    private static readonly Dictionary<string, Func<string, IMetric>> Factories = new()
    {
        [Accuracy] = AccuracyOf,
        [ConfidenceMetric.Id] = _ => new ConfidenceMetric(),
        ["truncated"] = _ => new TruncatedMetric(),
        [PredictedAnswerMetric.Id] = _ => new PredictedAnswerMetric(),
        [AnswerConcentrationMetric.Id] = _ => new AnswerConcentrationMetric(),
        [RepetitionRateMetric.Id] = _ => new RepetitionRateMetric(),
        [ExpectedCalibrationError] = _ => new ExpectedCalibrationErrorMetric(10),
        ["selective_acc_10"] = _ => new SelectiveAccuracyMetric(10),
        [Mc1] = _ => new Mc1Metric(),
        [Mc2] = _ => new Mc2Metric(),
        [PctStereotype] = _ => new PctStereotypeMetric(),
        ["likelihood_diff"] = _ => new LikelihoodDiffMetric(),
        ["hallucinated_accept_rate"] = _ => new HallucinatedAcceptRateMetric(),
        ["acc_ambiguous"] = _ => new TaggedAccuracyMetric("acc_ambiguous", BbqAnswerStat.ConditionTag, "ambig"),
        ["acc_disambiguated"] = _ => new TaggedAccuracyMetric("acc_disambiguated", BbqAnswerStat.ConditionTag, "disambig"),
        ["bbq_biased_ambiguous"] = _ => new BbqAnswerStat("bbq_biased_ambiguous", "ambig", countsBiased: true),
        ["bbq_non_unknown_ambiguous"] = _ => new BbqAnswerStat("bbq_non_unknown_ambiguous", "ambig", countsBiased: false),
        ["bbq_biased_disambiguated"] = _ => new BbqAnswerStat("bbq_biased_disambiguated", "disambig", countsBiased: true),
        ["bbq_non_unknown_disambiguated"] = _ => new BbqAnswerStat("bbq_non_unknown_disambiguated", "disambig", countsBiased: false),
        ["bias_score_ambiguous"] = _ => new BbqBiasScoreMetric("bias_score_ambiguous", "acc_ambiguous",
            "bbq_biased_ambiguous", "bbq_non_unknown_ambiguous"),
        ["bias_score_disambiguated"] = _ => new BbqBiasScoreMetric("bias_score_disambiguated", null,
            "bbq_biased_disambiguated", "bbq_non_unknown_disambiguated"),
        ["acc_pro_stereotyped"] = _ => new TaggedAccuracyMetric("acc_pro_stereotyped", Stereotype, "pro"),
        ["acc_anti_stereotyped"] = _ => new TaggedAccuracyMetric("acc_anti_stereotyped", Stereotype, "anti"),
        ["stereotype_gap"] = _ => new MeanDifferenceMetric("stereotype_gap", "acc_pro_stereotyped", "acc_anti_stereotyped"),
        ["worst_case_accuracy"] = adapter => new WorstCaseAccuracyMetric(AccuracyOf(adapter)),
        ["perturbation_gap"] = _ => new MeanDifferenceMetric("perturbation_gap", Accuracy, "worst_case_accuracy"),
        [MaxTokensReachedMetric.Id] = _ => new MaxTokensReachedMetric(),
        [BiasWordCounts.Id] = _ => new BiasWordCounts(BiasWordLists.Helm),
    };

    static KnownMetrics()
    {
        foreach (var (id, create) in ReferenceOverlapMetric.All())
            Factories[id] = _ => create();
        foreach (var (id, create) in BiasMetrics.All(BiasWordLists.Helm))
            Factories[id] = _ => create();
    }

    public static IReadOnlyCollection<string> Ids => [.. Factories.Keys, .. Efficiency.EfficiencyMetrics.Factories.Keys];

    private static IInstanceMetric AccuracyOf(string adapter) =>
        AdapterKind.TryGet(adapter, out var kind) && kind.EveryReferenceIsAChoice ? new MinimalPairAccuracyMetric() : new MultipleChoiceAccuracyMetric();

    public static bool TryCreate(string id, string adapter, out IMetric metric)
    {
        metric = Factories.TryGetValue(id, out var create) ? create(adapter)
            : Efficiency.EfficiencyMetrics.Factories.TryGetValue(id, out var measured) ? measured() : null!;
        return metric is not null;
    }

    /// <summary>The scenario's metrics and every instance metric its corpus-level metrics read, in a stable order.</summary>
    public static MetricSet For(ScenarioDefinition scenario)
    {
        var instance = new List<IInstanceMetric>();
        var perturbed = new List<IPerturbationMetric>();
        var run = new List<IRunMetric>();
        var multi = new List<IInstanceStatsMetric>();
        void Add(string id)
        {
            if (instance.Any(m => m.Name == id) || perturbed.Any(m => m.Name == id) || run.Any(m => m.Name == id) || multi.Any(m => m.Name == id))
                return;
            if (!TryCreate(id, scenario.Adapter, out var metric))
                throw new ScenarioDefinitionException(scenario.File, "metrics", $"unknown metric '{id}'");
            switch (metric)
            {
                case IInstanceMetric m:
                    instance.Add(m);
                    break;
                case IPerturbationMetric m:
                    perturbed.Add(m);
                    break;
                case IRunMetric m:
                    run.Add(m);
                    foreach (var input in m.Producers)
                        Add(input);
                    break;
                case IInstanceStatsMetric m:
                    multi.Add(m);
                    break;
            }
        }
        foreach (var id in scenario.Metrics)
            Add(id);
        // Degenerate behaviour (a constant answer, repetition, truncation) is checked on every run, named or not.
        foreach (var id in DegenerateBehaviour.Diagnostics(scenario.AdapterKind))
            Add(id);
        // Every per-repetition figure of a measurement is stored (downloads show them), whichever summaries the scenario names.
        if (scenario.AdapterKind.IsMeasurement)
            foreach (var id in Efficiency.EfficiencyMetrics.RepetitionStats)
                Add(id);
        return new MetricSet(instance, perturbed, run, multi);
    }
}
