using Eval.Core.Models;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx.Validation;

/// <summary>
/// Checks a model folder before anything is evaluated, cheapest first: the files, the JSON, the tokenizer, the
/// ONNX graph and its signature, the kind, the special tokens, the vocabulary against the logits, then the smoke
/// passes. The first failure is thrown as a <see cref="ModelValidationException"/> with its code. Small models
/// take about a second; ONNX Runtime uses one thread here so a running evaluation keeps the other cores. The token
/// stops the forward passes mid-call (the caller's deadline: an uploaded graph may loop for ever).
/// </summary>
public static class ModelValidator
{
    public static ValidatedModel Validate(string directory, ModelKind? statedKind = null, PackageLimits? limits = null,
        CancellationToken cancellationToken = default)
    {
        limits ??= PackageLimits.Default;
        RequireFile(directory, ModelPackage.ModelFile, ValidationCodes.ModelMissing);
        RequireFile(directory, ModelPackage.TokenizerFile, ValidationCodes.TokenizerMissing);
        PackageSizeCheck.RequireFilesFit(directory, limits);
        var package = Open(directory);
        var vocabulary = ReadTokenizer(package, limits);

        using var session = OpenSession(package);
        var logitsSize = SignatureCheck.Check(session);
        var inputs = session.InputMetadata.Keys.ToList();
        var kind = statedKind is { } stated ? new DetectedModelKind(stated, "stated at upload") : ModelKindDetector.Detect(package, inputs);
        if (kind.Kind == ModelKind.Masked && inputs.Any(i => i.StartsWith("past_key_values.", StringComparison.Ordinal)))
            throw new ModelValidationException(ValidationCodes.KindMismatch,
                $"the model is taken as a masked LM ({kind.Reason}) but model.onnx has a key/value cache, as a decoder does");

        var metadata = session.ModelMetadata.CustomMetadataMap;
        if (PackageSettings.VocabSize(package, metadata) is { } declared)
            PackageSizeCheck.RequireVocabularyFits(declared.Value, declared.Source, limits);
        var (bos, eos) = SpecialTokenCheck.Check(package, vocabulary, metadata, kind.Kind);
        var context = ContextLength(package, metadata);
        if (logitsSize > 0)
            RequireVocabularyFits(vocabulary.Count, logitsSize);
        logitsSize = SmokeTest.ForwardPass(session, bos, cancellationToken);
        RequireVocabularyFits(vocabulary.Count, logitsSize);
        var (logProb, perToken) = SmokeTest.Score(package.Directory, kind.Kind, vocabulary, cancellationToken);
        return new ValidatedModel(kind.Kind, kind.Reason, vocabulary.Count, logitsSize, bos, eos, context, logProb)
        {
            SmokeMillisecondsPerToken = perToken,
        };
    }

    private static void RequireFile(string directory, string file, string missingCode)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
            throw new ModelValidationException(missingCode, $"the package has no {file}");
        if (new FileInfo(path).Length == 0)
            throw new ModelValidationException(ValidationCodes.EmptyFile, $"{file} is empty");
    }

    private static ModelPackage Open(string directory)
    {
        try
        {
            return ModelPackage.Open(directory);
        }
        catch (ModelPackageException e)
        {
            throw new ModelValidationException(ValidationCodes.ConfigUnreadable, e.Message, e);
        }
    }

    private static TokenizerVocabulary ReadTokenizer(ModelPackage package, PackageLimits limits)
    {
        TokenizerVocabulary vocabulary;
        try
        {
            vocabulary = TokenizerVocabulary.Read(package.TokenizerPath, limits.MaxVocabularySize);
            // The Rust tokenizer is what scoring uses: it must load the file too.
            using var _ = new HfTokenizer(package.TokenizerPath);
        }
        catch (VocabularyTooLargeException e)
        {
            throw new ModelValidationException(ValidationCodes.VocabTooLarge, e.Message, e);
        }
        catch (ModelPackageException e)
        {
            throw new ModelValidationException(ValidationCodes.TokenizerUnreadable, e.Message, e);
        }
        if (vocabulary.Count == 0)
            throw new ModelValidationException(ValidationCodes.TokenizerUnreadable, "tokenizer.json has no vocabulary (model.vocab is missing or empty)");
        return vocabulary;
    }

    private static InferenceSession OpenSession(ModelPackage package)
    {
        var bytes = PackageGraph.Read(package);
        var half = HalfPrecisionModel.Find(bytes);
        var (options, provider) = ExecutionProviderSelector.Create(new InferenceOptions { Device = InferenceOptions.Cpu, IntraOpThreads = 1 });
        try
        {
            // Only the signature and one tiny pass are needed: skip the optimisation passes a scoring session pays for.
            options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
            if (half is null)
                return PackageGraph.Session(package, bytes, options);
            // As the loader does: float32 inputs and outputs, so the checks and the smoke pass below apply unchanged.
            return HalfPrecisionModel.Session(package, bytes, half, options);
        }
        catch (OnnxRuntimeException e) when (half is not null)
        {
            throw new ModelValidationException(ValidationCodes.OnnxUnreadable,
                HalfPrecisionModel.Refusal(ModelPackage.ModelFile, half, provider.Name, e).Message, e);
        }
        catch (OnnxRuntimeException e)
        {
            var line = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? e.Message;
            throw new ModelValidationException(ValidationCodes.OnnxUnreadable, $"model.onnx is not an ONNX model ONNX Runtime can load: {line}", e);
        }
        finally
        {
            options.Dispose();
        }
    }

    private static int ContextLength(ModelPackage package, IReadOnlyDictionary<string, string> metadata)
    {
        if (PackageSettings.ContextLength(package, metadata) is { Value: > 0 and <= int.MaxValue } found)
            return (int)found.Value;
        throw new ModelValidationException(ValidationCodes.ContextLengthMissing,
            "no context length: config.json (max_position_embeddings, n_positions, n_ctx), tokenizer_config.json " +
            "(model_max_length, unless the 1e30 transformers writes for no limit) and the ONNX metadata name none");
    }

    private static void RequireVocabularyFits(int tokenizerSize, int logitsSize)
    {
        if (tokenizerSize > logitsSize)
            throw new ModelValidationException(ValidationCodes.VocabMismatch,
                $"tokenizer.json has {tokenizerSize} tokens but the model's logits have only {logitsSize}: ids above {logitsSize - 1} could not be scored");
    }
}
