namespace Eval.Core.Runner;

/// <summary>IProgress that reports on the caller's thread (Progress&lt;T&gt; posts to a context and can reorder reports).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
