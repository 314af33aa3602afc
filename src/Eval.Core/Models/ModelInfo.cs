namespace Eval.Core.Models;

/// <summary>
/// What is known of a model package; Source says where bos/eos/vocab/context were read from; Kind is a
/// <see cref="ModelKinds"/> id (causal unless the loader found a masked LM).
/// </summary>
public sealed record ModelInfo(
    string Name,
    string Architecture,
    long? Parameters,
    int VocabSize,
    int BosTokenId,
    int EosTokenId,
    int ContextLength,
    string Sha256,
    string TokenizerSha256,
    string Source,
    string Kind = ModelKinds.Causal)
{
    /// <summary>Counted from the files by the loader (null for a model that has no files, such as a scripted test model).</summary>
    public ModelFootprint? Footprint { get; init; }
}
