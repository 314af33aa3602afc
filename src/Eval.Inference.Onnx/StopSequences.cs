namespace Eval.Inference.Onnx;

/// <summary>Stop sequences are matched on decoded text, so a stop split across tokens is still found.</summary>
public static class StopSequences
{
    /// <returns>Where the earliest stop sequence starts in the text, or -1.</returns>
    public static int Find(string text, IReadOnlyList<string>? stops)
    {
        if (stops is null)
            return -1;
        var earliest = -1;
        foreach (var stop in stops)
        {
            if (stop.Length == 0)
                continue;
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (earliest < 0 || at < earliest))
                earliest = at;
        }
        return earliest;
    }
}
