namespace Eval.Core.Models;

/// <summary>
/// A language model as the runner sees it: ONNX in production, a scripted model in unit tests. The three request
/// primitives are lm-evaluation-harness's; a model that cannot serve one (a scripted test model) keeps the default,
/// which refuses.
/// </summary>
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

    /// <summary>Whole-text log-probabilities, in windows of the model's context (lm-evaluation-harness's rolling windows).</summary>
    Task<IReadOnlyList<LogLikelihoodRollingResult>> LogLikelihoodRollingAsync(
        IReadOnlyList<LogLikelihoodRollingRequest> requests,
        IProgress<int>? requestsDone = null,
        CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} does not compute rolling log-likelihoods");

    /// <summary>
    /// A second, independent instance of the same model (its own session, same settings), loaded now, that the caller
    /// disposes: the efficiency measurement loads one inside its memory window, so that what loading and running the
    /// model costs is measured apart from models loaded before. Null where the model cannot be loaded again (a
    /// scripted test model): then no memory figure is recorded.
    /// </summary>
    ILanguageModel? LoadCopy() => null;

    /// <summary>Completions of each context (key/value-cached decoding, batched).</summary>
    Task<IReadOnlyList<GenerationResult>> GenerateAsync(
        IReadOnlyList<GenerationRequest> requests,
        IProgress<int>? requestsDone = null,
        CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} does not generate");
}
