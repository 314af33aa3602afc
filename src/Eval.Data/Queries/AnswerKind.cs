namespace Eval.Data.Queries;

/// <summary>How an instance's answers are read: a pair of sentences, choices scored one by one, or a generated text.</summary>
public enum AnswerKind
{
    MinimalPair,
    MultipleChoice,
    Generation,
}
