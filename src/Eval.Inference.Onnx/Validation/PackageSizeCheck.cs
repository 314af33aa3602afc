namespace Eval.Inference.Onnx.Validation;

/// <summary>
/// The small JSON files must fit <see cref="PackageLimits"/> before anything reads them, and a declared vocabulary
/// must fit before anything is sized by it: a parsed JSON file costs several times its size in memory.
/// </summary>
public static class PackageSizeCheck
{
    public static void RequireFilesFit(string directory, PackageLimits limits)
    {
        foreach (var file in new[] { ModelPackage.ConfigFile, ModelPackage.TokenizerConfigFile, ModelPackage.TokenizerFile })
        {
            var path = Path.Combine(directory, file);
            if (limits.For(file) is { } limit && File.Exists(path) && new FileInfo(path).Length is var length && length > limit.Bytes)
                throw new ModelValidationException(ValidationCodes.FileTooLarge,
                    $"{file} is {length:N0} bytes, over the limit of {limit.Bytes:N0} ({limit.Setting})");
        }
    }

    public static void RequireVocabularyFits(long declared, string source, PackageLimits limits)
    {
        if (declared > limits.MaxVocabularySize)
            throw new ModelValidationException(ValidationCodes.VocabTooLarge,
                $"{source} declares a vocabulary of {declared:N0} tokens, over the limit of {limits.MaxVocabularySize:N0} (Eval:Upload:MaxVocabularySize)");
    }
}
