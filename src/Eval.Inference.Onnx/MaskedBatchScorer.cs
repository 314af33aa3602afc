using Eval.Inference.Onnx.Graph;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>
/// Scores the masked copies of many sentences together: one row per inner token, rows sorted by length and
/// right-padded with the pad id (attention_mask 0) into batches within the token budget, one session call per batch.
/// </summary>
public sealed class MaskedBatchScorer(InferenceSession session, MaskedSpecialTokens specials, int window, InferenceOptions options)
{
    private const string TokenTypeIds = "token_type_ids";

    // BERT-style exports also take segment ids; a single text is segment 0 throughout.
    private readonly bool hasTokenTypeIds = session.InputMetadata.ContainsKey(TokenTypeIds);

    // With the masked scoring head the output layer runs on the scored positions only (MaskedScoringHead).
    private readonly bool hasScoringHead = session.InputMetadata.ContainsKey(MaskedScoringHead.Positions);

    // Padded tokens per call when the options say auto. With the head no per-token logits are held, so calls can be
    // larger than the decoder's logits budget allows; without it the decoder's budget applies.
    private readonly int batchTokens = options.MaxBatchTokens > 0 ? options.MaxBatchTokens
        : session.InputMetadata.ContainsKey(MaskedScoringHead.Positions) ? HeadBatchTokens
        : options.BatchTokens(session.OutputMetadata[DecoderSignature.Logits].Dimensions is [_, _, > 0 and var vocab] ? vocab : int.MaxValue);

    /// <summary>Auto tokens per call with the masked scoring head (measured on bert-mini-bpe8k, 2 cores).</summary>
    public const int HeadBatchTokens = 2048;

    public int Window => window;

    public IReadOnlyList<TokenScores> Score(IReadOnlyList<MaskedSentence> sentences, IProgress<int>? done = null,
        CancellationToken cancellationToken = default)
    {
        var logProbs = sentences.Select(s => new float[s.InnerCount]).ToArray();
        var greedy = sentences.Select(_ => true).ToArray();
        var rows = new List<(int Sentence, int Token)>();
        for (var s = 0; s < sentences.Count; s++)
            for (var k = 0; k < sentences[s].InnerCount; k++)
                rows.Add((s, k));
        var order = rows.OrderBy(r => MaskedRows.Length(sentences[r.Sentence], window)).ToArray();

        var start = 0;
        while (start < order.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = start;
            while (end < order.Length && end - start < options.MaxBatchSize)
            {
                var length = MaskedRows.Length(sentences[order[end].Sentence], window);
                if ((end - start + 1) * length > Math.Max(batchTokens, length))
                    break;
                end++;
            }
            var batch = order[start..end];
            var results = ScoreBatch(sentences, batch, cancellationToken);
            for (var b = 0; b < batch.Length; b++)
            {
                var (s, k) = batch[b];
                logProbs[s][k] = results[b].LogProb;
                greedy[s] &= results[b].IsArgmax;
            }
            start = end;
            done?.Report((int)((long)start * sentences.Count / order.Length));
        }
        return sentences.Select((_, s) => new TokenScores(logProbs[s], greedy[s])).ToList();
    }

    private (float LogProb, bool IsArgmax)[] ScoreBatch(IReadOnlyList<MaskedSentence> sentences, (int Sentence, int Token)[] batch,
        CancellationToken cancellationToken)
    {
        var rows = batch.Length;
        var length = batch.Max(r => MaskedRows.Length(sentences[r.Sentence], window));
        var ids = new long[rows * length];
        var mask = new long[rows * length];
        var targets = new int[rows];
        var targetIds = new int[rows];
        Array.Fill(ids, specials.PadId);
        for (var b = 0; b < rows; b++)
        {
            var (s, k) = batch[b];
            var rowLength = MaskedRows.Length(sentences[s], window);
            targetIds[b] = sentences[s].Ids[sentences[s].InnerStart + k];
            targets[b] = MaskedRows.Fill(sentences[s], k, window, specials.MaskId, ids.AsSpan(b * length, rowLength));
            mask.AsSpan(b * length, rowLength).Fill(1);
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
            if (hasTokenTypeIds)
            {
                names.Add(TokenTypeIds);
                values.Add(OrtValue.CreateTensorValueFromMemory(new long[rows * length], shape));
            }
            if (hasScoringHead)
                return RunScoringHead(names, values, targets, targetIds, length, cancellationToken);
            using var outputs = TerminableRun.Run(session, names, values, [DecoderSignature.Logits], cancellationToken);
            return Read(outputs[0], targets, targetIds, length);
        }
        finally
        {
            foreach (var v in values)
                v.Dispose();
        }
    }

    private (float, bool)[] RunScoringHead(List<string> names, List<OrtValue> values,
        int[] targets, int[] targetIds, int length, CancellationToken cancellationToken)
    {
        var rows = targets.Length;
        var positions = new long[rows];
        var targetValues = new long[rows];
        for (var b = 0; b < rows; b++)
        {
            positions[b] = (long)b * length + targets[b];
            targetValues[b] = targetIds[b];
        }
        names.Add(MaskedScoringHead.Positions);
        values.Add(OrtValue.CreateTensorValueFromMemory(positions, [rows]));
        names.Add(MaskedScoringHead.Targets);
        values.Add(OrtValue.CreateTensorValueFromMemory(targetValues, [rows, 1]));
        var logProbs = new float[rows];
        var argmax = new long[rows];
        using var logProbValue = OrtValue.CreateTensorValueFromMemory(logProbs, [rows, 1]);
        using var argmaxValue = OrtValue.CreateTensorValueFromMemory(argmax, [rows, 1]);
        TerminableRun.Run(session, names, values, [MaskedScoringHead.LogProbs, MaskedScoringHead.Argmax], [logProbValue, argmaxValue], cancellationToken);
        var results = new (float, bool)[rows];
        for (var b = 0; b < rows; b++)
            results[b] = (logProbs[b], argmax[b] == targetIds[b]);
        return results;
    }

    private static (float, bool)[] Read(OrtValue logitsValue, int[] targets, int[] targetIds, int length)
    {
        var vocab = (int)logitsValue.GetTensorTypeAndShape().Shape[2];
        var results = new (float, bool)[targets.Length];
        Parallel.For(0, targets.Length, () => new float[vocab], (b, _, scratch) =>
        {
            var logits = logitsValue.GetTensorDataAsSpan<float>().Slice((b * length + targets[b]) * vocab, vocab);
            results[b] = (LogSoftmax.LogProbOf(logits, targetIds[b], scratch, out var isArgmax), isArgmax);
            return scratch;
        }, _ => { });
        return results;
    }
}
