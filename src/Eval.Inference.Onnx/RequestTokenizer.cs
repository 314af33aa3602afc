using Eval.Core.Models;

namespace Eval.Inference.Onnx;

/// <summary>
/// lm-evaluation-harness's split of a request into context and continuation tokens: an empty context becomes
/// the bos/eos id; trailing spaces of the context move to the continuation; the continuation's tokens are those
/// of the whole text after the context's tokens (an empty continuation scores 0). Too long for the context window: the earliest tokens are dropped.
/// </summary>
public sealed class RequestTokenizer(HfTokenizer tokenizer, int bosTokenId, int contextLength)
{
    public TokenSequence Tokenize(LogLikelihoodRequest request)
    {
        var (context, continuation) = (request.Context, request.Continuation);
        int[] contextIds, continuationIds;
        if (context.Length == 0)
        {
            contextIds = [bosTokenId];
            continuationIds = tokenizer.Encode(continuation);
        }
        else
        {
            var trailing = context.Length - context.TrimEnd().Length;
            if (trailing > 0)
            {
                continuation = context[^trailing..] + continuation;
                context = context[..^trailing];
            }
            var whole = tokenizer.Encode(context + continuation);
            contextIds = tokenizer.Encode(context);
            continuationIds = whole[Math.Min(contextIds.Length, whole.Length)..];
        }
        return Truncate(contextIds, continuationIds);
    }

    private TokenSequence Truncate(int[] context, int[] continuation)
    {
        var excess = context.Length + continuation.Length - 1 - contextLength;
        if (excess <= 0)
            return new TokenSequence(context, continuation);
        if (excess >= context.Length)
            throw new ArgumentException($"the continuation ({continuation.Length} tokens) does not fit the context window ({contextLength})");
        return new TokenSequence(context[excess..], continuation, Truncated: true);
    }
}
