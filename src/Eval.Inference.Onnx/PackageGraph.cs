using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>
/// The one way a package's graph reaches ONNX Runtime: its bytes are read and its external data checked
/// (<see cref="ExternalDataFiles"/>) before any session is built, and the session is always told the graph's own
/// folder as the base of external data. A model loaded from memory has no folder of its own, and ONNX Runtime then
/// resolves a relative location against the server's working directory.
/// </summary>
public static class PackageGraph
{
    // ONNX Runtime's key for the folder of external data when the model itself is loaded from memory.
    public const string ExternalDataFolderKey = "session.model_external_initializers_file_folder_path";

    /// <summary>The graph's bytes, once every external-data location it declares is known to be a file of the package.</summary>
    public static byte[] Read(ModelPackage package)
    {
        var bytes = File.ReadAllBytes(package.ModelPath);
        package.KnowExternalData(ExternalDataFiles.Resolve(package.ModelPath, bytes, package.GraphFile));
        return bytes;
    }

    /// <summary>A session on these bytes (the graph as read, perhaps edited in memory) with the package as the external-data base.</summary>
    public static InferenceSession Session(ModelPackage package, byte[] bytes, SessionOptions options)
    {
        options.AddSessionConfigEntry(ExternalDataFolderKey, Path.GetDirectoryName(package.ModelPath)!);
        return new InferenceSession(bytes, options);
    }
}
