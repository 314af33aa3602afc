using Eval.Core.Models;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx.Validation;

/// <summary>
/// Two small forward passes before a model is accepted: the raw graph on two tokens (its logits must be finite,
/// and give the vocabulary size where the file leaves it open), then one real request through the same loader and
/// scorer a run uses, so a model that validates is a model that scores. A decoder's text must encode without any
/// special token: one there (a BOS the tokenizer adds, a special token matching plain words) would be scored as a word.
/// </summary>
internal static class SmokeTest
{
    public const string Text = " The cat sat on the mat.";

    /// <returns>The size of the logits' last dimension.</returns>
    public static int ForwardPass(InferenceSession session, int tokenId)
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
            Add(DecoderSignature.InputIds, OrtValue.CreateTensorValueFromMemory(new long[] { tokenId, tokenId }, shape));
            Add(DecoderSignature.AttentionMask, OrtValue.CreateTensorValueFromMemory(new long[] { 1, 1 }, shape));
            if (inputs.ContainsKey(DecoderSignature.PositionIds))
                Add(DecoderSignature.PositionIds, OrtValue.CreateTensorValueFromMemory(new long[] { 0, 1 }, shape));
            if (inputs.ContainsKey(SignatureCheck.TokenTypeIds))
                Add(SignatureCheck.TokenTypeIds, OrtValue.CreateTensorValueFromMemory(new long[] { 0, 0 }, shape));
            foreach (var (name, meta) in inputs.Where(i => i.Key.StartsWith("past_key_values.", StringComparison.Ordinal)))
                Add(name, OrtValue.CreateTensorValueFromMemory(Array.Empty<float>(), [1, meta.Dimensions[1], 0, meta.Dimensions[3]]));

            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, names, values, [DecoderSignature.Logits]);
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

    /// <returns>The log-probability of <see cref="Text"/>, which must be finite and negative.</returns>
    public static double Score(string directory, ModelKind kind, TokenizerVocabulary vocabulary)
    {
        try
        {
            using var model = LanguageModelLoader.Load(directory, new InferenceOptions { Device = InferenceOptions.Cpu, IntraOpThreads = 1 }, kind);
            if (model is OnnxLanguageModel decoder && decoder.Tokenize(Text).Where(vocabulary.SpecialIds.Contains).ToList() is [var special, ..])
                throw new ModelValidationException(ValidationCodes.SmokeTestFailed,
                    $"tokenizer.json encodes the plain text \"{Text.Trim()}\" with the special token {special} ('{vocabulary.TokenOf(special)}'): " +
                    "it would be scored as a word; plain text must encode to ordinary tokens only");
            var result = model.LogLikelihoodAsync([new LogLikelihoodRequest("", Text)]).GetAwaiter().GetResult()[0];
            if (!double.IsFinite(result.LogProb) || result.TokenLogProbs?.Any(p => !float.IsFinite(p)) == true)
                throw new ModelValidationException(ValidationCodes.SmokeTestFailed,
                    $"scoring the text \"{Text.Trim()}\" returned a log-probability of {result.LogProb} (NaN or infinite)");
            if (result.LogProb > 1e-3)
                throw new ModelValidationException(ValidationCodes.SmokeTestFailed,
                    $"scoring the text \"{Text.Trim()}\" returned a positive log-probability ({result.LogProb}): the logits are not a distribution");
            return result.LogProb;
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
