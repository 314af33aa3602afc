namespace Eval.Inference.Onnx;

/// <summary>
/// The model input that scores one inner token of a sentence: the sentence with the token (and its mask span)
/// replaced by the mask id. A sentence longer than the window keeps its special tokens and the run of inner tokens
/// that fits, centred on the scored token as far as the sentence allows, so each token sees as much context as fits.
/// </summary>
public static class MaskedRows
{
    public static int Length(MaskedSentence sentence, int window) => Math.Min(sentence.Ids.Length, window);

    /// <summary>First inner index of the window that scores inner token k, when only <paramref name="fit"/> inner tokens fit.</summary>
    public static int WindowStart(int innerCount, int fit, int k) => Math.Clamp(k - fit / 2, 0, Math.Max(0, innerCount - fit));

    /// <summary>Writes the row for inner token k into <paramref name="row"/> (of <see cref="Length"/>); returns the scored position.</summary>
    public static int Fill(MaskedSentence sentence, int k, int window, int maskId, Span<long> row)
    {
        var ids = sentence.Ids;
        int target, maskEnd;
        if (ids.Length <= window)
        {
            for (var t = 0; t < ids.Length; t++)
                row[t] = ids[t];
            target = sentence.InnerStart + k;
            maskEnd = target + sentence.MaskSpans[k];
        }
        else
        {
            var prefix = sentence.InnerStart;
            var suffix = ids.Length - sentence.InnerEnd;
            var fit = window - prefix - suffix;
            if (fit < 1)
                throw new ArgumentException($"a window of {window} positions leaves no room beside {prefix + suffix} special tokens", nameof(window));
            var start = WindowStart(sentence.InnerCount, fit, k);
            for (var t = 0; t < prefix; t++)
                row[t] = ids[t];
            for (var t = 0; t < fit; t++)
                row[prefix + t] = ids[prefix + start + t];
            for (var t = 0; t < suffix; t++)
                row[prefix + fit + t] = ids[sentence.InnerEnd + t];
            target = prefix + k - start;
            maskEnd = Math.Min(target + sentence.MaskSpans[k], prefix + fit);
        }
        for (var t = target; t < maskEnd; t++)
            row[t] = maskId;
        return target;
    }
}
