using System.IO.Compression;
using System.Text.Json;

namespace Eval.Bench;

/// <summary>One line of the peer's pre-tokenized file: the paradigm and both sentences' ids (no bos).</summary>
public sealed record PeerPair(string Uid, int[] Good, int[] Bad)
{
    public static IReadOnlyList<PeerPair> Read(string path, int limit)
    {
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream);
        var pairs = new List<PeerPair>();
        while ((limit == 0 || pairs.Count < limit) && reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
                continue;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            pairs.Add(new PeerPair(root.GetProperty("uid").GetString()!, Ids(root, "good"), Ids(root, "bad")));
        }
        return pairs;
    }

    private static int[] Ids(JsonElement root, string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
