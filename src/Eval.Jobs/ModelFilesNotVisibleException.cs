namespace Eval.Jobs;

/// <summary>This worker cannot read a model's files: the models folder is not shared (or not mounted) here.</summary>
public sealed class ModelFilesNotVisibleException(string path) : Exception(
    $"worker {Environment.MachineName}:{Environment.ProcessId} cannot read the model file {path}: every worker must see the models at the same path " +
    "(Eval:ModelsDirectory and Eval:ReferenceModelsDirectory on a shared mount)")
{
    public string Path { get; } = path;
}
