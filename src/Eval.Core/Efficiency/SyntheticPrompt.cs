namespace Eval.Core.Efficiency;

/// <summary>
/// A prompt of an exact number of tokens, the same on every machine: ids drawn from a seeded generator (splitmix64)
/// over the vocabulary, the eos id skipped so that no prompt holds an end of text. Timing does not depend on which
/// ids they are, only on how many.
/// </summary>
public static class SyntheticPrompt
{
    public static int[] Ids(int length, int seed, int vocabSize, int eosTokenId)
    {
        if (vocabSize < 2)
            throw new ArgumentException($"a vocabulary of {vocabSize} tokens cannot make a synthetic prompt", nameof(vocabSize));
        var state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)length);
        var ids = new int[length];
        for (var i = 0; i < length; i++)
        {
            var id = (int)(Next(ref state) % (ulong)vocabSize);
            ids[i] = id == eosTokenId ? (id + 1) % vocabSize : id;
        }
        return ids;
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The length actually used: the requested one, less where prompt + generated tokens would overflow the context.</summary>
    public static int Fitted(int requested, int generatedTokens, int contextLength) =>
        Math.Max(1, Math.Min(requested, contextLength - generatedTokens));
}
