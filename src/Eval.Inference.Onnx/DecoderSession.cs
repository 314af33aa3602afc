using System.Buffers;
using Eval.Inference.Onnx.Graph;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>
/// The one place that turns a <see cref="DecoderStep"/> into ONNX Runtime inputs, whatever the export looks like
/// (with or without past_key_values.*, position_ids or the scoring head). Outputs are written into arrays this
/// class allocates, so callers own them (a present.* array becomes the next past without a copy).
/// </summary>
public sealed class DecoderSession(InferenceSession session, DecoderSignature signature, int vocabSize) : IDisposable
{
    public DecoderSignature Signature { get; } = signature;

    public int VocabSize { get; } = vocabSize;

    /// <param name="cancellationToken">Stops the call itself, not only the next one (<see cref="TerminableRun"/>).</param>
    public DecoderOutputs Run(DecoderStep step, DecoderFetch fetch, CancellationToken cancellationToken = default)
    {
        if (fetch.HasFlag(DecoderFetch.Scores) && !Signature.HasScoringHead)
            throw new InvalidOperationException("the session was loaded without the scoring head");
        var rows = step.Rows;
        var total = step.PastLength + step.Length;
        if (!Signature.HasPast && step.PastLength > 0)
            throw new InvalidOperationException("this export has no key/value cache inputs");

        var shape = new long[] { rows, step.Length };
        var inputNames = new List<string>();
        var inputs = new List<OrtValue>();
        var outputNames = new List<string>();
        var outputs = new List<OrtValue>();
        try
        {
            AddIds(inputNames, inputs, DecoderSignature.InputIds, step.InputIds, shape);
            AddIds(inputNames, inputs, DecoderSignature.AttentionMask, step.AttentionMask, [rows, total]);
            if (Signature.HasPositionIds)
                AddIds(inputNames, inputs, DecoderSignature.PositionIds, step.PositionIds, shape);
            if (Signature.HasTokenTypeIds)
                AddIds(inputNames, inputs, DecoderSignature.TokenTypeIds, new long[rows * step.Length], shape);
            if (Signature.HasUseCacheBranch)
                Add(inputNames, inputs, UseCacheBranch.Input, UseCacheBranch.Create(step.PastLength > 0));
            for (var i = 0; i < Signature.PastNames.Count; i++)
            {
                var data = step.Past is { } past ? past.Tensor(i) : Memory<float>.Empty;
                var (heads, headDim) = Signature.PastShape(i);
                var pastShape = new long[] { rows, heads, step.PastLength, headDim };
                Add(inputNames, inputs, Signature.PastNames[i], OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, data, pastShape));
            }
            if (Signature.HasScoringHead)
            {
                // The scoring head's input must always be fed; calls that do not score give it zeros.
                var targets = step.Targets ?? new long[rows * step.Length];
                Add(inputNames, inputs, ScoringHead.Targets, OrtValue.CreateTensorValueFromMemory(targets, [rows, step.Length, 1]));
            }

            float[]? logits = null, logProbs = null;
            long[]? argmax = null;
            KvCache? present = null;
            if (fetch.HasFlag(DecoderFetch.Logits))
            {
                // Pooled: a fresh array of this size costs zeroing and page faults on every call.
                var size = checked(rows * step.Length * VocabSize);
                logits = ArrayPool<float>.Shared.Rent(size);
                Add(outputNames, outputs, DecoderSignature.Logits,
                    OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, logits.AsMemory(0, size), [rows, step.Length, VocabSize]));
            }
            if (fetch.HasFlag(DecoderFetch.Present) && Signature.HasPast)
            {
                present = KvCache.Allocate(rows, total, Enumerable.Range(0, Signature.PresentNames.Count).Select(Signature.PastShape).ToList());
                for (var i = 0; i < Signature.PresentNames.Count; i++)
                {
                    var (heads, headDim) = Signature.PastShape(i);
                    Add(outputNames, outputs, Signature.PresentNames[i], OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, present.Tensor(i),
                        [rows, heads, total, headDim]));
                }
            }
            if (fetch.HasFlag(DecoderFetch.Scores))
            {
                logProbs = new float[rows * step.Length];
                argmax = new long[rows * step.Length];
                var scoreShape = new long[] { rows, step.Length, 1 };
                Add(outputNames, outputs, ScoringHead.LogProbs, OrtValue.CreateTensorValueFromMemory(logProbs, scoreShape));
                Add(outputNames, outputs, ScoringHead.Argmax, OrtValue.CreateTensorValueFromMemory(argmax, scoreShape));
            }
            if (outputNames.Count == 0)
                throw new ArgumentException("nothing to fetch", nameof(fetch));

            try
            {
                TerminableRun.Run(session, inputNames, inputs, outputNames, outputs, cancellationToken);
            }
            catch
            {
                present?.Dispose();
                if (logits is not null)
                    ArrayPool<float>.Shared.Return(logits);
                throw;
            }
            return new DecoderOutputs(rows, step.Length, logits, present, logProbs, argmax);
        }
        finally
        {
            foreach (var value in inputs.Concat(outputs))
                value.Dispose();
        }
    }

    public void Dispose() => session.Dispose();

    private void AddIds(List<string> names, List<OrtValue> values, string name, long[] ids, long[] shape) =>
        Add(names, values, name, IdTensors.Create(ids, shape, Signature.IsInt32(name)));

    private static void Add(List<string> names, List<OrtValue> values, string name, OrtValue value)
    {
        names.Add(name);
        values.Add(value);
    }
}
