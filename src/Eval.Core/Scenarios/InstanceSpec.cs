namespace Eval.Core.Scenarios;

/// <summary>
/// How an instance is read from a record. Templates put record fields in braces ("{UID}-{pairID}"); choices come
/// either from templates (ChoiceTemplates, with Correct a template giving the index of the right one) or from
/// choice sets (each a field holding an object of answer text -> label 1/0, in file order; the first set is the
/// main one, which accuracy and calibration read).
/// </summary>
public sealed record InstanceSpec(
    string IdTemplate,
    string InputTemplate,
    IReadOnlyList<string> ChoiceTemplates,
    IReadOnlyList<ChoiceSetSpec> ChoiceSets,
    string? CorrectTemplate,
    IReadOnlyDictionary<string, string> Tags);
