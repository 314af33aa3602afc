namespace Eval.Inference.Onnx;

/// <summary>
/// What a decoder call returned, in row-major [rows, length(, vocab)] arrays: logits, the new cache (past + new
/// positions), and from the scoring head each position's target log-prob and argmax. Null: not fetched.
/// </summary>
public sealed record DecoderOutputs(float[]? Logits, KvCache? Present, float[]? LogProbs, long[]? Argmax);
