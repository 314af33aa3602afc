namespace Eval.Core.Scenarios;

/// <summary>
/// Where the records come from: a file pattern relative to the scenario folder, its format, the JSON path of the
/// record array (format json), the field that names each record's subset, and an optional named transform.
/// </summary>
public sealed record DataSpec(string Files, string Format, string? SubsetBy, string? JsonPath = null, TransformSpec? Transform = null);
