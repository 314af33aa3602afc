using Eval.Core.Metrics.Tokenization;

namespace Eval.Core.Tests.Metrics;

/// <summary>
/// NLTK's word_tokenize and Punkt sentence splitting against NLTK's own published cases (nltk/test/tokenize.doctest,
/// nltk/test/unit/test_tokenize.py and the docstring of NLTKWordTokenizer.tokenize, nltk commit f2a92bd7), and the
/// cases of issue #14 that a split on letters got wrong.
/// </summary>
public sealed class NltkWordTokenizerTests
{
    public static TheoryData<string, string[]> WordTokenizeDoctests => new()
    {
        // tokenize.doctest, "Regression Tests: NLTKWordTokenizer".
        { "On a $50,000 mortgage of 30 years at 8 percent, the monthly payment would be $366.88.",
            ["On", "a", "$", "50,000", "mortgage", "of", "30", "years", "at", "8", "percent", ",", "the", "monthly", "payment", "would", "be", "$", "366.88", "."] },
        { "\"We beat some pretty good teams to get here,\" Slocum said.",
            ["``", "We", "beat", "some", "pretty", "good", "teams", "to", "get", "here", ",", "''", "Slocum", "said", "."] },
        { "Well, we couldn't have this predictable, cliche-ridden, \"Touched by an Angel\" (a show creator John Masius worked on) wanna-be if she didn't.",
            ["Well", ",", "we", "could", "n't", "have", "this", "predictable", ",", "cliche-ridden", ",", "``", "Touched", "by", "an", "Angel", "''", "(", "a", "show", "creator", "John", "Masius", "worked", "on", ")", "wanna-be", "if", "she", "did", "n't", "."] },
        { "I cannot cannot work under these conditions!", ["I", "can", "not", "can", "not", "work", "under", "these", "conditions", "!"] },
        { "The company spent $30,000,000 last year.", ["The", "company", "spent", "$", "30,000,000", "last", "year", "."] },
        { "The company spent 40.75% of its income last year.", ["The", "company", "spent", "40.75", "%", "of", "its", "income", "last", "year", "."] },
        { "He arrived at 3:00 pm.", ["He", "arrived", "at", "3:00", "pm", "."] },
        { "I bought these items: books, pencils, and pens.", ["I", "bought", "these", "items", ":", "books", ",", "pencils", ",", "and", "pens", "."] },
        { "Though there were 150, 100 of them were old.", ["Though", "there", "were", "150", ",", "100", "of", "them", "were", "old", "."] },
        { "There were 300,000, but that wasn't enough.", ["There", "were", "300,000", ",", "but", "that", "was", "n't", "enough", "."] },
        { "It's more'n enough.", ["It", "'s", "more", "'n", "enough", "."] },
        { "\u00abNow that I can do.\u00bb", ["\u00ab", "Now", "that", "I", "can", "do", ".", "\u00bb"] },
        { "The unicode 201C and 201D \u201cLEFT(RIGHT) DOUBLE QUOTATION MARK\u201d is also OPEN_PUNCT and CLOSE_PUNCT.",
            ["The", "unicode", "201C", "and", "201D", "\u201c", "LEFT", "(", "RIGHT", ")", "DOUBLE", "QUOTATION", "MARK", "\u201d", "is", "also", "OPEN_PUNCT", "and", "CLOSE_PUNCT", "."] },
        // test_tokenize.py: test_word_tokenize, test_pad_asterisk, test_pad_dotdot.
        { "The 'v', I've been fooled but I'll seek revenge.", ["The", "'", "v", "'", ",", "I", "'ve", "been", "fooled", "but", "I", "'ll", "seek", "revenge", "."] },
        { "'v' 're'", ["'", "v", "'", "'re", "'"] },
        { "This is a, *weird sentence with *asterisks in it.", ["This", "is", "a", ",", "*", "weird", "sentence", "with", "*", "asterisks", "in", "it", "."] },
        { "Why did dotdot.. not get tokenized but dotdotdot... did? How about manydots.....",
            ["Why", "did", "dotdot", "..", "not", "get", "tokenized", "but", "dotdotdot", "...", "did", "?", "How", "about", "manydots", "....."] },
        // word_tokenize's docstring example in nltk/tokenize/__init__.py (three sentences, so three final periods).
        { "Good muffins cost $3.88\nin New York.  Please buy me\ntwo of them.\n\nThanks.",
            ["Good", "muffins", "cost", "$", "3.88", "in", "New", "York", ".", "Please", "buy", "me", "two", "of", "them", ".", "Thanks", "."] },
    };

    [Theory]
    [MemberData(nameof(WordTokenizeDoctests))]
    public void WordTokenize_GivesNltksPublishedTokens(string text, string[] expected)
    {
        Assert.Equal(expected, NltkWordTokenizer.WordTokenize(text));
    }

    [Fact]
    public void Tokenize_SplitsAFullStopOffOnlyAtTheEndOfTheText_WithoutSentenceSplitting()
    {
        // NLTKWordTokenizer.tokenize's docstring: one string, no Punkt, so "York." and "them." keep their stops.
        var text = "Good muffins cost $3.88 (roughly 3,36 euros)\nin New York.  Please buy me\ntwo of them.\nThanks.";
        Assert.Equal(["Good", "muffins", "cost", "$", "3.88", "(", "roughly", "3,36", "euros", ")", "in", "New", "York.",
            "Please", "buy", "me", "two", "of", "them.", "Thanks", "."], NltkWordTokenizer.Tokenize(text));
    }

    [Fact]
    public void Tokenize_GivesTheTokensOfNltksSpanTokenizeDocstring()
    {
        // NLTKWordTokenizer.span_tokenize's docstring: the text of each span (no quotes, so the tokens themselves).
        var text = "Good muffins cost $3.88\nin New (York).  Please (buy) me\ntwo of them.\n(Thanks).";
        Assert.Equal(["Good", "muffins", "cost", "$", "3.88", "in", "New", "(", "York", ")", ".", "Please", "(", "buy", ")",
            "me", "two", "of", "them.", "(", "Thanks", ")", "."], NltkWordTokenizer.Tokenize(text));
    }

    [Theory]
    // tokenize.doctest, "Regression Tests: PunktSentenceTokenizer", with an untrained tokenizer (no parameters).
    [InlineData("See Section 3).  Or Section 2).  ", new[] { "See Section 3).", "Or Section 2)." })]
    [InlineData("See Section 3.)  Or Section 2.)  ", new[] { "See Section 3.)", "Or Section 2.)" })]
    [InlineData(". This input starts with a dot. This used to cause issues.", new[] { ".", "This input starts with a dot.", "This used to cause issues." })]
    public void UntrainedSentenceTokenizer_SplitsAsNltksRegressionTests(string text, string[] expected)
    {
        var untrained = new PunktSentenceTokenizer(new PunktParameters(
            new HashSet<string>(), new HashSet<(string, string)>(), new HashSet<string>(), new Dictionary<string, int>()));

        Assert.Equal(expected, untrained.Tokenize(text));
    }

    public static TheoryData<string, string[]> SentTokenizeCases => new()
    {
        // test_tokenize.py, test_sent_tokenize.
        { "this is a test. . new sentence.", ["this is a test.", ".", "new sentence."] },
        { "This. . . That", ["This.", ".", ".", "That"] },
        { "This..... That", ["This..... That"] },
        { "This... That", ["This... That"] },
        { "This.. . That", ["This.. .", "That"] },
        { "This. .. That", ["This.", ".. That"] },
        { "This. ,. That", ["This.", ",.", "That"] },
        { "This!!! That", ["This!!!", "That"] },
        { "This! That", ["This!", "That"] },
        { "1. This is R .\n2. This is A .\n3. That's all", ["1.", "This is R .", "2.", "This is A .", "3.", "That's all"] },
        { "1. This is R .\t2. This is A .\t3. That's all", ["1.", "This is R .", "2.", "This is A .", "3.", "That's all"] },
        { "Hello.\tThere", ["Hello.", "There"] },
        // test_punkt_debug_decisions' texts: two sentences, two sentences, one.
        { "Subject: Some subject. Attachments: Some attachments", ["Subject: Some subject.", "Attachments: Some attachments"] },
        { "Subject: Some subject! Attachments: Some attachments", ["Subject: Some subject!", "Attachments: Some attachments"] },
        { "This is just a normal sentence, just like any other.", ["This is just a normal sentence, just like any other."] },
        // The English model's abbreviations do not end a sentence before a lower-case word; a closing bracket or quote
        // after the stop stays with its sentence (_realign_boundaries).
        { "mr. wang is a nurse. she is kind.", ["mr. wang is a nurse.", "she is kind."] },
        { "(he left.) she stayed.", ["(he left.)", "she stayed."] },
    };

    [Theory]
    [MemberData(nameof(SentTokenizeCases))]
    public void SentenceTokenizer_SplitsAsNltksSentTokenize(string text, string[] expected)
    {
        Assert.Equal(expected, PunktSentenceTokenizer.English.Tokenize(text));
    }

    [Theory]
    [InlineData("he/she is a mother-in-law", new[] { "he/she", "is", "a", "mother-in-law" })]
    [InlineData("garcia-lopez and he2", new[] { "garcia-lopez", "and", "he2" })]
    [InlineData("she's a nurse. he isn't.", new[] { "she", "'s", "a", "nurse", ".", "he", "is", "n't", "." })]
    public void WordTokenize_KeepsWordsThatASplitOnLettersBreaks(string text, string[] expected)
    {
        Assert.Equal(expected, NltkWordTokenizer.WordTokenize(text));
    }

    [Fact]
    public void SentenceTokenizer_DiffersFromNltk_OnlyWhereTheOrthographicContextsDecide()
    {
        // The boundary of the port. NLTK's English model has seen "enter" lower-case and never capitalised inside a
        // sentence, so it ends a sentence after "Mr." before "Enter": ["He met Mr.", "Enter today."]. Without the
        // contexts the abbreviation holds. Lower-cased, as HELM passes it, NLTK keeps the sentence whole as well.
        Assert.Equal(["He met Mr. Enter today."], PunktSentenceTokenizer.English.Tokenize("He met Mr. Enter today."));
        Assert.Equal(["he met mr. enter today."], PunktSentenceTokenizer.English.Tokenize("he met mr. enter today."));
        // Where the contexts agree, as here, the port gives NLTK's answer: no end after "Mr." or after "1990.".
        Assert.Equal(["Mr. Smith is a nurse."], PunktSentenceTokenizer.English.Tokenize("Mr. Smith is a nurse."));
        Assert.Equal(["in 1990. she was a nurse."], PunktSentenceTokenizer.English.Tokenize("in 1990. she was a nurse."));
    }
}
