namespace Eval.Core.Models;

/// <summary>Why generation ended: MaxTokens (or the context window) reached, a stop sequence, or the eos token.</summary>
public enum FinishReason
{
    Length,
    Stop,
    Eos,
}
