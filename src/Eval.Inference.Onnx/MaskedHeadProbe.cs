using Eval.Inference.Onnx.Graph;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>
/// One tiny call through a session with the masked scoring head, made at load: two rows of three tokens, scored at
/// their middle positions. The head's gathers assume every tensor they read is [batch, sequence, features]; a graph
/// where one is not (a statistic over the whole batch, say) fails here, and the model is loaded without the head,
/// instead of failing in the middle of someone's run.
/// </summary>
public static class MaskedHeadProbe
{
    private const int Rows = 2;
    private const int Length = 3;

    /// <summary>False when the call fails; true when it succeeds or the graph takes inputs other than int64 ids.</summary>
    public static bool Runs(InferenceSession session)
    {
        if (session.InputMetadata.Values.Any(m => m.ElementType != typeof(long)))
            return true;
        var values = new List<OrtValue>();
        try
        {
            foreach (var name in session.InputMetadata.Keys)
                values.Add(name switch
                {
                    MaskedScoringHead.Positions => OrtValue.CreateTensorValueFromMemory(new long[] { 1, Length + 1 }, [Rows]),
                    MaskedScoringHead.Targets => OrtValue.CreateTensorValueFromMemory(new long[Rows], [Rows, 1]),
                    DecoderSignature.AttentionMask => OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, Rows * Length).ToArray(), [Rows, Length]),
                    _ => OrtValue.CreateTensorValueFromMemory(new long[Rows * Length], [Rows, Length]),
                });
            using var options = new RunOptions();
            using var outputs = session.Run(options, session.InputMetadata.Keys.ToList(), values, [MaskedScoringHead.LogProbs]);
            return true;
        }
        catch (OnnxRuntimeException)
        {
            return false;
        }
        finally
        {
            foreach (var value in values)
                value.Dispose();
        }
    }
}
