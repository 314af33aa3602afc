using Eval.Core.Models;

namespace Eval.Inference.Onnx;

/// <summary>
/// Text to <see cref="MaskedSentence"/>: the tokenizer's own template puts &lt;s&gt; ... &lt;/s&gt; around the text
/// (tokenizer.json's post-processor, applied by Tokenizers.DotNet's Encode); a tokenizer without one gets the bos
/// and eos ids. The special tokens at either end are context, never scored. For PLL-word-l2r a word starts at a token
/// beginning with the byte-level space marker "Ġ" (or SentencePiece's "▁"), or at the first inner token.
/// </summary>
public sealed class MaskedSentenceTokenizer
{
    private readonly HfTokenizer tokenizer;
    private readonly IReadOnlySet<int> specialIds;
    private readonly int bosId;
    private readonly int eosId;
    private readonly bool[] startsWord;

    public MaskedSentenceTokenizer(HfTokenizer tokenizer, TokenizerVocabulary vocabulary, int bosId, int eosId)
    {
        this.tokenizer = tokenizer;
        this.bosId = bosId;
        this.eosId = eosId;
        specialIds = vocabulary.SpecialIds;
        startsWord = new bool[vocabulary.Count];
        for (var id = 0; id < startsWord.Length; id++)
            startsWord[id] = vocabulary.TokenOf(id) is { Length: > 0 } token && token[0] is '\u0120' or '\u2581';
    }

    /// <summary>The ids the model sees, special tokens included.</summary>
    public int[] Encode(string text)
    {
        var ids = tokenizer.Encode(text);
        var leading = ids.Length > 0 && specialIds.Contains(ids[0]);
        var trailing = ids.Length > 1 && specialIds.Contains(ids[^1]);
        var wrapped = new List<int>(ids.Length + 2);
        if (!leading)
            wrapped.Add(bosId);
        wrapped.AddRange(ids);
        if (!trailing)
            wrapped.Add(eosId);
        return wrapped.ToArray();
    }

    public MaskedSentence Tokenize(string text, ScoringVariant variant)
    {
        var ids = Encode(text);
        var start = 0;
        while (start < ids.Length && specialIds.Contains(ids[start]))
            start++;
        var end = ids.Length;
        while (end > start && specialIds.Contains(ids[end - 1]))
            end--;

        var spans = new int[end - start];
        for (var k = 0; k < spans.Length; k++)
        {
            var next = start + k + 1;
            if (variant == ScoringVariant.WordL2R)
                while (next < end && !StartsWord(ids[next]))
                    next++;
            spans[k] = next - (start + k);
        }
        return new MaskedSentence(ids, start, end, spans);
    }

    private bool StartsWord(int id) => id >= 0 && id < startsWord.Length && startsWord[id];
}
