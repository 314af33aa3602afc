namespace Eval.Core.Stats;

/// <summary>Where a stat sits: the whole run, one subset (BLiMP paradigm) or one group of subsets (phenomenon).</summary>
public static class StatLevel
{
    public const string Overall = "overall";
    public const string Subset = "subset";
    public const string SubsetGroup = "subset_group";
}
