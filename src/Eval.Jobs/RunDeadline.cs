using System.Globalization;
using System.Text;
using Eval.Core.Efficiency;
using Eval.Core.Scenarios;
using Eval.Jobs.Options;

namespace Eval.Jobs;

/// <summary>
/// How long a run may score before it is stopped and failed: Eval:Worker:RunDeadlineFactor times its expected time,
/// and never less than Eval:Worker:RunDeadlineMinimum. Expected time = the tokens its requests put through the model
/// x the milliseconds per token its validation smoke test measured. Tokens are counted from above: UTF-8 bytes of
/// every context and choice (a byte-level tokenizer makes at most one token per byte), and each token to generate
/// as a whole call of <see cref="TokensPerCall"/> tokens (a one-token decoding step costs a call, which the smoke
/// test's per-token time spreads over its few tokens). A model that loops, or runs far slower than it validated,
/// fails with <see cref="Reason"/> instead of holding the worker.
/// </summary>
public sealed record RunDeadline(TimeSpan Limit, TimeSpan Expected, long Tokens, double MillisecondsPerToken, double Factor, TimeSpan Minimum)
{
    public const int TokensPerCall = 8;

    /// <returns>null when the model has no measured speed (reference models, and uploads validated before it was measured).</returns>
    public static RunDeadline? For(double? millisecondsPerToken, ScenarioDefinition scenario, IReadOnlyList<Instance> instances, WorkerOptions options)
    {
        if (millisecondsPerToken is not ({ } perToken and > 0))
            return null;
        var tokens = CountTokens(scenario, instances);
        var expected = TimeSpan.FromMilliseconds(tokens * perToken);
        if (scenario.Efficiency is { WarmupSeconds: > 0 } efficiency)
            expected += TimeSpan.FromSeconds(efficiency.WarmupSeconds);
        var scaled = TimeSpan.FromMilliseconds(Math.Min(expected.TotalMilliseconds * options.RunDeadlineFactor, TimeSpan.MaxValue.TotalMilliseconds / 2));
        return new RunDeadline(scaled > options.RunDeadlineMinimum ? scaled : options.RunDeadlineMinimum, expected, tokens, perToken,
            options.RunDeadlineFactor, options.RunDeadlineMinimum);
    }

    /// <summary>The run's error when it was stopped, e.g. "stopped after 12 min: 20x its expected 36 s ...".</summary>
    public string Reason() => string.Create(CultureInfo.InvariantCulture,
        $"stopped after {Format(Limit)}: {Factor:0.###}x its expected {Format(Expected)} (at least {Format(Minimum)}); expected from at most {Tokens} tokens at the {MillisecondsPerToken:0.###} ms per token measured when the model was validated. The model may loop, or run far slower on batches than on one short text");

    private static long CountTokens(ScenarioDefinition scenario, IReadOnlyList<Instance> instances)
    {
        var generated = scenario.AdapterKind.MaxGeneratedTokens(scenario);
        long total = 0;
        foreach (var instance in instances)
        {
            long context = Encoding.UTF8.GetByteCount(instance.Input);
            if (instance.Tag(EfficiencyInstances.PromptTokensTag) is { } prompt && long.TryParse(prompt, CultureInfo.InvariantCulture, out var promptTokens))
                context += promptTokens;
            var choices = instance.References.Sum(r => (long)Encoding.UTF8.GetByteCount(r.Text));
            var requests = generated > 0 ? 1 : Math.Max(1, instance.References.Count);
            total += requests * (context + 1) + (generated > 0 ? 0 : choices) + (long)generated * TokensPerCall;
        }
        // Perturbed variants are put to the model beside each instance.
        return total * (1 + scenario.Perturbations.Count);
    }

    private static string Format(TimeSpan time) => time.TotalSeconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.##} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{time.TotalMinutes:0.#} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{time.TotalHours:0.#} h"),
    };
}
