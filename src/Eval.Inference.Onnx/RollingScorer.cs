using System.Text;
using Eval.Core.Models;
using Eval.Core.Runner;

namespace Eval.Inference.Onnx;

/// <summary>
/// Whole-text log-likelihood: each text's tokens split into <see cref="RollingWindows"/> of the model's context, all
/// windows of all texts scored together, and summed per text with its token and UTF-8 byte counts.
/// </summary>
public sealed class RollingScorer(BatchScorer scorer, HfTokenizer tokenizer, ModelInfo info)
{
    public IReadOnlyList<LogLikelihoodRollingResult> Score(IReadOnlyList<LogLikelihoodRollingRequest> requests,
        IProgress<int>? done = null, CancellationToken cancellationToken = default)
    {
        var tokens = requests.Select(r => tokenizer.Encode(r.Text)).ToList();
        var windows = tokens.Select(t => RollingWindows.Split(t, info.BosTokenId, info.ContextLength)).ToList();
        var flat = windows.SelectMany(w => w).ToList();
        // The scorer counts windows; callers count texts.
        var progress = done is null ? null
            : new SyncProgress<int>(n => done.Report((int)((long)n * requests.Count / Math.Max(1, flat.Count))));
        var scores = scorer.Score(flat, progress, cancellationToken);

        var results = new List<LogLikelihoodRollingResult>(requests.Count);
        var next = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var sum = 0.0;
            for (var w = 0; w < windows[i].Count; w++)
                sum += scores[next++].Total;
            results.Add(new LogLikelihoodRollingResult(sum, tokens[i].Length, Encoding.UTF8.GetByteCount(requests[i].Text)));
        }
        return results;
    }
}
