namespace Eval.Inference.Onnx;

/// <summary>Which outputs a decoder call returns; anything not fetched stays inside ONNX Runtime.</summary>
[Flags]
public enum DecoderFetch
{
    None = 0,
    Logits = 1,
    Present = 2,
    Scores = 4,
}
