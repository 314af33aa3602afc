namespace Eval.Inference.Onnx;

/// <summary>
/// lm-evaluation-harness's rolling windows for a whole text (get_rolling_token_windows with context_len 1, then
/// make_disjoint_window): the first window predicts up to maxLength tokens after the bos/eos id; each later window
/// predicts the next tokens, at most maxLength, with as much of the preceding text as context as still fits in
/// maxLength inputs. Windows are disjoint: every token is predicted exactly once.
/// </summary>
public static class RollingWindows
{
    public static IReadOnlyList<TokenSequence> Split(int[] tokens, int prefixToken, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var windows = new List<TokenSequence>();
        if (tokens.Length == 0)
            return windows;

        var first = Math.Min(maxLength, tokens.Length);
        windows.Add(Disjoint([prefixToken, .. tokens[..(first - 1)]], tokens[..first]));
        var predicted = first;
        while (predicted < tokens.Length)
        {
            var length = Math.Min(tokens.Length - predicted, maxLength);
            var end = predicted + length;
            windows.Add(Disjoint(tokens[(end - maxLength - 1)..(end - 1)], tokens[(end - length)..end]));
            predicted += length;
        }
        return windows;
    }

    // The inputs overlap the predictions but one token: keep only the inputs before the first prediction as context.
    private static TokenSequence Disjoint(int[] inputs, int[] predictions) =>
        new(inputs[..(inputs.Length - (predictions.Length - 1))], predictions);
}
