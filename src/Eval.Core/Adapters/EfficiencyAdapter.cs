using System.Diagnostics;
using System.Globalization;
using Eval.Core.Efficiency;
using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Adapters;

/// <summary>
/// The efficiency scenario's measurement: for each instance (one prompt length, one repetition) one greedy generation
/// of a synthetic prompt, alone (batch of one) so that its timings are its own, after the warm-up (EfficiencySpec)
/// over every length of the chunk. Memory: a window (ModelMemoryWindow) opens, then a fresh copy of the model is
/// loaded in it (ILanguageModel.LoadCopy) and measured; after each generation the peak resident memory above the
/// window's baseline is what loading and running this model has cost so far (models already loaded in the process are
/// in the baseline). A model that cannot be copied is measured as given, without a memory figure. Energy from the
/// hardware's meter around each generation, if it has one; the machine's load after each. The stored request says
/// what the prompt was; the continuation is the generated text.
/// </summary>
public sealed class EfficiencyAdapter(EfficiencySpec spec) : IAdapter
{
    public const string Greedy = "greedy";

    public static IReadOnlyList<string> Conventions { get; } = [Greedy];

    public async Task<IReadOnlyList<InstanceResponses>> RespondAsync(ILanguageModel model, IReadOnlyList<Instance> instances,
        IProgress<int>? instancesDone = null, CancellationToken cancellationToken = default)
    {
        // The process's one-time costs (the decoding loop's .NET code compiled, ONNX Runtime's threads started) go in
        // the baseline, as they already are in a worker that has generated before: one short generation first.
        var info = model.Info;
        await model.GenerateAsync([new GenerationRequest("", 2, IgnoreEos: true,
            PromptTokenIds: SyntheticPrompt.Ids(1, spec.Seed, info.VocabSize, info.EosTokenId))], cancellationToken: cancellationToken);
        var memory = ModelMemoryWindow.Open();
        using var copy = memory is null ? null : model.LoadCopy();
        if (copy is null)
            memory = null;
        return await MeasureAsync(copy ?? model, memory, instances, instancesDone, cancellationToken);
    }

    private async Task<IReadOnlyList<InstanceResponses>> MeasureAsync(ILanguageModel model, ModelMemoryWindow? memory,
        IReadOnlyList<Instance> instances, IProgress<int>? instancesDone, CancellationToken cancellationToken)
    {
        var info = model.Info;
        using var meter = EnergyMeters.For(model.Provider.Name);
        GenerationRequest Request(Instance instance, out int requested)
        {
            requested = int.Parse(instance.Tag(EfficiencyInstances.PromptTokensTag)
                ?? throw new ArgumentException($"instance {instance.Id} has no {EfficiencyInstances.PromptTokensTag} tag"), CultureInfo.InvariantCulture);
            var length = SyntheticPrompt.Fitted(requested, spec.GeneratedTokens, info.ContextLength);
            return new GenerationRequest("", spec.GeneratedTokens, IgnoreEos: true,
                PromptTokenIds: SyntheticPrompt.Ids(length, spec.Seed, info.VocabSize, info.EosTokenId));
        }

        var warmups = instances.Select(i => Request(i, out _)).DistinctBy(r => r.PromptTokenIds!.Count).ToList();
        var clock = Stopwatch.StartNew();
        for (var round = 0; warmups.Count > 0 && (round < spec.Warmup || clock.Elapsed.TotalSeconds < spec.WarmupSeconds); round++)
            foreach (var warmup in warmups)
                await model.GenerateAsync([warmup], cancellationToken: cancellationToken);

        var answered = new List<InstanceResponses>(instances.Count);
        foreach (var instance in instances)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = Request(instance, out var requested);
            var before = meter?.ReadJoules();
            var result = (await model.GenerateAsync([request], cancellationToken: cancellationToken))[0];
            var joules = meter is not null ? meter.Between(before!.Value, meter.ReadJoules()) : (double?)null;
            var measured = RepetitionMeasurement.From(result, joules);
            var stats = Stats(measured, info.Footprint, memory?.PeakAboveBaseline());
            if (MachineLoad.OneMinuteAverage() is { } load)
            {
                stats[EfficiencyMetrics.RepLoadAverage] = load;
                stats[EfficiencyMetrics.RepLogicalCpus] = Environment.ProcessorCount;
            }

            var prompt = FormattableString.Invariant(
                $"synthetic prompt: {result.PromptTokenCount} token ids (requested {requested}; seed {spec.Seed}), greedy, {spec.GeneratedTokens} new tokens, eos ignored");
            var logProb = result.TokenLogProbs.Sum(p => (double)p);
            var scored = new ScoredRequest(0, prompt, result.Text, logProb, measured.GeneratedTokens, IsGreedy: true,
                Truncated: result.PromptTokenCount < requested);
            var response = new Response(logProb, measured.GeneratedTokens, true, logProb, scored.Truncated) { Measurements = stats };
            answered.Add(new InstanceResponses(instance, [scored], [response]));
            instancesDone?.Report(answered.Count);
        }
        return answered;
    }

    private static Dictionary<string, double> Stats(RepetitionMeasurement m, ModelFootprint? footprint, long? modelMemoryBytes)
    {
        var stats = new Dictionary<string, double>
        {
            [EfficiencyMetrics.RepPromptTokens] = m.PromptTokens,
            [EfficiencyMetrics.RepGeneratedTokens] = m.GeneratedTokens,
            [EfficiencyMetrics.RepTtft] = m.TtftMs,
            [EfficiencyMetrics.RepPrefillTokensPerSecond] = m.PrefillTokensPerSecond,
        };
        if (m.DecodeMsPerToken is { } ms)
            stats[EfficiencyMetrics.RepDecodeMsPerToken] = ms;
        if (m.DecodeTokensPerSecond is { } tps)
            stats[EfficiencyMetrics.RepDecodeTokensPerSecond] = tps;
        if (m.EnergyJoulesPerToken is { } j)
            stats[EfficiencyMetrics.RepEnergyPerToken] = j;
        if (footprint is not null)
        {
            stats[EfficiencyMetrics.RepParameters] = footprint.Parameters;
            stats[EfficiencyMetrics.RepFileBytes] = footprint.FileBytes;
        }
        if (modelMemoryBytes is { } bytes)
            stats[EfficiencyMetrics.RepModelMemory] = bytes;
        return stats;
    }
}
