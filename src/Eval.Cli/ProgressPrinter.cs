using Eval.Core.Runner;

namespace Eval.Cli;

/// <summary>Progress lines on stderr: redrawn in place on a terminal, one line every few seconds otherwise.</summary>
public sealed class ProgressPrinter(TextWriter stderr) : IProgress<RunProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly bool interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
    private TimeSpan? lastPrinted;
    private RunProgress? last;

    public void Report(RunProgress value)
    {
        last = value;
        if (interactive)
            stderr.Write("\r" + value);
        else if (lastPrinted is not { } at || value.Elapsed - at >= Interval || value.Done == value.Total)
        {
            stderr.WriteLine(value);
            lastPrinted = value.Elapsed;
        }
    }

    public void Finish()
    {
        if (interactive && last is not null)
            stderr.WriteLine();
    }
}
