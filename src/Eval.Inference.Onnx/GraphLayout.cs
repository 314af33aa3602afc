namespace Eval.Inference.Onnx;

/// <summary>
/// Where a package keeps its graph, as exporters lay it out: model.onnx at the top (our reference exports,
/// torch.onnx, `optimum-cli export onnx` for a plain decoder), decoder_model_merged.onnx (Optimum's merged decoder),
/// or either under onnx/ (a transformers.js model repository, with config and tokenizer files at the top). Only
/// when none of those is there, a reduced-precision graph (model_fp16.onnx, model_quantized.onnx and their merged
/// forms) is taken, and only if it is the only one: which of several to evaluate is the user's choice (the upload
/// form's graph field). <see cref="Candidates"/> is the documented order.
/// </summary>
public static class GraphLayout
{
    private static readonly string[] Folders = ["", "onnx/"];

    private static readonly string[] FullPrecision = ["model.onnx", "decoder_model_merged.onnx"];

    private static readonly string[] Reduced =
        ["model_fp16.onnx", "decoder_model_merged_fp16.onnx", "model_quantized.onnx", "decoder_model_merged_quantized.onnx"];

    /// <summary>Every graph name looked for, in order (relative paths with '/').</summary>
    public static IReadOnlyList<string> Candidates { get; } =
        [.. FullPrecision.SelectMany(n => Folders.Select(f => f + n)), .. Reduced.SelectMany(n => Folders.Select(f => f + n))];

    private static IEnumerable<string> FullPrecisionCandidates => FullPrecision.SelectMany(n => Folders.Select(f => f + n));

    private static IEnumerable<string> ReducedCandidates => Reduced.SelectMany(n => Folders.Select(f => f + n));

    /// <summary>The graph to evaluate among <paramref name="present"/> (relative paths with '/'); null when there is none.</summary>
    /// <exception cref="ModelPackageException">Only reduced-precision graphs, several of them: the user must choose.</exception>
    public static string? Choose(IReadOnlyCollection<string> present)
    {
        if (FullPrecisionCandidates.FirstOrDefault(present.Contains) is { } full)
            return full;
        var reduced = ReducedCandidates.Where(present.Contains).ToList();
        return reduced.Count switch
        {
            0 => null,
            1 => reduced[0],
            _ => throw new ModelPackageException(
                $"the package has several graphs and no model.onnx ({string.Join(", ", reduced)}): choose one (the upload form's graph field), or keep only that one in the folder"),
        };
    }

    /// <summary>The graph of a model folder (relative path), found as <see cref="Choose"/> says; null when it has none.</summary>
    public static string? Find(string directory) =>
        Choose(Candidates.Where(c => File.Exists(Path.Combine(directory, c))).ToList());

    /// <summary>A graph name the user gave: a relative .onnx path inside the package, no "..".</summary>
    public static bool IsValidChoice(string graph) =>
        graph.EndsWith(".onnx", StringComparison.Ordinal) && !Path.IsPathRooted(graph) && !graph.StartsWith('/') && !graph.Contains('\\')
        && !graph.Split('/').Any(p => p is "" or "." or "..");
}
