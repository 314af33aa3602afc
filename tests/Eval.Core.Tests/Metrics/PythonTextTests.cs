using System.Text;
using Eval.Core.Metrics.Tokenization;

namespace Eval.Core.Tests.Metrics;

/// <summary>The Python string semantics the reference tokenizers rely on, with the values CPython 3 gives.</summary>
public sealed class PythonTextTests
{
    [Fact]
    public void Lower_UsesPythonsFullMapping_ForDottedCapitalIAndFinalSigma()
    {
        Assert.Equal("i\u0307stanbul", PythonText.Lower("\u0130stanbul"));
        // "ΟΔΟΣ ΣΑ".lower() == "οδος σα": final sigma only at the end of a word.
        Assert.Equal("οδος σα", PythonText.Lower("ΟΔΟΣ ΣΑ"));
        // Above U+FFFF: DESERET CAPITAL LETTER LONG I lower-cases to U+10428.
        Assert.Equal("\U00010428", PythonText.Lower("\U00010400"));
    }

    [Fact]
    public void Split_TreatsTheInformationSeparatorsAsWhiteSpace()
    {
        Assert.Equal(["a", "b", "c"], PythonText.Split("\u001ca\u001db\u001e\u001fc\u00a0"));
        Assert.True(PythonText.IsSpace(new Rune(0x1F)));
        Assert.False(PythonText.IsSpace(new Rune(0x200B)));
        Assert.Equal("a", PythonText.RStrip("a \u001c\u2028"));
        Assert.Equal("a b", PythonText.Strip("\u001f a b\t"));
    }
}
