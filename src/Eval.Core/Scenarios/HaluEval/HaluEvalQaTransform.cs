using System.Text.Json.Nodes;

namespace Eval.Core.Scenarios.HaluEval;

/// <summary>
/// halueval_qa: each QA record becomes two judgements, one of the right answer (gold "No": not hallucinated) and one
/// of the hallucinated answer (gold "Yes"). The official script picks one at random, unseeded; judging both gives
/// a balanced, reproducible set (SCORING.md 3.5). Adds answer, answer_kind (right | hallucinated) and gold, the
/// index of the right judgement among the choices [Yes, No].
/// </summary>
public sealed class HaluEvalQaTransform : IRecordTransform
{
    public const string Name = "halueval_qa";

    public IEnumerable<JsonObject> Apply(JsonObject record)
    {
        yield return With(record, "right_answer", "right", gold: 1);
        yield return With(record, "hallucinated_answer", "hallucinated", gold: 0);
    }

    private static JsonObject With(JsonObject record, string answerField, string kind, int gold)
    {
        var copy = (JsonObject)record.DeepClone();
        copy["answer"] = record[answerField]?.GetValue<string>()
            ?? throw new FormatException($"record has no string field '{answerField}'");
        copy["answer_kind"] = kind;
        copy["gold"] = gold.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return copy;
    }
}
