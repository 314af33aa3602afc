using Eval.Core.Metrics.Generation;

namespace Eval.Core.Tests.Metrics;

/// <summary>
/// sacrebleu's "intl" tokenizer and BLEU as lm-eval's truthfulqa_gen calls them, against sacrebleu's published case
/// (test/test_sentence_bleu.py, sacrebleu commit f615c728) and the code-point cases of issue #14.
/// </summary>
public sealed class SentenceBleuReferenceTests
{
    [Fact]
    public void Score_MatchesSacrebleusSentenceBleuCase_WithTheIntlTokenizer()
    {
        // ('exp', None, False, 'intl', 8.493) with EPSILON 1e-3; 14 hypothesis tokens, so effective order changes nothing.
        const string reference = "producţia de zahăr brut se exprimă în zahăr alb;";
        const string system = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";

        Assert.Equal(8.493, SentenceBleu.Score(system, reference), 0.001);
    }

    [Fact]
    public void Score_IsZero_WhenNothingMatches_AsSacrebleuIssue141()
    {
        Assert.Equal(0.0, SentenceBleu.Score("this is a cat", "okay thanks"));
    }

    public static TheoryData<string, string[]> TokenizeCases => new()
    {
        // An emoji is one code point of category So: split off like any symbol, not left on the word.
        { "I love it\U0001F600", ["I", "love", "it", "\U0001F600"] },
        { "smile\U0001F600.", ["smile", "\U0001F600", "."] },
        // A mathematical digit above U+FFFF is a number: the full stop between two of them stays, as in "3.5".
        { "\U0001D7D9.\U0001D7DA and 3.5", ["\U0001D7D9.\U0001D7DA", "and", "3.5"] },
        // Python's str.split() and rstrip() treat U+001C-U+001F as white space.
        { "a\u001cb\u001dc\u001ed\u001fe\u001f", ["a", "b", "c", "d", "e"] },
        // The rules by hand: punctuation next to a non-digit split off, "3.5" and a year's final stop kept.
        { "Hello, world!", ["Hello", ",", "world", "!"] },
        { "It costs $3.5.", ["It", "costs", "$", "3.5."] },
        { "$3.5 each.", ["$", "3.5", "each", "."] },
    };

    [Theory]
    [MemberData(nameof(TokenizeCases))]
    public void Tokenize_WorksOnCodePoints_AsSacrebleusRegexModule(string text, string[] expected)
    {
        Assert.Equal(expected, SentenceBleu.Tokenize(text));
    }

    [Fact]
    public void Score_IsHundred_WhenTextsDifferOnlyInSpacingAroundAnEmoji()
    {
        Assert.Equal(100.0, SentenceBleu.Score("I love it\U0001F600 so", "I love it \U0001F600 so"), 10);
    }
}
