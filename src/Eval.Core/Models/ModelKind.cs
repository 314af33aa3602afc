namespace Eval.Core.Models;

/// <summary>How a model predicts: left to right (a decoder) or a masked position from both sides (an encoder).</summary>
public enum ModelKind
{
    Causal,
    Masked,
}
