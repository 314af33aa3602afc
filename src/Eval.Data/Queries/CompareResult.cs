namespace Eval.Data.Queries;

/// <summary>A page of the comparison, with how many instances the runs share and how many they disagree on.</summary>
public sealed record CompareResult(int Shared, int Disagreements, int Total, IReadOnlyList<CompareRow> Rows);
