using System.Text.Json.Nodes;
using Eval.Core.Models;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>
/// Causal or masked, from what the package says of itself: config.json first (Hugging Face's "architectures",
/// then model_type and architecture), else the ONNX signature: a decoder has a key/value cache or position_ids,
/// an encoder has neither and its tokenizer has a mask token. A decoder exported without cache or position_ids
/// (models/variants/gpt-nano-bpe4k-nopast) has no mask token, so it stays causal.
/// </summary>
public static class ModelKindDetector
{
    // Hugging Face model_type values of encoders trained by masked language modelling (BabyLM entries included).
    private static readonly HashSet<string> MaskedFamilies = new(StringComparer.OrdinalIgnoreCase)
    {
        "bert", "roberta", "xlm-roberta", "distilbert", "albert", "electra", "deberta", "deberta-v2", "camembert",
        "flaubert", "mpnet", "megatron-bert", "mobilebert", "squeezebert", "rembert", "roformer", "ernie", "nezha",
        "modernbert", "nomic_bert", "ltgbert", "ltg-bert", "ltg_bert", "babyberta", "masked-lm", "mlm",
    };

    private static readonly HashSet<string> CausalFamilies = new(StringComparer.OrdinalIgnoreCase)
    {
        "gpt", "gpt2", "gpt_neo", "gpt_neox", "gptj", "llama", "mistral", "mixtral", "qwen2", "qwen3", "phi", "phi3",
        "opt", "bloom", "falcon", "gemma", "gemma2", "olmo", "olmo2", "mamba", "smollm", "causal-lm", "clm",
    };

    /// <param name="onnxInputNames">The model's input names when a session is already open; else the file is opened to read them if config.json does not decide.</param>
    public static DetectedModelKind Detect(ModelPackage package, IReadOnlyCollection<string>? onnxInputNames = null) =>
        FromConfig(package.Config) ?? FromSignature(package, onnxInputNames ?? ReadInputNames(package));

    /// <summary>
    /// For callers that only choose defaults (the run scheduler): a folder that cannot be read counts as causal,
    /// and loading it fails later, where the reason is recorded.
    /// </summary>
    public static ModelKind KindOrCausal(string directory)
    {
        try
        {
            return Detect(ModelPackage.Open(directory)).Kind;
        }
        catch (Exception e) when (e is ModelPackageException or Validation.ModelValidationException)
        {
            return ModelKind.Causal;
        }
    }

    private static DetectedModelKind? FromConfig(JsonObject? config)
    {
        if (config is null)
            return null;
        if (config["architectures"] is JsonArray architectures)
            foreach (var name in architectures.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>())
            {
                if (name.EndsWith("ForMaskedLM", StringComparison.Ordinal))
                    return new DetectedModelKind(ModelKind.Masked, $"config.json architectures: {name}");
                if (name.EndsWith("ForCausalLM", StringComparison.Ordinal) || name.EndsWith("LMHeadModel", StringComparison.Ordinal))
                    return new DetectedModelKind(ModelKind.Causal, $"config.json architectures: {name}");
            }
        foreach (var key in new[] { "model_type", "architecture" })
        {
            if (config[key] is not JsonValue v || !v.TryGetValue<string>(out var value))
                continue;
            if (MaskedFamilies.Contains(value))
                return new DetectedModelKind(ModelKind.Masked, $"config.json {key}: {value}");
            if (CausalFamilies.Contains(value))
                return new DetectedModelKind(ModelKind.Causal, $"config.json {key}: {value}");
        }
        return null;
    }

    private static DetectedModelKind FromSignature(ModelPackage package, IReadOnlyCollection<string> inputs)
    {
        if (inputs.Any(i => i.StartsWith("past_key_values.", StringComparison.Ordinal)))
            return new DetectedModelKind(ModelKind.Causal, "the ONNX model has a key/value cache");
        if (inputs.Contains(DecoderSignature.PositionIds))
            return new DetectedModelKind(ModelKind.Causal, "the ONNX model has a position_ids input");
        return MaskedSpecialTokens.FindMask(package, TokenizerVocabulary.Read(package.TokenizerPath)) is { } mask
            ? new DetectedModelKind(ModelKind.Masked, $"no cache or position_ids input, and the tokenizer has a mask token (id {mask})")
            : new DetectedModelKind(ModelKind.Causal, "no cache or position_ids input, but the tokenizer has no mask token");
    }

    private static IReadOnlyCollection<string> ReadInputNames(ModelPackage package)
    {
        var (options, _) = ExecutionProviderSelector.Create(new InferenceOptions { Device = InferenceOptions.Cpu });
        try
        {
            // Only the signature is wanted: skip the optimisation passes a scoring session pays for.
            options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
            using var session = PackageGraph.Session(package, PackageGraph.Read(package), options);
            return session.InputMetadata.Keys.ToList();
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelPackageException($"{ModelPackage.ModelFile} cannot be loaded by ONNX Runtime: {e.Message}", e);
        }
        finally
        {
            options.Dispose();
        }
    }
}
