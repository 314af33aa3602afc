using Eval.Data.Entities;

namespace Eval.Jobs.Uploads;

/// <summary>Deletes an uploaded model's folder; never a reference model's, nor anything outside the data folder's models/.</summary>
public static class UploadedFiles
{
    public static void Delete(ModelEntity model, EvalPaths paths)
    {
        if (model.Source != ModelSources.Upload)
            return;
        var folder = Path.GetFullPath(model.Directory);
        var root = Path.GetFullPath(paths.ModelsDirectory) + Path.DirectorySeparatorChar;
        if (!folder.StartsWith(root, StringComparison.Ordinal) || !Directory.Exists(folder))
            return;
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The row is what matters; a leftover folder is replaced by the next upload of the same content.
        }
    }
}
