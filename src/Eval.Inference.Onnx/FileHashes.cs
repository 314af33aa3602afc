using System.Security.Cryptography;

namespace Eval.Inference.Onnx;

/// <summary>Lower-case hex SHA-256 over files read one after another (model.onnx then model.onnx.data).</summary>
public static class FileHashes
{
    public static string Sha256(params string[] paths)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        foreach (var path in paths)
        {
            using var stream = File.OpenRead(path);
            int read;
            while ((read = stream.Read(buffer)) > 0)
                hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
