namespace Eval.Core.Models;

/// <summary>The lower_snake ids of <see cref="ModelKind"/>, as ModelInfo.Kind and exports carry them.</summary>
public static class ModelKinds
{
    public const string Causal = "causal";
    public const string Masked = "masked";

    public static string Id(ModelKind kind) => kind switch
    {
        ModelKind.Causal => Causal,
        ModelKind.Masked => Masked,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static ModelKind Parse(string id) => id switch
    {
        Causal => ModelKind.Causal,
        Masked => ModelKind.Masked,
        _ => throw new ArgumentException($"unknown model kind '{id}' ({Causal} or {Masked})", nameof(id)),
    };
}
