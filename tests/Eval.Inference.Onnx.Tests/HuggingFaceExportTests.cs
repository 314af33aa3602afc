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

    /// <summary>Each request's summed log-probability, in order.</summary>
    private static async Task<List<double>> ScoreAsync(string directory, IReadOnlyList<Core.Scenarios.Instance> instances)
    {
        using var model = TestModels.Load(directory);
        var results = new List<InstanceResult>();
        await new EvalRunner().RunAsync(model, Blimp, instances, "eot_space", (chunk, _) => { results.AddRange(chunk); return Task.CompletedTask; });
        return results.OrderBy(r => r.InstanceId, StringComparer.Ordinal).SelectMany(r => r.Requests).Select(r => r.LogProb).ToList();
    }
}
