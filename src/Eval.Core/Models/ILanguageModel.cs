namespace Eval.Core.Models;

/// <summary>A language model as the runner sees it: ONNX in production, a scripted model in unit tests.</summary>
public interface ILanguageModel : IDisposable
{
    ModelInfo Info { get; }

    /// <summary>ONNX Runtime's name for the execution provider in use, and why it was chosen.</summary>
    ExecutionProviderChoice Provider { get; }

    /// <summary>
    /// Sum of log p over the continuation's tokens given the context (the bos/eos id when the context is empty).
    /// Identical requests get identical results wherever they fall in the list.
    /// </summary>
    Task<IReadOnlyList<LogLikelihoodResult>> LogLikelihoodAsync(
        IReadOnlyList<LogLikelihoodRequest> requests,
        IProgress<int>? requestsDone = null,
        CancellationToken cancellationToken = default);
}
