using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Adapters;

/// <summary>
/// Turns instances into requests, puts them to the model in one call per chunk, and reads one response per
/// reference back. Log-likelihood adapters build LogLikelihood requests; a generation adapter will call the
/// model's generation instead and fill the response's completion.
/// </summary>
public interface IAdapter
{
    Task<IReadOnlyList<InstanceResponses>> RespondAsync(
        ILanguageModel model,
        IReadOnlyList<Instance> instances,
        IProgress<int>? instancesDone = null,
        CancellationToken cancellationToken = default);
}
