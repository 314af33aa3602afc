using Eval.Core.Models;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>bos/eos/vocab/context as <see cref="PackageSettings"/> finds them; Source says where each came from.</summary>
public static class ModelInfoReader
{
    public static ModelInfo Read(ModelPackage package, InferenceSession session, DecoderSignature signature)
    {
        var metadata = session.ModelMetadata.CustomMetadataMap;
        var sources = new List<string>();
        TokenizerVocabulary? vocabulary = null;
        TokenizerVocabulary Vocabulary() => vocabulary ??= TokenizerVocabulary.Read(package.TokenizerPath);

        int Setting(string label, (long Value, string Source)? found)
        {
            if (found is not { } value)
                return -1;
            sources.Add($"{label} from {value.Source}");
            return checked((int)value.Value);
        }

        var vocab = Setting("vocab", PackageSettings.VocabSize(package, metadata));
        // Buffers are sized by the vocabulary: an absurd one is refused before any is allocated.
        if (vocab >= PackageLimits.MaxTokenIds)
            throw new VocabularyTooLargeException($"the vocabulary size {vocab:N0} ({string.Join("; ", sources)}) is over {PackageLimits.MaxTokenIds - 1:N0}");
        if (vocab < 0)
            vocab = signature.VocabSize;
        var bos = Setting("bos", PackageSettings.TokenId(package, metadata, "bos", Vocabulary));
        var eos = Setting("eos", PackageSettings.TokenId(package, metadata, "eos", Vocabulary));
        if (bos < 0 && eos >= 0) bos = eos;
        if (eos < 0 && bos >= 0) eos = bos;
        if (bos < 0)
            throw new ModelPackageException("no bos/eos token: config.json (bos_token_id, eos_token_id), tokenizer_config.json " +
                                            "(bos_token_id, bos_token, eos_token) and the ONNX metadata name none");
        var context = Setting("context", PackageSettings.ContextLength(package, metadata));
        if (context <= 0)
            throw new ModelPackageException("no context length: config.json (max_position_embeddings, n_positions, n_ctx), " +
                                            "tokenizer_config.json (model_max_length below 1e30) and the ONNX metadata name none");

        var architecture = package.Config?["architecture"]?.GetValue<string>()
            ?? package.Config?["model_type"]?.GetValue<string>() ?? "unknown";
        long? parameters = package.Setting("parameters")?.Value;
        return new ModelInfo(package.Name, architecture, parameters, vocab, bos, eos, context,
            package.ModelSha256(), package.TokenizerSha256(), string.Join("; ", sources));
    }
}
