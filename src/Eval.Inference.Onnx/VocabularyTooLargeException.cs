namespace Eval.Inference.Onnx;

/// <summary>A declared vocabulary (token ids, vocab_size) past <see cref="PackageLimits.MaxVocabularySize"/>: refused before allocation.</summary>
public sealed class VocabularyTooLargeException(string message) : ModelPackageException(message);
