namespace Eval.Core.Runner;

/// <summary>Instances done of total, with the time spent so far; the ETA assumes the rate so far holds.</summary>
public sealed record RunProgress(int Done, int Total, TimeSpan Elapsed)
{
    public double Fraction => Total == 0 ? 1.0 : (double)Done / Total;

    public TimeSpan? Eta => Done == 0 ? null : TimeSpan.FromSeconds(Elapsed.TotalSeconds / Done * (Total - Done));

    public override string ToString() =>
        $"{Fraction * 100,5:0.0}%  {Done}/{Total} instances  elapsed {Elapsed:hh\\:mm\\:ss}  eta {(Eta is { } eta ? eta.ToString(@"hh\:mm\:ss") : "--:--:--")}";
}
