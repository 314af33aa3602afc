using Eval.Core.Models;

namespace Eval.Inference.Onnx.Validation;

/// <summary>What validation learnt of a package: its kind (and why), its vocabulary and logits sizes, bos/eos and context.</summary>
public sealed record ValidatedModel(
    ModelKind Kind,
    string KindReason,
    int TokenizerVocabulary,
    int LogitsSize,
    int BosTokenId,
    int EosTokenId,
    int ContextLength,
    double SmokeLogProb);
