using Eval.Core.Models;

namespace Eval.TestKit;

/// <summary>
/// An ILanguageModel whose answers a test writes: a function from each request to its log-likelihood result. Keeps
/// every request it was asked, in order, so a test can check what the adapter built.
/// </summary>
public sealed class ScriptedLanguageModel(Func<LogLikelihoodRequest, LogLikelihoodResult> answer) : ILanguageModel
{
    private readonly List<LogLikelihoodRequest> requests = [];
    private readonly List<GenerationRequest> generationRequests = [];
    private Func<GenerationRequest, string>? complete;

    public IReadOnlyList<LogLikelihoodRequest> Requests => requests;

    public IReadOnlyList<GenerationRequest> GenerationRequests => generationRequests;

    /// <summary>
    /// A model that completes each context with the text a function gives: one token per word, each of log-probability
    /// -1, ended by a stop sequence (or, for an empty text, the eos token).
    /// </summary>
    public static ScriptedLanguageModel Completing(Func<GenerationRequest, string> completion) =>
        new(_ => throw new NotSupportedException("a completing test model scores nothing")) { complete = completion };

    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> batch,
        IProgress<int>? requestsDone = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (complete is null)
            throw new NotSupportedException("this scripted model does not generate");
        generationRequests.AddRange(batch);
        IReadOnlyList<GenerationResult> results = batch.Select(r =>
        {
            var text = complete(r);
            var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            return new GenerationResult(text, Enumerable.Range(1, tokens).ToList(), Enumerable.Repeat(-1f, tokens).ToList(),
                tokens == 0 ? FinishReason.Eos : FinishReason.Stop, r.Context.Length, 1.0, Enumerable.Repeat(1.0, tokens).ToList());
        }).ToList();
        requestsDone?.Report(batch.Count);
        return Task.FromResult(results);
    }

    public ModelInfo Info { get; } = new("scripted", "scripted", null, 0, 0, 0, 512, "0000", "0000", "test double");

    public ExecutionProviderChoice Provider { get; } = new("ScriptedProvider", "a test double");

    /// <summary>Every continuation gets the same log-probability.</summary>
    public static ScriptedLanguageModel Constant(double logProb) => FromLogProb(_ => logProb);

    /// <summary>The log-probability a function gives; the token count is the continuation's word count.</summary>
    public static ScriptedLanguageModel FromLogProb(Func<LogLikelihoodRequest, double> logProb) =>
        new(r => new LogLikelihoodResult(logProb(r), Words(r.Continuation), false));

    /// <summary>The log-probability of the continuation (trimmed) from a table, the fallback for any other.</summary>
    public static ScriptedLanguageModel FromTable(IReadOnlyDictionary<string, double> byContinuation, double fallback = -10.0) =>
        FromLogProb(r => byContinuation.TryGetValue(r.Continuation.Trim(), out var lp) ? lp : fallback);

    public Task<IReadOnlyList<LogLikelihoodResult>> LogLikelihoodAsync(IReadOnlyList<LogLikelihoodRequest> batch,
        IProgress<int>? requestsDone = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        requests.AddRange(batch);
        IReadOnlyList<LogLikelihoodResult> results = batch.Select(answer).ToList();
        requestsDone?.Report(batch.Count);
        return Task.FromResult(results);
    }

    public void Dispose()
    {
    }

    private static int Words(string text) => Math.Max(1, text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
}
