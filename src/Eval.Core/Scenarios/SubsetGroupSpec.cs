namespace Eval.Core.Scenarios;

/// <summary>Subsets rolled up into groups by a record field, with renames (BLiMP's s-selection -> argument_structure).</summary>
public sealed record SubsetGroupSpec(string Field, IReadOnlyDictionary<string, string> Rename)
{
    public string GroupOf(string value) => Rename.TryGetValue(value, out var renamed) ? renamed : value;
}
