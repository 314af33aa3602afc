namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// Memory is measured on the whole process: a test that measures it runs alone, so that no other test's models load
/// inside its window.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ModelMemoryCollection
{
    public const string Name = "model-memory";
}
