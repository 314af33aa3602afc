namespace Eval.Inference.Onnx.Validation;

/// <summary>
/// The stable snake_case codes of a refused model package or upload (CONTRACTS.md, "HTTP API"). The first group
/// is CONTRACTS.md's list; the second extends it where a more specific answer helps (CONTRACTS.md allows new ids).
/// </summary>
public static class ValidationCodes
{
    public const string OnnxUnreadable = "onnx_unreadable";
    public const string SignatureMissingInput = "signature_missing_input";
    public const string SignatureBadType = "signature_bad_type";
    public const string TokenizerMissing = "tokenizer_missing";
    public const string TokenizerUnreadable = "tokenizer_unreadable";
    public const string VocabMismatch = "vocab_mismatch";
    public const string SpecialTokenMissing = "special_token_missing";
    public const string SmokeTestFailed = "smoke_test_failed";
    public const string ZipUnsafeEntry = "zip_unsafe_entry";
    public const string ZipTooLarge = "zip_too_large";
    public const string FileTooLarge = "file_too_large";
    public const string EmptyFile = "empty_file";
    public const string UnknownField = "unknown_field";

    public const string ModelMissing = "model_missing";
    public const string SignatureMissingOutput = "signature_missing_output";
    public const string SignatureUnsupportedInput = "signature_unsupported_input";
    public const string KindMismatch = "kind_mismatch";
    public const string ConfigUnreadable = "config_unreadable";
    public const string ContextLengthMissing = "context_length_missing";
    public const string ZipUnreadable = "zip_unreadable";
    public const string FieldInvalid = "field_invalid";
    public const string ValidationTimeout = "validation_timeout";
    public const string ExternalDataOutsidePackage = "external_data_outside_package";
    public const string ExternalDataMissing = "external_data_missing";
    public const string FamilyInvalid = "family_invalid";
    public const string CheckpointInvalid = "checkpoint_invalid";
    public const string CheckpointDuplicate = "checkpoint_duplicate";
    public const string VocabTooLarge = "vocab_too_large";
}
