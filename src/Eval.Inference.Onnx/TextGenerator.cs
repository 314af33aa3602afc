using System.Diagnostics;
using Eval.Core.Models;

namespace Eval.Inference.Onnx;

/// <summary>
/// Batched decoding. Prompts of similar length are batched and left-padded; position ids count real tokens only and
/// the attention mask covers past + new positions. With a key/value cache each step feeds one token per row and
/// the present.* outputs become the next past_key_values.*; an export without a cache recomputes the whole
/// sequence each step. Finished rows leave the batch (their cache rows are dropped).
/// </summary>
public sealed class TextGenerator(DecoderSession decoder, HfTokenizer tokenizer, ModelInfo info, InferenceOptions options)
{
    public IReadOnlyList<GenerationResult> Generate(IReadOnlyList<GenerationRequest> requests, IProgress<int>? done = null,
        CancellationToken cancellationToken = default)
    {
        foreach (var request in requests)
        {
            if (request.MaxTokens < 1)
                throw new ArgumentException($"max tokens must be at least 1, not {request.MaxTokens}");
            if (request.TopP is <= 0 or > 1)
                throw new ArgumentException($"top_p must be in (0, 1], not {request.TopP}");
        }

        var rows = requests.Select((r, i) => new GenerationRow(i, r, Prompt(r), new SeededRandom(r.Seed), info.ContextLength)).ToList();
        var results = new GenerationResult[requests.Count];
        var budget = options.BatchTokens(decoder.VocabSize);
        var ordered = rows.OrderBy(r => r.Prompt.Length).ThenBy(r => r.Index).ToList();
        var start = 0;
        while (start < ordered.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = start + 1;
            while (end < ordered.Count && end - start < options.MaxBatchSize && (end - start + 1) * ordered[end].Prompt.Length <= budget)
                end++;
            var batch = ordered.GetRange(start, end - start);
            RunBatch(batch, cancellationToken);
            foreach (var row in batch)
                results[row.Index] = row.Result();
            start = end;
            done?.Report(start);
        }
        return results;
    }

    /// <summary>The prompt's ids (given ids as they are; the bos/eos id for an empty context), its earliest tokens dropped so that the prompt and max tokens fit the context window.</summary>
    private int[] Prompt(GenerationRequest request)
    {
        var ids = request.PromptTokenIds is { Count: > 0 } given ? given.ToArray()
            : request.Context.Length == 0 ? [info.BosTokenId] : tokenizer.Encode(request.Context);
        var room = Math.Max(1, info.ContextLength - Math.Min(request.MaxTokens, info.ContextLength - 1));
        return ids.Length > room ? ids[^room..] : ids;
    }

    private void RunBatch(List<GenerationRow> batch, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var width = batch.Max(r => r.Prompt.Length);
        var count = batch.Count;
        var ids = new long[count * width];
        var mask = new long[count * width];
        var positions = new long[count * width];
        for (var r = 0; r < count; r++)
        {
            var pad = width - batch[r].Prompt.Length;
            for (var t = 0; t < width; t++)
            {
                var real = t >= pad;
                ids[r * width + t] = real ? batch[r].Prompt[t - pad] : info.EosTokenId;
                mask[r * width + t] = real ? 1 : 0;
                positions[r * width + t] = real ? t - pad : 0;
            }
        }

        var cached = decoder.Signature.HasPast;
        var outputs = decoder.Run(new DecoderStep(count, width, ids, mask, positions),
            DecoderFetch.Logits | (cached ? DecoderFetch.Present : DecoderFetch.None), cancellationToken);
        var active = Enumerable.Range(0, count).ToList();
        var cache = outputs.Present;
        var scratch = new float[decoder.VocabSize];
        var order = new int[decoder.VocabSize];
        var step = 0;
        try
        {
            while (true)
            {
                // Each active row's next token, from the logits of its last position.
                var length = outputs.Length;
                var elapsed = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                var still = new List<int>();
                for (var a = 0; a < active.Count; a++)
                {
                    var row = batch[active[a]];
                    var logits = outputs.Logits!.AsSpan(((a + 1) * length - 1) * decoder.VocabSize, decoder.VocabSize);
                    var token = TokenSampler.Pick(logits, row.Request, row.Random, scratch, order);
                    var logProb = LogSoftmax.LogProbOf(logits, token, scratch, out _);
                    if (row.Accept(token, logProb, elapsed, info.EosTokenId, tokenizer))
                        still.Add(a);
                }
                step++;
                outputs.Dispose();
                if (still.Count == 0)
                    return;
                cancellationToken.ThrowIfCancellationRequested();

                // Drop finished rows from the mask and the cache, then feed the new tokens.
                var kept = still.Select(a => active[a]).ToList();
                var pastLength = mask.Length / active.Count;
                var keptMask = new long[kept.Count * (pastLength + 1)];
                for (var k = 0; k < still.Count; k++)
                {
                    Array.Copy(mask, still[k] * pastLength, keptMask, k * (pastLength + 1), pastLength);
                    keptMask[k * (pastLength + 1) + pastLength] = 1;
                }
                if (cached && still.Count < active.Count)
                {
                    var smaller = cache!.SelectRows(still);
                    cache.Dispose();
                    cache = smaller;
                }
                active = kept;
                mask = keptMask;

                DecoderStep next;
                if (cached)
                {
                    var last = active.Select(r => (long)batch[r].Generated[^1]).ToArray();
                    var nextPositions = active.Select(r => (long)(batch[r].Prompt.Length + batch[r].Generated.Count - 1)).ToArray();
                    next = new DecoderStep(active.Count, 1, last, mask, nextPositions, cache);
                }
                else
                {
                    next = FullSequence(batch, active, width, step, mask);
                }
                outputs = decoder.Run(next, DecoderFetch.Logits | (cached ? DecoderFetch.Present : DecoderFetch.None), cancellationToken);
                cache?.Dispose();
                cache = outputs.Present;
            }
        }
        finally
        {
            outputs.Dispose();
            cache?.Dispose();
        }
    }

    /// <summary>Without a cache: the left-padded prompt and every token generated so far, all rows the same length.</summary>
    private DecoderStep FullSequence(List<GenerationRow> batch, List<int> active, int width, int generated, long[] mask)
    {
        var length = width + generated;
        var ids = new long[active.Count * length];
        var positions = new long[active.Count * length];
        for (var a = 0; a < active.Count; a++)
        {
            var row = batch[active[a]];
            var pad = width - row.Prompt.Length;
            for (var t = 0; t < length; t++)
            {
                var at = a * length + t;
                ids[at] = t < pad ? info.EosTokenId : t < width ? row.Prompt[t - pad] : row.Generated[t - width];
                positions[at] = t < pad ? 0 : t - pad;
            }
        }
        return new DecoderStep(active.Count, length, ids, mask, positions);
    }
}
