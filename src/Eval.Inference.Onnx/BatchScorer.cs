using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>
/// Scores token sequences on the decoder: distinct sequences only, sorted by length, right-padded into batches
/// within a token budget, one session call per batch. Duplicates share one result, so identical sequences get
/// identical scores wherever they fall.
/// </summary>
public sealed class BatchScorer(InferenceSession session, DecoderSignature signature, int padTokenId, InferenceOptions options)
{
    public IReadOnlyList<TokenScores> Score(IReadOnlyList<TokenSequence> sequences, IProgress<int>? done = null, CancellationToken cancellationToken = default)
    {
        var keyIndex = new Dictionary<string, int>();
        var unique = new List<TokenSequence>();
        var map = new int[sequences.Count];
        for (var i = 0; i < sequences.Count; i++)
        {
            var key = sequences[i].Key;
            if (!keyIndex.TryGetValue(key, out var u))
            {
                u = unique.Count;
                keyIndex[key] = u;
                unique.Add(sequences[i]);
            }
            map[i] = u;
        }

        var scores = new TokenScores[unique.Count];
        for (var u = 0; u < unique.Count; u++)
            if (unique[u].Continuation.Length == 0)
                scores[u] = new TokenScores([], true);
        var order = Enumerable.Range(0, unique.Count).Where(i => scores[i] is null).OrderBy(i => unique[i].InputLength).ToArray();
        var start = 0;
        while (start < order.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = start;
            while (end < order.Length && end - start < options.MaxBatchSize
                   && (end - start + 1) * unique[order[end]].InputLength <= Math.Max(options.MaxBatchTokens, unique[order[end]].InputLength))
                end++;
            var batch = order[start..end];
            var results = ScoreBatch(batch.Select(i => unique[i]).ToList());
            for (var k = 0; k < batch.Length; k++)
                scores[batch[k]] = results[k];
            start = end;
            done?.Report((int)((long)start * sequences.Count / Math.Max(1, order.Length)));
        }
        return map.Select(u => scores[u]).ToList();
    }

    private TokenScores[] ScoreBatch(IReadOnlyList<TokenSequence> batch)
    {
        var rows = batch.Count;
        var length = batch.Max(s => s.InputLength);
        var ids = new long[rows * length];
        var mask = new long[rows * length];
        var positions = new long[rows * length];
        for (var b = 0; b < rows; b++)
        {
            var tokens = batch[b].Context.Concat(batch[b].Continuation).ToArray();
            for (var t = 0; t < length; t++)
            {
                var real = t < batch[b].InputLength;
                ids[b * length + t] = real ? tokens[t] : padTokenId;
                mask[b * length + t] = real ? 1 : 0;
                positions[b * length + t] = t;
            }
        }

        var shape = new long[] { rows, length };
        var names = new List<string> { DecoderSignature.InputIds, DecoderSignature.AttentionMask };
        var values = new List<OrtValue>
        {
            OrtValue.CreateTensorValueFromMemory(ids, shape),
            OrtValue.CreateTensorValueFromMemory(mask, shape),
        };
        try
        {
            if (signature.HasPositionIds)
            {
                names.Add(DecoderSignature.PositionIds);
                values.Add(OrtValue.CreateTensorValueFromMemory(positions, shape));
            }
            foreach (var past in signature.PastNames)
            {
                names.Add(past);
                values.Add(OrtValue.CreateTensorValueFromMemory(Array.Empty<float>(), [rows, signature.KvHeads, 0, signature.HeadDim]));
            }

            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, names, values, [DecoderSignature.Logits]);
            return ReadScores(batch, outputs[0], length);
        }
        finally
        {
            foreach (var v in values)
                v.Dispose();
        }
    }

    private static TokenScores[] ReadScores(IReadOnlyList<TokenSequence> batch, OrtValue logitsValue, int length)
    {
        var vocab = (int)logitsValue.GetTensorTypeAndShape().Shape[2];
        var results = new TokenScores[batch.Count];
        Parallel.For(0, batch.Count, () => new float[vocab], (b, _, scratch) =>
        {
            var seq = batch[b];
            var logits = logitsValue.GetTensorDataAsSpan<float>();
            var logProbs = new float[seq.Continuation.Length];
            var greedy = true;
            for (var k = 0; k < seq.Continuation.Length; k++)
            {
                var position = seq.Context.Length - 1 + k;
                var row = logits.Slice((b * length + position) * vocab, vocab);
                logProbs[k] = LogSoftmax.LogProbOf(row, seq.Continuation[k], scratch, out var isArgmax);
                greedy &= isArgmax;
            }
            results[b] = new TokenScores(logProbs, greedy);
            return scratch;
        }, _ => { });
        return results;
    }
}
