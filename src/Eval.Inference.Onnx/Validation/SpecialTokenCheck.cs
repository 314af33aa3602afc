using Eval.Core.Models;

namespace Eval.Inference.Onnx.Validation;

/// <summary>
/// bos/eos must be known as ids the way the loader reads them (<see cref="PackageSettings"/>),
/// lie inside tokenizer.json's vocabulary, and any bos/eos token tokenizer_config.json names must exist; a masked
/// LM also needs its mask token.
/// </summary>
internal static class SpecialTokenCheck
{
    public static (int Bos, int Eos) Check(ModelPackage package, TokenizerVocabulary vocabulary, IReadOnlyDictionary<string, string> metadata, ModelKind kind)
    {
        var bos = Id(package, metadata, "bos", vocabulary);
        var eos = Id(package, metadata, "eos", vocabulary);
        bos ??= eos;
        eos ??= bos;
        if (bos is null || eos is null)
            throw new ModelValidationException(ValidationCodes.SpecialTokenMissing,
                "no bos/eos token: config.json (bos_token_id, eos_token_id), tokenizer_config.json (bos_token_id, bos_token, eos_token) and the ONNX metadata name none");
        foreach (var (label, id) in new[] { ("bos_token_id", bos.Value), ("eos_token_id", eos.Value) })
            if (vocabulary.TokenOf(id) is null)
                throw new ModelValidationException(ValidationCodes.SpecialTokenMissing,
                    $"{label} {id} is not in tokenizer.json's vocabulary ({vocabulary.Count} tokens)");
        foreach (var key in new[] { "bos_token", "eos_token" })
            if (PackageSettings.TokenName(package.TokenizerConfig?[key]) is { } token && vocabulary.IdOf(token) is null)
                throw new ModelValidationException(ValidationCodes.SpecialTokenMissing,
                    $"tokenizer_config.json names {key} '{token}', which tokenizer.json does not have");
        if (kind == ModelKind.Masked && MaskedSpecialTokens.FindMask(package, vocabulary) is null)
            throw new ModelValidationException(ValidationCodes.SpecialTokenMissing,
                "a masked LM needs a mask token: none in config.json (mask_token_id), tokenizer_config.json (mask_token) or tokenizer.json (<mask>, [MASK])");
        return (bos.Value, eos.Value);
    }

    private static int? Id(ModelPackage package, IReadOnlyDictionary<string, string> metadata, string name, TokenizerVocabulary vocabulary) =>
        PackageSettings.TokenId(package, metadata, name, () => vocabulary) is { } found
            ? found.Value is >= int.MinValue and <= int.MaxValue ? (int)found.Value : -1
            : null;
}
