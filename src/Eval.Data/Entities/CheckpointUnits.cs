namespace Eval.Data.Entities;

/// <summary>What a checkpoint's position counts: training tokens seen, training words seen, or optimizer steps.</summary>
public static class CheckpointUnits
{
    public const string Tokens = "tokens";
    public const string Words = "words";
    public const string Step = "step";

    public static readonly IReadOnlyList<string> All = [Tokens, Words, Step];

    /// <summary>The axis title of a learning curve over this unit.</summary>
    public static string AxisTitle(string unit) => unit switch
    {
        Tokens => "training tokens",
        Words => "training words",
        _ => "training step",
    };
}
