using System.Text.Json.Nodes;
using Eval.Inference.Onnx.Graph;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>What a model folder must hold, where its settings come from, and what is refused.</summary>
public sealed class ModelPackageTests
{
    [Fact]
    public void Load_ReadsSettingsFromTokenizerConfigAndOnnxMetadata_WhenConfigLacksThem()
    {
        using var temp = CopyOfNano();
        var config = JsonNode.Parse(File.ReadAllText(temp.File("config.json")))!.AsObject();
        foreach (var key in new[] { "vocab_size", "bos_token_id", "eos_token_id", "max_position_embeddings" })
            config.Remove(key);
        File.WriteAllText(temp.File("config.json"), config.ToJsonString());

        using var model = TestModels.Load(temp.Path);

        Assert.Equal("vocab from ONNX metadata (vocab_size); bos from ONNX metadata (bos_token_id); eos from ONNX metadata (eos_token_id); " +
                     "context from tokenizer_config.json (model_max_length)", model.Info.Source);
        Assert.Equal((4096, 0, 0, 512), (model.Info.VocabSize, model.Info.BosTokenId, model.Info.EosTokenId, model.Info.ContextLength));
    }

    [Fact]
    public void Load_ReadsSettingsFromConfigJson_First()
    {
        using var model = TestModels.Reference(TestModels.Nano);

        Assert.Equal("vocab from config.json (vocab_size); bos from config.json (bos_token_id); eos from config.json (eos_token_id); " +
                     "context from config.json (max_position_embeddings)", model.Info.Source);
    }

    [Fact]
    public void Load_RefusesFolderWithoutTokenizer()
    {
        using var temp = CopyOfNano();
        File.Delete(temp.File("tokenizer.json"));

        var error = Assert.Throws<ModelPackageException>(() => TestModels.Load(temp.Path));

        Assert.Contains("has no tokenizer.json", error.Message);
    }

    private static TempDirectory CopyOfNano()
    {
        var temp = new TempDirectory();
        foreach (var file in Directory.GetFiles(Repo.ReferenceModel(TestModels.Nano)))
            File.Copy(file, temp.File(Path.GetFileName(file)));
        return temp;
    }
}
