using Eval.Core.Scenarios.Records;

namespace Eval.Core.Tests.Scenarios;

public sealed class CsvParserTests
{
    [Fact]
    public void Parse_KeepsCommasQuotesAndLineBreaksInsideQuotedFields()
    {
        var rows = CsvParser.Parse("\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(["a", "b"], rows[0]);
        Assert.Equal(["x, y", "say \"hi\"\nthere"], rows[1]);
    }

    [Fact]
    public void Parse_KeepsEmptyFields_AndSkipsBlankLines()
    {
        var rows = CsvParser.Parse(",b,\n\n1,,3");

        Assert.Equal([["", "b", ""], ["1", "", "3"]], rows);
    }

    [Fact]
    public void Parse_TakesQuotesLiterally_InUnquotedTabForm()
    {
        var rows = CsvParser.Parse("a\tb\n\"x\"\ty", '\t', quoted: false);

        Assert.Equal(["\"x\"", "y"], rows[1]);
    }
}
