using Eval.Core.Models;

namespace Eval.TestKit;

/// <summary>
/// Passes every call to a real model and counts the calls and the requests that reach it; <paramref name="info"/>
/// stands in for the model's identity where a test needs other model bytes.
/// </summary>
public sealed class CountingLanguageModel(ILanguageModel inner, ModelInfo? info = null) : ILanguageModel
{
    public int Calls { get; private set; }

    public int RequestsSeen { get; private set; }

    public ModelInfo Info => info ?? inner.Info;

    public ExecutionProviderChoice Provider => inner.Provider;

    public Task<IReadOnlyList<LogLikelihoodResult>> LogLikelihoodAsync(IReadOnlyList<LogLikelihoodRequest> requests,
        IProgress<int>? requestsDone = null, CancellationToken cancellationToken = default)
    {
        Count(requests.Count);
        return inner.LogLikelihoodAsync(requests, requestsDone, cancellationToken);
    }

    public Task<IReadOnlyList<LogLikelihoodRollingResult>> LogLikelihoodRollingAsync(IReadOnlyList<LogLikelihoodRollingRequest> requests,
        IProgress<int>? requestsDone = null, CancellationToken cancellationToken = default)
    {
        Count(requests.Count);
        return inner.LogLikelihoodRollingAsync(requests, requestsDone, cancellationToken);
    }

    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests,
        IProgress<int>? requestsDone = null, CancellationToken cancellationToken = default)
    {
        Count(requests.Count);
        return inner.GenerateAsync(requests, requestsDone, cancellationToken);
    }

    public void Dispose() => inner.Dispose();

    private void Count(int requests)
    {
        Calls++;
        RequestsSeen += requests;
    }
}
