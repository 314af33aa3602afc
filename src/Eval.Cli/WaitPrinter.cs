namespace Eval.Cli;

/// <summary>
/// `upload --wait`'s progress on stderr: redrawn in place on a terminal; otherwise a line when the run count or
/// status changes, or every few seconds while the percentage moves.
/// </summary>
public sealed class WaitPrinter(TextWriter stderr)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly bool interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private ModelProgress? last;
    private string lastLine = "";
    private TimeSpan lastPrinted;

    public void Report(ModelProgress progress)
    {
        var line = progress.ToString();
        if (interactive)
        {
            // Pad over a longer previous line.
            stderr.Write("\r" + line.PadRight(lastLine.Length));
        }
        else if (line != lastLine && (last is null || last.Status != progress.Status || last.RunsDone != progress.RunsDone
                                      || clock.Elapsed - lastPrinted >= Interval))
        {
            stderr.WriteLine(line);
            lastPrinted = clock.Elapsed;
        }
        else
            return;
        (last, lastLine) = (progress, line);
    }

    public void Finish()
    {
        if (interactive && last is not null)
            stderr.WriteLine();
    }
}
