using Eval.Core.Models;

namespace Eval.Jobs;

/// <summary>A model a run uses; disposing it returns the pooled model to the pool (it stays loaded for the next run).</summary>
public sealed class RentedModel(ILanguageModel model, IDisposable release) : IDisposable
{
    public ILanguageModel Model { get; } = model;

    public void Dispose() => release.Dispose();
}
