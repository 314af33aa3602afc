namespace Eval.Core.Efficiency;

/// <summary>A cumulative energy counter the hardware exposes; readings are joules since an arbitrary origin.</summary>
public interface IEnergyMeter : IDisposable
{
    /// <summary>What is measured, for the run's record ("RAPL package 0", "NVML GPU 0").</summary>
    string Source { get; }

    double ReadJoules();

    /// <summary>Joules between two readings (a counter that wrapped around is corrected where its range is known).</summary>
    double Between(double before, double after) => after - before;
}
