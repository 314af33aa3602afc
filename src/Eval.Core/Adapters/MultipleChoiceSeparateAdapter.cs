using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Adapters;

/// <summary>
/// lm-evaluation-harness's multiple_choice: one request per choice, context = the instance's input (preamble
/// included), continuation = target delimiter + choice; the score per convention (MultipleChoiceConventions).
/// </summary>
public sealed class MultipleChoiceSeparateAdapter(string convention, string targetDelimiter) : IAdapter
{
    private readonly string convention = MultipleChoiceConventions.All.Contains(convention) ? convention
        : throw new ArgumentException($"unknown convention '{convention}' (known: {string.Join(", ", MultipleChoiceConventions.All)})", nameof(convention));

    public IReadOnlyList<LogLikelihoodRequest> BuildRequests(Instance instance) =>
        instance.References.Select(r => new LogLikelihoodRequest(instance.Input, targetDelimiter + r.Text)).ToList();

    public double Score(Instance instance, int reference, LogLikelihoodResult result) => convention switch
    {
        MultipleChoiceConventions.LengthNormalized => result.TokenCount == 0 ? 0.0 : result.LogProb / result.TokenCount,
        MultipleChoiceConventions.CharNormalized => result.LogProb / Math.Max(1, instance.References[reference].Text.Length),
        _ => result.LogProb,
    };

    public Task<IReadOnlyList<InstanceResponses>> RespondAsync(ILanguageModel model, IReadOnlyList<Instance> instances,
        IProgress<int>? instancesDone = null, CancellationToken cancellationToken = default) =>
        LogLikelihoodScoring.RespondAsync(model, instances, BuildRequests, Score, instancesDone, cancellationToken);
}
