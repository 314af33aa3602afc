using Eval.Core.Models;

namespace Eval.TestKit;

/// <summary>
/// An ILanguageModel whose answers a test writes: a function from each request to its log-likelihood result. Keeps
/// every request it was asked, in order, so a test can check what the adapter built.
/// </summary>
public sealed class ScriptedLanguageModel(Func<LogLikelihoodRequest, LogLikelihoodResult> answer) : ILanguageModel
{
    private readonly List<LogLikelihoodRequest> requests = [];

    public IReadOnlyList<LogLikelihoodRequest> Requests => requests;

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
