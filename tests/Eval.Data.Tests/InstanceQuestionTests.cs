using Eval.Core.Scenarios;
using Eval.Data.Queries;

namespace Eval.Data.Tests;

public sealed class InstanceQuestionTests
{
    private static Instance With(string input) => new("i", input, [], null);

    [Fact]
    public void TheLastParagraph_IsTheQuestion_AfterAnyPrimer()
    {
        Assert.Equal("Q: What is 2+2?\nA:", InstanceQuestion.Of(With("Q: Capital of France?\nA: Paris.\n\nQ: What is 2+2?\nA:")));
        Assert.Equal("Is it raining? Answer:", InstanceQuestion.Of(With("  Is it raining? Answer:\n")));
    }

    [Fact]
    public void NoInput_HasNoQuestion_AndALongOne_KeepsItsEnd()
    {
        Assert.Null(InstanceQuestion.Of(With("")));
        Assert.Null(InstanceQuestion.Of(null));
        var question = InstanceQuestion.Of(With(new string('x', 1000) + " the question?"))!;
        Assert.Equal(InstanceQuestion.Longest + 1, question.Length);
        Assert.StartsWith("…", question);
        Assert.EndsWith(" the question?", question);
    }
}
