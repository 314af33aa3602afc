using System.Text.Json.Nodes;

namespace Eval.Core.Scenarios.TruthfulQa;

/// <summary>
/// truthfulqa_gen: a TruthfulQA.csv row as lm-evaluation-harness's process_docs_gen reads it (the Hugging Face
/// loader splits the answer columns on ';' and trims each): question trimmed; every answer trimmed, empty ones
/// dropped, a '.' added where it does not end in one; "I have no comment." added to the correct answers when
/// missing. Adds question and answers, an array of [answer, 1 | 0] pairs, correct answers first (two rows list
/// "Unknown." on both sides, so an object of answer -> label would lose one).
/// </summary>
public sealed class TruthfulQaGenTransform : IRecordTransform
{
    public const string Name = "truthfulqa_gen";

    public const string NoComment = "I have no comment.";

    public IEnumerable<JsonObject> Apply(JsonObject record)
    {
        var correct = Answers(Field(record, "Correct Answers"));
        if (!correct.Contains(NoComment))
            correct.Add(NoComment);
        var incorrect = Answers(Field(record, "Incorrect Answers"));
        if (incorrect.Count == 0)
            throw new FormatException("no incorrect answer");
        var answers = new JsonArray();
        foreach (var a in correct)
            answers.Add(new JsonArray(a, 1));
        foreach (var a in incorrect)
            answers.Add(new JsonArray(a, 0));
        var copy = (JsonObject)record.DeepClone();
        copy["question"] = Field(record, "Question").Trim();
        copy["answers"] = answers;
        yield return copy;
    }

    public static List<string> Answers(string column) =>
        column.Trim().Split(';').Select(a => a.Trim()).Where(a => a.Length > 0).Select(a => a.EndsWith('.') ? a : a + ".").ToList();

    private static string Field(JsonObject record, string name) =>
        record[name]?.GetValue<string>() ?? throw new FormatException($"record has no string field '{name}'");
}
