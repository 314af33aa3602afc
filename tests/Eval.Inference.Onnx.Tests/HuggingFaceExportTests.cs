using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Inference.Onnx.Validation;
using System.Text.Json.Nodes;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// Settings files as Hugging Face tools write them, around the reference weights: every score must equal the
/// reference's exactly (same weights, same tokens), and the settings must be read from their standard keys.
/// </summary>
public sealed class HuggingFaceExportTests
{
    private const string Llama = "llama-mini-bpe8k";
    private static readonly ScenarioDefinition Blimp = ScenarioLoader.Load(Path.Combine(Repo.Scenarios, "blimp"));

    [Fact]
    public async Task BosTemplateTokenizer_ScoresBlimpSlice_ExactlyAsTheReference()
    {
        using var temp = new TempDirectory();
        var export = HuggingFaceExport.WithBosTemplate(temp.Path, Llama);
        var instances = InstanceSampler.Sample(InstanceReader.Read(Blimp), 1, 0).Take(24).ToList();

        var expected = await ScoreAsync(Repo.ReferenceModel(Llama), instances);
        var actual = await ScoreAsync(export, instances);

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task BosTemplateTokenizer_TokenizesGeneratesAndRollsWithoutItsBos()
    {
        using var temp = new TempDirectory();
        using var reference = TestModels.Reference(Llama);
        using var export = TestModels.Load(HuggingFaceExport.WithBosTemplate(temp.Path, Llama));
        const string text = "The cat sat on the mat. It was warm, and the house was quiet.";
        GenerationRequest[] prompts = [new(TestModels.Prompt, 8, IgnoreEos: true)];
        LogLikelihoodRollingRequest[] texts = [new(text)];

        Assert.Equal(reference.Tokenize(text), export.Tokenize(text));
        Assert.Equal((await reference.GenerateAsync(prompts))[0].TokenIds, (await export.GenerateAsync(prompts))[0].TokenIds);
        Assert.Equal((await reference.LogLikelihoodRollingAsync(texts))[0].LogProb, (await export.LogLikelihoodRollingAsync(texts))[0].LogProb);
    }

    [Fact]
    public void MaskedLm_GetsItsSpecialTokensOnce_WithOrWithoutTheTokenizersTemplate()
    {
        using var temp = new TempDirectory();
        ModelFixtures.Copy(Repo.ReferenceModel(Repo.ReferenceEncoder), temp.Path);
        var tokenizer = HuggingFaceExport.ReadObject(temp.Path, "tokenizer.json");
        tokenizer["post_processor"] = null;
        HuggingFaceExport.Write(temp.Path, "tokenizer.json", tokenizer);
        using var reference = MaskedLanguageModel.Load(Repo.ReferenceModel(Repo.ReferenceEncoder), new InferenceOptions { Device = InferenceOptions.Cpu });
        using var untemplated = MaskedLanguageModel.Load(temp.Path, new InferenceOptions { Device = InferenceOptions.Cpu });
        const string text = "The cat sat on the mat.";

        var ids = reference.Tokenize(text);

        Assert.Equal(ids, untemplated.Tokenize(text));
        Assert.Equal((0, 2), (ids[0], ids[^1]));
        Assert.Equal(1, ids.Count(id => id == 0));
    }

    [Fact]
    public void BosTemplateTokenizer_PassesValidation()
    {
        using var temp = new TempDirectory();

        var result = ModelValidator.Validate(HuggingFaceExport.WithBosTemplate(temp.Path, Llama));

        Assert.Equal(ModelKind.Causal, result.Kind);
        Assert.Equal(0, result.BosTokenId);
    }

    [Fact]
    public void Validation_RefusesATokenizerThatEncodesPlainTextWithASpecialToken()
    {
        using var temp = new TempDirectory();
        ModelFixtures.Copy(Repo.ReferenceModel(TestModels.Nano), temp.Path);
        var tokenizer = HuggingFaceExport.ReadObject(temp.Path, "tokenizer.json");
        // The full stop made a special token: every sentence's end would be scored as a special token.
        tokenizer["added_tokens"]!.AsArray().Add(new JsonObject
        {
            ["id"] = 14, ["content"] = ".", ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false,
            ["normalized"] = false, ["special"] = true,
        });
        HuggingFaceExport.Write(temp.Path, "tokenizer.json", tokenizer);

        var e = Assert.Throws<ModelValidationException>(() => ModelValidator.Validate(temp.Path));

        Assert.Equal(ValidationCodes.SmokeTestFailed, e.Code);
        Assert.Contains("with the special token 14 ('.')", e.Message);
    }

    [Fact]
    public async Task Gpt2Config_ReadsContextFromNPositions_AndScoresAsTheReference()
    {
        using var temp = new TempDirectory();
        var export = HuggingFaceExport.Gpt2Config(temp.Path, TestModels.Nano);
        var instances = InstanceSampler.Sample(InstanceReader.Read(Blimp), 1, 0).Take(12).ToList();

        using (var model = TestModels.Load(export))
        {
            Assert.Equal((4096, 0, 0, 512), (model.Info.VocabSize, model.Info.BosTokenId, model.Info.EosTokenId, model.Info.ContextLength));
            Assert.Equal("vocab from config.json (vocab_size); bos from config.json (bos_token_id); eos from config.json (eos_token_id); " +
                         "context from config.json (n_positions)", model.Info.Source);
        }
        Assert.Equal(512, ModelValidator.Validate(export).ContextLength);
        Assert.Equal(await ScoreAsync(Repo.ReferenceModel(TestModels.Nano), instances), await ScoreAsync(export, instances));
    }

    [Fact]
    public async Task TokenizerConfigOnly_ResolvesBosAndEosByName_AndScoresAsTheReference()
    {
        using var temp = new TempDirectory();
        var export = HuggingFaceExport.TokenizerConfigOnly(temp.Path, TestModels.Nano);
        var instances = InstanceSampler.Sample(InstanceReader.Read(Blimp), 1, 0).Take(12).ToList();

        using (var model = TestModels.Load(export))
        {
            Assert.Equal((0, 0, 512), (model.Info.BosTokenId, model.Info.EosTokenId, model.Info.ContextLength));
            Assert.Equal("bos from tokenizer_config.json (bos_token '<|endoftext|>' in tokenizer.json); " +
                         "eos from tokenizer_config.json (eos_token '<|endoftext|>' in tokenizer.json); " +
                         "context from tokenizer_config.json (model_max_length)", model.Info.Source);
        }
        var validated = ModelValidator.Validate(export);
        Assert.Equal((0, 0, 512), (validated.BosTokenId, validated.EosTokenId, validated.ContextLength));
        Assert.Equal(await ScoreAsync(Repo.ReferenceModel(TestModels.Nano), instances), await ScoreAsync(export, instances));
    }

    [Fact]
    public void Gpt2Config_WithoutAnyContext_IsRefusedNamingTheKeys()
    {
        using var temp = new TempDirectory();
        var export = HuggingFaceExport.Gpt2Config(temp.Path, TestModels.Nano);
        var config = HuggingFaceExport.ReadObject(export, "config.json");
        config.Remove("n_positions");
        config.Remove("n_ctx");
        HuggingFaceExport.Write(export, "config.json", config);

        var e = Assert.Throws<ModelValidationException>(() => ModelValidator.Validate(export));

        Assert.Equal(ValidationCodes.ContextLengthMissing, e.Code);
        Assert.Contains("n_positions", e.Message);
        Assert.Contains("1e30", e.Message);
    }

    [Theory]
    [InlineData("gpt2", "n_positions", 1024, 1024, "config.json (n_positions)")]
    [InlineData("gpt2", "n_ctx", 1024, 1024, "config.json (n_ctx)")]
    [InlineData("gpt_neox", "max_position_embeddings", 2048, 2048, "config.json (max_position_embeddings)")]
    [InlineData("llama", "max_position_embeddings", 4096, 4096, "config.json (max_position_embeddings)")]
    [InlineData("mistral", "max_position_embeddings", 32768, 32768, "config.json (max_position_embeddings)")]
    [InlineData("qwen2", "max_position_embeddings", 32768, 32768, "config.json (max_position_embeddings)")]
    [InlineData("phi", "max_position_embeddings", 2048, 2048, "config.json (max_position_embeddings)")]
    [InlineData("phi-msft", "n_positions", 2048, 2048, "config.json (n_positions)")]
    [InlineData("opt", "max_position_embeddings", 2048, 2048, "config.json (max_position_embeddings)")]
    [InlineData("bert", "max_position_embeddings", 512, 512, "config.json (max_position_embeddings)")]
    [InlineData("deberta-v2", "max_position_embeddings", 512, 512, "config.json (max_position_embeddings)")]
    [InlineData("roberta", "max_position_embeddings", 514, 512, "config.json (max_position_embeddings) less 2 padding positions")]
    public void ContextLength_IsReadFromEachFamilysKey(string family, string key, int value, int expected, string source)
    {
        using var temp = new TempDirectory();
        HuggingFaceExport.Write(ModelFixtures.Copy(Repo.ReferenceModel(TestModels.Nano), temp.Path), "config.json",
            new JsonObject { ["model_type"] = family, [key] = value, ["pad_token_id"] = 1, ["vocab_size"] = 4096 });

        var found = PackageSettings.ContextLength(ModelPackage.Open(temp.Path), new Dictionary<string, string>());

        Assert.Equal((expected, source), found);
    }

    [Fact]
    public void ContextLength_IgnoresTheNoLimitValueTransformersWrites()
    {
        using var temp = new TempDirectory();
        ModelFixtures.Copy(Repo.ReferenceModel(TestModels.Nano), temp.Path);
        File.Delete(temp.File("config.json"));
        var tokenizerConfig = HuggingFaceExport.ReadObject(temp.Path, "tokenizer_config.json");
        tokenizerConfig["model_max_length"] = JsonNode.Parse(HuggingFaceExport.NoLimit);
        HuggingFaceExport.Write(temp.Path, "tokenizer_config.json", tokenizerConfig);

        var found = PackageSettings.ContextLength(ModelPackage.Open(temp.Path), new Dictionary<string, string> { ["n_positions"] = "256" });

        Assert.Equal((256, "ONNX metadata (n_positions)"), found);
    }

    /// <summary>Each request's summed log-probability, in order.</summary>
    private static async Task<List<double>> ScoreAsync(string directory, IReadOnlyList<Core.Scenarios.Instance> instances)
    {
        using var model = TestModels.Load(directory);
        var results = new List<InstanceResult>();
        await new EvalRunner().RunAsync(model, Blimp, instances, "eot_space", (chunk, _) => { results.AddRange(chunk); return Task.CompletedTask; });
        return results.OrderBy(r => r.InstanceId, StringComparer.Ordinal).SelectMany(r => r.Requests).Select(r => r.LogProb).ToList();
    }
}
