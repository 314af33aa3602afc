namespace Eval.Inference.Onnx;

/// <summary>
/// The mask and pad ids of a masked LM: config.json's *_token_id, else tokenizer_config.json's token (a string or
/// Hugging Face's {"content": ...}) looked up in tokenizer.json, else the usual spellings of RoBERTa and BERT.
/// </summary>
public sealed record MaskedSpecialTokens(int MaskId, int PadId)
{
    private static readonly string[] MaskSpellings = ["<mask>", "[MASK]"];
    private static readonly string[] PadSpellings = ["<pad>", "[PAD]"];

    public static int? FindMask(ModelPackage package, TokenizerVocabulary vocabulary) =>
        Find(package, vocabulary, "mask_token_id", "mask_token", MaskSpellings);

    /// <param name="fallbackPadId">Used when the package names no pad token: padded positions are masked out anyway.</param>
    public static MaskedSpecialTokens Resolve(ModelPackage package, TokenizerVocabulary vocabulary, int fallbackPadId)
    {
        var mask = FindMask(package, vocabulary)
            ?? throw new ModelPackageException("a masked LM needs a mask token: none in config.json (mask_token_id), " +
                                               "tokenizer_config.json (mask_token) or tokenizer.json (<mask>, [MASK])");
        var pad = Find(package, vocabulary, "pad_token_id", "pad_token", PadSpellings) ?? fallbackPadId;
        return new MaskedSpecialTokens(mask, pad);
    }

    private static int? Find(ModelPackage package, TokenizerVocabulary vocabulary, string idKey, string tokenKey, string[] spellings)
    {
        if (package.Setting(idKey) is { } configured)
            return checked((int)configured.Value);
        var named = PackageSettings.TokenName(package.TokenizerConfig?[tokenKey]);
        if (named is not null && vocabulary.IdOf(named) is { } id)
            return id;
        return spellings.Select(vocabulary.IdOf).FirstOrDefault(i => i is not null);
    }
}
