using Eval.Inference.Onnx.Graph;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// Writes float16 forms of gpt-nano-bpe4k (or another float32 export) into a temp folder (tokenizer and settings copied beside), as exporters
/// produce them: <see cref="BoundaryOnly"/> has float16 past/logits/present with float32 layers behind Cast nodes
/// (what mixed-precision exports look like at the edge), <see cref="Full"/> stores every float32 weight and constant
/// in float16 and computes in float16 throughout (what `--fp16` exports are).
/// </summary>
public static class Float16Export
{
    /// <summary>The reference model (or the export in <paramref name="source"/>) with float16 (or <paramref name="type"/>) at its float boundary only.</summary>
    public static TempDirectory BoundaryOnly(int type = OnnxElementType.Float16, string? source = null)
    {
        source ??= Repo.ReferenceModel(TestModels.Nano);
        var bytes = File.ReadAllBytes(Path.Combine(source, "model.onnx"));
        var model = OnnxModelFile.Parse(bytes);
        var inputs = model.Inputs.Where(i => i.Value == OnnxElementType.Float).ToDictionary();
        var outputs = model.Outputs.Where(o => o.Value == OnnxElementType.Float).ToDictionary();
        return Package(BoundaryCast.Retype(bytes, inputs, outputs, type), source);
    }

    /// <summary>The reference model (or the export in <paramref name="source"/>) computing in float16 (or <paramref name="type"/>, bfloat16) throughout.</summary>
    public static TempDirectory Full(int type = OnnxElementType.Float16, string? source = null)
    {
        source ??= Repo.ReferenceModel(TestModels.Nano);
        return Package(new HalfPrecisionConverter(type).Model(File.ReadAllBytes(Path.Combine(source, "model.onnx"))), source);
    }

    /// <summary>The source folder's files (tokenizer, settings, external weights) beside the new model.onnx.</summary>
    private static TempDirectory Package(byte[] model, string source)
    {
        var temp = new TempDirectory();
        foreach (var file in Directory.GetFiles(source))
            File.Copy(file, temp.File(Path.GetFileName(file)));
        File.WriteAllBytes(temp.File("model.onnx"), model);
        return temp;
    }
}
