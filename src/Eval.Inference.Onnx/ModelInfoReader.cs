using Eval.Core.Models;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>bos/eos/vocab/context from config.json, tokenizer_config.json or the ONNX metadata, in that order; Source says which.</summary>
public static class ModelInfoReader
{
    public static ModelInfo Read(ModelPackage package, InferenceSession session, DecoderSignature signature)
    {
        var metadata = session.ModelMetadata.CustomMetadataMap;
        var sources = new List<string>();

        int Setting(string label, string configKey, string? tokenizerKey, params string[] metadataKeys)
        {
            if (package.Setting(configKey, tokenizerKey) is { } found)
            {
                sources.Add($"{label} from {found.Source}");
                return checked((int)found.Value);
            }
            foreach (var key in metadataKeys)
                if (metadata.TryGetValue(key, out var raw) && int.TryParse(raw, out var value))
                {
                    sources.Add($"{label} from ONNX metadata");
                    return value;
                }
            return -1;
        }

        var vocab = Setting("vocab", "vocab_size", null, "vocab_size");
        if (vocab < 0)
            vocab = signature.VocabSize;
        var bos = Setting("bos", "bos_token_id", "bos_token_id", "bos_token_id");
        var eos = Setting("eos", "eos_token_id", "eos_token_id", "eos_token_id");
        if (bos < 0 && eos >= 0) bos = eos;
        if (eos < 0 && bos >= 0) eos = bos;
        if (bos < 0)
            throw new ModelPackageException("no bos/eos token id in config.json, tokenizer_config.json or the ONNX metadata");
        var context = Setting("context", "max_position_embeddings", "model_max_length", "max_position_embeddings", "n_positions");
        if (context <= 0)
            throw new ModelPackageException("no context length (max_position_embeddings) in config.json, tokenizer_config.json or the ONNX metadata");

        var architecture = package.Config?["architecture"]?.GetValue<string>()
            ?? package.Config?["model_type"]?.GetValue<string>() ?? "unknown";
        long? parameters = package.Setting("parameters")?.Value;
        return new ModelInfo(package.Name, architecture, parameters, vocab, bos, eos, context,
            package.ModelSha256(), package.TokenizerSha256(), string.Join("; ", sources));
    }
}
