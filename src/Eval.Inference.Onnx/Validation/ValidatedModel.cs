using Eval.Core.Models;

namespace Eval.Inference.Onnx.Validation;

/// <summary>What validation learnt of a package: its kind (and why), its vocabulary and logits sizes, bos/eos and context, and its speed.</summary>
public sealed record ValidatedModel(
    ModelKind Kind,
    string KindReason,
    int TokenizerVocabulary,
    int LogitsSize,
    int BosTokenId,
    int EosTokenId,
    int ContextLength,
    double SmokeLogProb)
{
    /// <summary>Wall time of the smoke test's scoring call per token scored (one thread, batch 1): the base of a run's deadline.</summary>
    public double SmokeMillisecondsPerToken { get; init; }
}
