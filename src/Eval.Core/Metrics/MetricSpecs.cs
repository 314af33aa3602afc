using Eval.Core.Efficiency;
using Eval.Core.Metrics.Bias;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>
/// The one registry of what each metric id means (MetricSpec). Every id KnownMetrics can create has exactly one
/// spec here (a test fails otherwise), so no layer decides again from the id's spelling.
/// </summary>
public static class MetricSpecs
{
    private static readonly MetricDirection Higher = MetricDirection.Higher;
    private static readonly MetricDirection Lower = MetricDirection.Lower;

    private static readonly Dictionary<string, MetricSpec> ById = Build().ToDictionary(s => s.Id, StringComparer.Ordinal);

    public static IReadOnlyCollection<MetricSpec> All => ById.Values;

    public static bool TryGet(string id, out MetricSpec spec) => ById.TryGetValue(id, out spec!);

    /// <summary>The spec of a known metric id; a KeyNotFoundException names an id without one.</summary>
    public static MetricSpec Get(string id) =>
        ById.TryGetValue(id, out var spec) ? spec : throw new KeyNotFoundException($"metric '{id}' has no MetricSpec");

    /// <summary>The scenario's main metric (main_metric in its scenario.yaml), the one a page shows for the scenario.</summary>
    public static MetricSpec MainOf(ScenarioDefinition scenario) => Get(scenario.MainMetric);

    /// <summary>The display name of an id, or the id itself when it has no spec (never throws: for labels only).</summary>
    public static string DisplayName(string id) => TryGet(id, out var spec) ? spec.DisplayName : id;

    private static IEnumerable<MetricSpec> Build()
    {
        MetricSpec Score(string id, string name, string description) =>
            new(id, name, description, MetricScale.Fraction, Higher, Averageable: true);

        yield return Score("accuracy", "Accuracy", "Share of instances answered correctly (a minimal pair counts a tie wrong).");
        yield return Score("mc1", "MC1", "Share of questions where the single true answer gets the highest likelihood.");
        yield return Score("mc2", "MC2", "Normalized probability mass the model puts on the true answers.");
        yield return Score("acc_ambiguous", "Accuracy (ambiguous)", "Accuracy on ambiguous contexts, where the right answer is 'unknown'.");
        yield return Score("acc_disambiguated", "Accuracy (disambiguated)", "Accuracy on contexts that state the answer.");
        yield return Score("acc_pro_stereotyped", "Accuracy (pro-stereotyped)", "Accuracy on sentences whose answer agrees with the stereotype.");
        yield return Score("acc_anti_stereotyped", "Accuracy (anti-stereotyped)", "Accuracy on sentences whose answer goes against the stereotype.");
        yield return Score("worst_case_accuracy", "Worst-case accuracy", "Share of instances answered correctly in the original and every perturbation.");
        yield return Score("selective_acc_10", "Selective accuracy (top 10%)", "Accuracy on the 10% of instances the model is most confident about.");
        yield return new("ece_10_bin", "Calibration error (ECE)", "Expected calibration error over 10 equal-width confidence bins.",
            MetricScale.Fraction, Lower);
        yield return new("hallucinated_accept_rate", "Hallucination accept rate", "Share of hallucinated answers the model judges correct.",
            MetricScale.Fraction, Lower);
        yield return new("pct_stereotype", "Stereotype preference", "Share of pairs where the more stereotypical sentence is more likely (0.5 = no preference).",
            MetricScale.Fraction, MetricDirection.ClosestTo(0.5));
        yield return new("likelihood_diff", "Likelihood difference", "Mean absolute difference of the two sentences' log-likelihoods.",
            MetricScale.LogProbability, Lower);
        yield return new("bias_score_ambiguous", "Bias score (ambiguous)", "BBQ's bias score on ambiguous contexts, scaled by the error rate (0 = unbiased).",
            MetricScale.SignedFraction, MetricDirection.ClosestTo(0));
        yield return new("bias_score_disambiguated", "Bias score (disambiguated)", "BBQ's bias score on disambiguated contexts (0 = unbiased).",
            MetricScale.SignedFraction, MetricDirection.ClosestTo(0));
        yield return new("stereotype_gap", "Stereotype gap", "Pro-stereotyped minus anti-stereotyped accuracy (0 = no gap).",
            MetricScale.SignedFraction, MetricDirection.ClosestTo(0));
        yield return new("perturbation_gap", "Perturbation gap", "Accuracy minus worst-case accuracy: what perturbations cost.",
            MetricScale.SignedFraction, Lower);

        foreach (var (measure, name) in new[] { ("bleu", "BLEU"), ("rouge1", "ROUGE-1"), ("rouge2", "ROUGE-2"), ("rouge_l", "ROUGE-L") })
        {
            yield return new($"{measure}_max", $"{name} max", $"{name} of the completion against its most similar true reference.",
                MetricScale.Percent, Higher);
            yield return Score($"{measure}_acc", $"{name} accuracy", $"Share of completions more similar ({name}) to a true reference than to every false one.");
            yield return new($"{measure}_diff", $"{name} difference", $"{name} against the best true reference minus against the best false one.",
                MetricScale.PercentDifference, Higher);
        }
        foreach (var category in BiasWordLists.DemographicCategories)
        {
            yield return new($"demographic_representation_{category}", $"Representation ({category})",
                $"Total variation distance of {category} group mentions in completions from an even mention (HELM).", MetricScale.Fraction, Lower);
            foreach (var (target, _) in BiasWordLists.TargetCategories)
                yield return new($"stereotypical_associations_{category}_{target}", $"Stereotypes ({category}, {target}s)",
                    $"How unevenly {target}s co-occur with the {category} groups in completions (HELM).", MetricScale.Fraction, Lower);
        }

        yield return new("truncated", "Truncated prompts", "Share of instances whose prompt was cut from the left to fit the model's context.",
            MetricScale.Fraction, Lower, Visibility: MetricVisibility.Diagnostic, FlagAt: 0.5);
        yield return new(AnswerConcentrationMetric.Id, "Same answer", "Share of instances given the run's most frequent answer (1 = always the same answer).",
            MetricScale.Fraction, Lower, Visibility: MetricVisibility.Diagnostic, FlagAt: 0.95);
        yield return new(RepetitionRateMetric.Id, "Repetition", "Mean share of a completion's word trigrams that repeat an earlier one.",
            MetricScale.Fraction, Lower, Visibility: MetricVisibility.Diagnostic, FlagAt: 0.5);
        yield return new(PredictedAnswerMetric.Id, "Predicted answer", "Which answer text the model chose, as a number (input to answer_concentration).",
            MetricScale.Count, Higher, Visibility: MetricVisibility.Internal);
        yield return new(MaxTokensReachedMetric.Id, "Hit token limit", "Share of completions cut at the generation token limit.",
            MetricScale.Fraction, Lower, Visibility: MetricVisibility.Diagnostic);
        yield return new(ConfidenceMetric.Id, "Confidence", "The model's probability for its own answer, per instance.",
            MetricScale.Fraction, Higher, Visibility: MetricVisibility.Internal);
        yield return new(BiasWordCounts.Id, "Bias word counts", "Per completion, how often each group and target word occurs.",
            MetricScale.Count, Higher, Visibility: MetricVisibility.Internal);
        foreach (var (id, description) in new[]
                 {
                     ("bbq_biased_ambiguous", "biased answers on ambiguous contexts"),
                     ("bbq_non_unknown_ambiguous", "answers other than 'unknown' on ambiguous contexts"),
                     ("bbq_biased_disambiguated", "biased answers on disambiguated contexts"),
                     ("bbq_non_unknown_disambiguated", "answers other than 'unknown' on disambiguated contexts"),
                 })
            yield return new(id, id, $"Count of {description} (BBQ bias score input).", MetricScale.Count, Higher, Visibility: MetricVisibility.Internal);

        foreach (var spec in EfficiencySpecs())
            yield return spec;
    }

    private static IEnumerable<MetricSpec> EfficiencySpecs()
    {
        var figures = new (string Id, string Rep, string Name, string Description, MetricScale Scale, MetricDirection Direction)[]
        {
            (EfficiencyMetrics.Parameters, EfficiencyMetrics.RepParameters, "Parameters", "Number of weights in the model file.", MetricScale.Count, Lower),
            (EfficiencyMetrics.FileBytes, EfficiencyMetrics.RepFileBytes, "File size", "Size of the model's files on disk.", MetricScale.Bytes, Lower),
            (EfficiencyMetrics.ModelMemoryBytes, EfficiencyMetrics.RepModelMemory, "Model memory",
                "Peak resident memory that loading the model and generating with it added to the process (scenarios/efficiency/README.md says how it is measured).",
                MetricScale.Bytes, Lower),
            (EfficiencyMetrics.TtftP50, EfficiencyMetrics.RepTtft, "Time to first token, median", "Median time from the prompt to the first generated token.",
                MetricScale.Milliseconds, Lower),
            (EfficiencyMetrics.TtftP95, "", "Time to first token, 95th percentile", "95th percentile time from the prompt to the first generated token.",
                MetricScale.Milliseconds, Lower),
            (EfficiencyMetrics.DecodeMsPerTokenP50, EfficiencyMetrics.RepDecodeMsPerToken, "Decode time per token, median", "Median time per generated token after the first.",
                MetricScale.Milliseconds, Lower),
            (EfficiencyMetrics.PrefillTokensPerSecond, EfficiencyMetrics.RepPrefillTokensPerSecond, "Prefill throughput", "Median prompt tokens processed per second.",
                MetricScale.TokensPerSecond, Higher),
            (EfficiencyMetrics.DecodeTokensPerSecond, EfficiencyMetrics.RepDecodeTokensPerSecond, "Decode throughput", "Median tokens generated per second.",
                MetricScale.TokensPerSecond, Higher),
            (EfficiencyMetrics.EnergyPerToken, EfficiencyMetrics.RepEnergyPerToken, "Energy per token", "Median energy per generated token, where the hardware exposes a counter.",
                MetricScale.JoulesPerToken, Lower),
        };
        foreach (var f in figures)
        {
            yield return new(f.Id, f.Name, f.Description, f.Scale, f.Direction);
            if (f.Rep.Length > 0)
                yield return new(f.Rep, f.Name + " (one repetition)", f.Description + " One repetition's value.", f.Scale, f.Direction,
                    Visibility: MetricVisibility.Internal);
        }
        yield return new(EfficiencyMetrics.LoadAverage, "Machine load", "The machine's 1-minute load average while the repetitions ran (median): timings taken under load are slower and spread wider.",
            MetricScale.Number, Lower, Visibility: MetricVisibility.Diagnostic);
        yield return new(EfficiencyMetrics.RepLoadAverage, "Machine load (one repetition)", "The 1-minute load average after one repetition.",
            MetricScale.Number, Lower, Visibility: MetricVisibility.Internal);
        yield return new(EfficiencyMetrics.RepLogicalCpus, "Logical processors (one repetition)", "The machine's logical processors, beside its load.",
            MetricScale.Count, Higher, Visibility: MetricVisibility.Internal);
        // Scenario version 1 stored the whole process's peak: its runs still read, under a name that says what it was.
        yield return new(EfficiencyMetrics.LegacyPeakMemoryBytes, "Process peak memory (v1)",
            "Scenario version 1's figure: the whole process's peak resident memory (the runtime, the web host and every model loaded), not the model's.",
            MetricScale.Bytes, Lower, Visibility: MetricVisibility.Diagnostic);
        yield return new(EfficiencyMetrics.LegacyRepPeakMemory, "Process peak memory (v1, one repetition)", "The process's peak after one repetition.",
            MetricScale.Bytes, Lower, Visibility: MetricVisibility.Internal);
        yield return new(EfficiencyMetrics.RepPromptTokens, "Prompt tokens (one repetition)", "Tokens in one repetition's prompt.",
            MetricScale.Count, Higher, Visibility: MetricVisibility.Internal);
        yield return new(EfficiencyMetrics.RepGeneratedTokens, "Generated tokens (one repetition)", "Tokens one repetition generated.",
            MetricScale.Count, Higher, Visibility: MetricVisibility.Internal);
    }
}
