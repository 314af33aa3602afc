namespace Eval.Core.Efficiency;

/// <summary>
/// What a model costs in resident memory: opened before the model is loaded, with the process's other memory settled
/// (a full blocking garbage collection, the native heap's free pages given back) and its peak reset to the resident
/// set then (the baseline); PeakAboveBaseline is the process's peak since, less the baseline. Models loaded before
/// are in the baseline, so they do not count. Whatever else the process allocates during the window does (in a
/// worker, a page being served; a worker runs one run at a time). Host memory only: a GPU's memory is not counted.
/// Null (Open) where the system cannot reset the peak or has no /proc.
/// </summary>
public sealed class ModelMemoryWindow
{
    private ModelMemoryWindow(long baseline) => BaselineBytes = baseline;

    public long BaselineBytes { get; }

    public static ModelMemoryWindow? Open()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        ProcessMemory.TrimNativeHeap();
        if (ProcessMemory.ResidentBytes() is not { } baseline || !ProcessMemory.ResetPeak())
            return null;
        return new ModelMemoryWindow(baseline);
    }

    /// <summary>The peak resident set since the window opened, less the baseline (never below 0); null without /proc.</summary>
    public long? PeakAboveBaseline() => ProcessMemory.PeakBytes() is { } peak ? Math.Max(0, peak - BaselineBytes) : null;
}
