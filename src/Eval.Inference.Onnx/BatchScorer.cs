namespace Eval.Inference.Onnx;

/// <summary>
/// Scores token sequences on the decoder: distinct sequences only, grouped by shared prefix where the export has a
/// key/value cache (<see cref="PrefixPlanner"/>), sorted by length, right-padded into batches within a token
/// budget. Each batch is one call for the groups' prefixes and, when a group has several members, one call for
/// the members' remaining tokens on top of the prefixes' cache. Duplicates share one result, so identical
/// sequences get identical scores wherever they fall. Groups share a batch only while the batch's longest prefix
/// plus its longest remaining part fits the model's context (positions): the member call's padded rows and its
/// mask span both, so a long prefix beside a long suffix would reach positions the model has no embedding for.
/// </summary>
public sealed class BatchScorer(DecoderSession decoder, int padTokenId, InferenceOptions options, int contextLength = int.MaxValue)
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
        var pending = new List<int>();
        for (var u = 0; u < unique.Count; u++)
        {
            if (unique[u].Continuation.Length == 0)
                scores[u] = new TokenScores([], true);
            else
                pending.Add(u);
        }
        var toPlan = pending.Select(u => unique[u]).ToList();
        var budget = options.BatchTokens(decoder.VocabSize);
        var share = options.SharePrefixes && decoder.Signature.HasPast && decoder.Signature.HasScoringHead;
        var groups = (share ? PrefixPlanner.Plan(toPlan, budget) : PrefixPlanner.Singletons(toPlan))
            .Select(g => new ScoreGroup(g.Members.Select(m => pending[m]).ToArray(), g.PrefixLength))
            .ToList();

        // Longest remaining part of a member, then prefix length: neighbours pad little in either call.
        int Suffix(ScoreGroup g) => g.Members.Max(m => unique[m].InputLength) - g.PrefixLength;
        var order = groups.OrderBy(Suffix).ThenBy(g => g.PrefixLength).ToList();

        var maxRows = Math.Max(1, options.MaxBatchSize);
        var scored = 0;
        var start = 0;
        while (start < order.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int end = start, prefixMax = 0, suffixMax = 0, suffixRows = 0;
            while (end < order.Count)
            {
                var g = order[end];
                var prefix = Math.Max(prefixMax, g.PrefixLength);
                var suffix = Math.Max(suffixMax, Suffix(g));
                var rows = suffixRows + g.Members.Count(m => unique[m].InputLength > g.PrefixLength);
                var fits = end == start
                    || (end - start + 1 <= maxRows && (end - start + 1) * prefix <= budget && rows <= maxRows && rows * suffix <= budget
                        && (long)prefix + suffix <= contextLength);
                if (!fits)
                    break;
                (prefixMax, suffixMax, suffixRows) = (prefix, suffix, rows);
                end++;
            }
            var batch = order.GetRange(start, end - start);
            ScoreBatch(batch, unique, scores);
            scored += batch.Sum(g => g.Members.Length);
            start = end;
            done?.Report((int)((long)scored * sequences.Count / Math.Max(1, pending.Count)));
        }
        return map.Select(u => scores[u]).ToList();
    }

    private void ScoreBatch(IReadOnlyList<ScoreGroup> groups, IReadOnlyList<TokenSequence> unique, TokenScores[] scores)
    {
        // Prefix call: each group's first PrefixLength tokens, right-padded, with the next token as target.
        var rows = groups.Count;
        var length = groups.Max(g => g.PrefixLength);
        var ids = new long[rows * length];
        var mask = new long[rows * length];
        var positions = new long[rows * length];
        var targets = new long[rows * length];
        for (var g = 0; g < rows; g++)
        {
            var first = unique[groups[g].Members[0]];
            for (var t = 0; t < length; t++)
            {
                var real = t < groups[g].PrefixLength;
                var at = g * length + t;
                ids[at] = real ? first[t] : padTokenId;
                mask[at] = real ? 1 : 0;
                positions[at] = t;
                targets[at] = real ? first[t + 1] : 0;
            }
        }

        var suffixMembers = new List<(int Group, int Member)>();
        for (var g = 0; g < rows; g++)
            foreach (var m in groups[g].Members)
                if (unique[m].InputLength > groups[g].PrefixLength)
                    suffixMembers.Add((g, m));

        var scoring = decoder.Signature.HasScoringHead;
        var fetch = (scoring ? DecoderFetch.Scores : DecoderFetch.Logits) | (suffixMembers.Count > 0 ? DecoderFetch.Present : DecoderFetch.None);
        using var prefixOut = decoder.Run(new DecoderStep(rows, length, ids, mask, positions, Targets: scoring ? targets : null), fetch);
        var prefixScores = new ScoreReader(prefixOut, decoder.VocabSize);

        DecoderOutputs? suffixOut = null;
        var suffixLength = 0;
        var suffixRow = new Dictionary<int, int>();
        if (suffixMembers.Count > 0)
        {
            // Member call: each member's tokens after its group's prefix, on top of the prefix cache (rows repeated
            // per member). The mask marks the prefix's padding as absent, and positions continue from the prefix.
            using var past = prefixOut.Present!.SelectRows(suffixMembers.Select(s => s.Group).ToList());
            prefixOut.Present.Dispose();
            suffixLength = suffixMembers.Max(s => unique[s.Member].InputLength - groups[s.Group].PrefixLength);
            var count = suffixMembers.Count;
            var total = length + suffixLength;
            var sIds = new long[count * suffixLength];
            var sMask = new long[count * total];
            var sPositions = new long[count * suffixLength];
            var sTargets = new long[count * suffixLength];
            for (var r = 0; r < count; r++)
            {
                var (g, m) = suffixMembers[r];
                suffixRow[m] = r;
                var prefix = groups[g].PrefixLength;
                var sequence = unique[m];
                for (var t = 0; t < prefix; t++)
                    sMask[r * total + t] = 1;
                for (var t = 0; t < suffixLength; t++)
                {
                    var position = prefix + t;
                    var real = position < sequence.InputLength;
                    var at = r * suffixLength + t;
                    sIds[at] = real ? sequence[position] : padTokenId;
                    sMask[r * total + length + t] = real ? 1 : 0;
                    sPositions[at] = position;
                    sTargets[at] = real ? sequence[position + 1] : 0;
                }
            }
            suffixOut = decoder.Run(new DecoderStep(count, suffixLength, sIds, sMask, sPositions, past, scoring ? sTargets : null),
                scoring ? DecoderFetch.Scores : DecoderFetch.Logits);
        }
        prefixOut.Present?.Dispose();
        using var ownedSuffix = suffixOut;
        var suffixScores = suffixOut is null ? null : new ScoreReader(suffixOut, decoder.VocabSize);

        var members = groups.SelectMany((g, gi) => g.Members.Select(m => (Group: gi, Member: m))).ToArray();
        void Read(int i)
        {
            var (g, m) = members[i];
            var sequence = unique[m];
            var prefix = groups[g].PrefixLength;
            var logProbs = new float[sequence.Continuation.Length];
            var greedy = true;
            for (var k = 0; k < logProbs.Length; k++)
            {
                var position = sequence.Context.Length - 1 + k;
                var target = sequence.Continuation[k];
                bool isArgmax;
                logProbs[k] = position < prefix
                    ? prefixScores.Read(g, position, target, out isArgmax)
                    : suffixScores!.Read(suffixRow[m], position - prefix, target, out isArgmax);
                greedy &= isArgmax;
            }
            scores[m] = new TokenScores(logProbs, greedy);
        }

        // From the scoring head this is a lookup; from raw logits a log-softmax per position, worth the threads.
        if (scoring)
            for (var i = 0; i < members.Length; i++)
                Read(i);
        else
            Parallel.For(0, members.Length, Read);
    }
}

