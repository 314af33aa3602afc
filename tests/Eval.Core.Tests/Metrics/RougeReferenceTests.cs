using Eval.Core.Metrics.Generation;

namespace Eval.Core.Tests.Metrics;

/// <summary>
/// ROUGE as lm-eval's truthfulqa_gen computes it with rouge_score, against rouge_score's published cases
/// (google-research rouge/rouge_scorer_test.py at 066e6a12, tokenize_test.py at 0c1bbe5f, tokenizers_test.py at
/// 30adf0ec; the ROUGE-1.5.5 lines from rouge/testdata/target.txt and prediction.txt at 10bf941a), on lm-eval's
/// 0-100 scale. rouge_score's score(target, prediction) is Rouge.X(prediction, reference) here.
/// </summary>
public sealed class RougeReferenceTests
{
    private const string Target0 = "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n";
    private const string Target1 = "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n";
    private const string Prediction0 = "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n";
    private const string Prediction1 = "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n";

    // assertAlmostEqual(places=5) on a fraction: within 5e-6, so 5e-4 on the 0-100 scale.
    private const double Places5 = 0.0005;

    [Theory]
    [InlineData("one Two three", new[] { "one", "two", "three" })]
    [InlineData("one\n Two \nthree", new[] { "one", "two", "three" })]
    [InlineData("this is a test", new[] { "this", "is", "a", "test" })]
    // Python's lower() maps U+0130 to "i" and a combining dot, which is no a-z: the word splits there.
    [InlineData("\u0130stanbul", new[] { "i", "stanbul" })]
    [InlineData("\u212Aelvin \U0001F600smile", new[] { "kelvin", "smile" })]
    public void Tokenize_GivesRougeScoresTokens(string text, string[] expected)
    {
        Assert.Equal(expected, Rouge.Tokenize(text));
    }

    [Theory]
    [InlineData("testing one two", "testing", 1, 50.0)]
    [InlineData("testing one two", "testing one", 2, 100.0 * 2 / 3)]
    [InlineData("testing one two", "", 1, 0.0)]
    [InlineData("testing one two", "", 2, 0.0)]
    [InlineData(Target0, Prediction0, 1, 51.163)]
    [InlineData(Target1, Prediction1, 1, 50.000)]
    [InlineData(Target0, Prediction0, 2, 39.024)]
    [InlineData(Target1, Prediction1, 2, 36.364)]
    public void RougeN_MatchesRougeScoresCases(string target, string prediction, int n, double expected)
    {
        Assert.Equal(expected, Rouge.RougeN(prediction, target, n), Places5);
    }

    [Theory]
    // rougeL cases: on one line rougeLsum is the plain LCS F-measure.
    [InlineData("testing one two", "testing one", 80.0)]
    [InlineData("testing one two", "testing two", 80.0)]
    [InlineData("testing one two", "", 0.0)]
    [InlineData(Target0, Prediction0, 51.163)]
    [InlineData(Target1, Prediction1, 50.000)]
    // testRougeLsum: union LCS over the prediction's lines, recall 4/5, precision 4/10.
    [InlineData("w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5", 100.0 * 2 * 0.8 * 0.4 / 1.2)]
    [InlineData("w1 w2 w3 w4 w5", "", 0.0)]
    [InlineData("", "w1", 0.0)]
    [InlineData("w1 w2 w3 w4 w5", "/", 0.0)]
    public void RougeLsum_MatchesRougeScoresCases(string target, string prediction, double expected)
    {
        Assert.Equal(expected, Rouge.RougeLsum(prediction, target), Places5);
    }
}
