using Eval.Core.Models;

namespace Eval.Jobs;

/// <summary>A model a run uses; disposing it returns a pooled model to the pool, or disposes one loaded for the run.</summary>
public sealed class RentedModel(ILanguageModel model, IDisposable release) : IDisposable
{
    public ILanguageModel Model { get; } = model;

    public void Dispose() => release.Dispose();
}
