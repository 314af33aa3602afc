using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>
/// session.Run that a cancellation token can interrupt: an uploaded graph may loop for practically ever inside one
/// call (a Loop with a huge trip count), where checking the token between calls never comes. The token sets
/// RunOptions.Terminate, which ONNX Runtime checks between nodes (inside Loop bodies too); the call then fails, and
/// that failure is thrown as the cancellation it is.
/// </summary>
internal static class TerminableRun
{
    public static void Run(InferenceSession session, IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs,
        IReadOnlyCollection<string> outputNames, IReadOnlyCollection<OrtValue> outputs, CancellationToken cancellationToken)
    {
        using var runOptions = new RunOptions();
        using var terminate = Terminate(runOptions, cancellationToken);
        try
        {
            session.Run(runOptions, inputNames, inputs, outputNames, outputs);
        }
        catch (OnnxRuntimeException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the model call was stopped", e, cancellationToken);
        }
    }

    public static IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, IReadOnlyCollection<string> inputNames,
        IReadOnlyCollection<OrtValue> inputs, IReadOnlyCollection<string> outputNames, CancellationToken cancellationToken)
    {
        using var runOptions = new RunOptions();
        using var terminate = Terminate(runOptions, cancellationToken);
        try
        {
            return session.Run(runOptions, inputNames, inputs, outputNames);
        }
        catch (OnnxRuntimeException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the model call was stopped", e, cancellationToken);
        }
    }

    // Disposed before the RunOptions (declared after them): Dispose waits for a callback already running.
    private static CancellationTokenRegistration Terminate(RunOptions runOptions, CancellationToken cancellationToken) =>
        cancellationToken.Register(() => runOptions.Terminate = true);
}
