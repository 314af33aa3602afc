using System.Diagnostics;
using Eval.Core.Models;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx.Validation;

/// <summary>
/// Two small forward passes before a model is accepted: the raw graph on two tokens (its logits must be finite,
/// and give the vocabulary size where the file leaves it open), then one real request through the same loader and
/// scorer a run uses, so a model that validates is a model that scores. Both can be stopped mid-call by the token
/// (a graph may loop), and the second is timed: a run's deadline is derived from that speed. A decoder's text must
/// encode without any special token: one there (a BOS the tokenizer adds, a special token matching plain words) would
/// be scored as a word.
/// </summary>
internal static class SmokeTest
{
    public const string Text = " The cat sat on the mat.";

    /// <returns>The size of the logits' last dimension.</returns>
    public static int ForwardPass(InferenceSession session, int tokenId, CancellationToken cancellationToken = default)
    {
        var inputs = session.InputMetadata;
        long[] shape = [1, 2];
        var names = new List<string>();
        var values = new List<OrtValue>();
        void Add(string name, OrtValue value)
        {
            names.Add(name);
            values.Add(value);
        }
        try
        {
            bool Int32(string name) => inputs[name].ElementDataType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int32;
            Add(DecoderSignature.InputIds, IdTensors.Create([tokenId, tokenId], shape, Int32(DecoderSignature.InputIds)));
            Add(DecoderSignature.AttentionMask, IdTensors.Create([1, 1], shape, Int32(DecoderSignature.AttentionMask)));
            if (inputs.ContainsKey(DecoderSignature.PositionIds))
                Add(DecoderSignature.PositionIds, IdTensors.Create([0, 1], shape, Int32(DecoderSignature.PositionIds)));
            if (inputs.ContainsKey(SignatureCheck.TokenTypeIds))
                Add(SignatureCheck.TokenTypeIds, IdTensors.Create([0, 0], shape, Int32(SignatureCheck.TokenTypeIds)));
            if (inputs.ContainsKey(UseCacheBranch.Input))
                Add(UseCacheBranch.Input, UseCacheBranch.Create(withPast: false));
            foreach (var (name, meta) in inputs.Where(i => i.Key.StartsWith("past_key_values.", StringComparison.Ordinal)))
                Add(name, OrtValue.CreateTensorValueFromMemory(Array.Empty<float>(), [1, meta.Dimensions[1], 0, meta.Dimensions[3]]));

            using var outputs = TerminableRun.Run(session, names, values, [DecoderSignature.Logits], cancellationToken);
            var outShape = outputs[0].GetTensorTypeAndShape().Shape;
            if (outShape.Length != 3 || outShape[0] != 1 || outShape[1] != 2)
                throw new ModelValidationException(ValidationCodes.SmokeTestFailed,
                    $"a forward pass on 1 x 2 tokens gave logits of shape [{string.Join(", ", outShape)}], not [1, 2, vocab]");
            foreach (var x in outputs[0].GetTensorDataAsSpan<float>())
                if (!float.IsFinite(x))
                    throw new ModelValidationException(ValidationCodes.SmokeTestFailed,
                        $"a forward pass on two tokens returned {(float.IsNaN(x) ? "NaN" : "infinite")} logits");
            return checked((int)outShape[2]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelValidationException(ValidationCodes.SmokeTestFailed, $"a forward pass on two tokens failed: {FirstLine(e.Message)}", e);
        }
        finally
        {
            foreach (var value in values)
                value.Dispose();
        }
    }

    /// <returns>The log-probability of <see cref="Text"/>, which must be finite and negative, and the milliseconds the scoring took per token.</returns>
    public static (double LogProb, double MillisecondsPerToken) Score(string directory, ModelKind kind, TokenizerVocabulary vocabulary,
        CancellationToken cancellationToken = default)
    {
        try
        {
            using var model = LanguageModelLoader.Load(directory, new InferenceOptions { Device = InferenceOptions.Cpu, IntraOpThreads = 1 }, kind);
            if (model is OnnxLanguageModel decoder && decoder.Tokenize(Text).Where(vocabulary.SpecialIds.Contains).ToList() is [var special, ..])
                throw new ModelValidationException(ValidationCodes.SmokeTestFailed,
                    $"tokenizer.json encodes the plain text \"{Text.Trim()}\" with the special token {special} ('{vocabulary.TokenOf(special)}'): " +
                    "it would be scored as a word; plain text must encode to ordinary tokens only");
            LogLikelihoodResult ScoreText() =>
                model.LogLikelihoodAsync([new LogLikelihoodRequest("", Text)], cancellationToken: cancellationToken).GetAwaiter().GetResult()[0];
            var result = ScoreText();
            // Timed on the second call: the first pays ONNX Runtime's one-off allocations, which no later batch pays.
            var clock = Stopwatch.StartNew();
            ScoreText();
            var perToken = clock.Elapsed.TotalMilliseconds / Math.Max(1, result.TokenCount);
            if (!double.IsFinite(result.LogProb) || result.TokenLogProbs?.Any(p => !float.IsFinite(p)) == true)
                throw new ModelValidationException(ValidationCodes.SmokeTestFailed,
                    $"scoring the text \"{Text.Trim()}\" returned a log-probability of {result.LogProb} (NaN or infinite)");
            if (result.LogProb > 1e-3)
                throw new ModelValidationException(ValidationCodes.SmokeTestFailed,
                    $"scoring the text \"{Text.Trim()}\" returned a positive log-probability ({result.LogProb}): the logits are not a distribution");
            return (result.LogProb, perToken);
        }
        catch (Exception e) when (e is not (ModelValidationException or OperationCanceledException or OutOfMemoryException))
        {
            throw new ModelValidationException(ValidationCodes.SmokeTestFailed, $"scoring a short text failed: {FirstLine(e.Message)}", e);
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
        return line.Length > 400 ? line[..400] + "…" : line;
    }
}
