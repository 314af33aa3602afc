namespace Eval.Inference.Onnx;

/// <summary>
/// Sequences scored together: their first PrefixLength input tokens are identical and are computed once; each
/// member then continues from that prefix's key/value cache. A single sequence is a group whose prefix is its
/// whole input.
/// </summary>
public sealed record ScoreGroup(int[] Members, int PrefixLength);
