using System.Text.Json.Nodes;

namespace Eval.Core.Scenarios.Records;

/// <summary>One record of a data file as named fields, and where it came from ("file.jsonl:12") for error messages.</summary>
public sealed record SourceRecord(JsonObject Fields, string Where);
