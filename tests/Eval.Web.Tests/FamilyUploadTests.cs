using System.Net;
using System.Text.Json;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// Family and checkpoint fields of POST /api/models: each bad value is refused with its code and nothing stored
/// changes; good ones place the model in its family, in checkpoint order. The reference gpt-mini-bpe8k family
/// (24,510,464 and 245,104,640 tokens) is registered at start.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class FamilyUploadTests(UploadHostFixture host) : IClassFixture<UploadHostFixture>
{
    private const string Family = "gpt-mini-bpe8k";

    [Theory]
    [InlineData("bad_family_name", 400, "family_invalid", new[] { "family", "my family!" })]
    [InlineData("family_path", 400, "family_invalid", new[] { "family", "../etc", "checkpoint_tokens", "10" })]
    [InlineData("not_a_number", 400, "checkpoint_invalid", new[] { "family", "new-run", "checkpoint_tokens", "25M" })]
    [InlineData("negative", 400, "checkpoint_invalid", new[] { "family", "new-run", "checkpoint_tokens", "-5" })]
    [InlineData("fraction", 400, "checkpoint_invalid", new[] { "family", "new-run", "checkpoint_words", "1.5" })]
    [InlineData("two_positions", 400, "checkpoint_invalid", new[] { "family", "new-run", "checkpoint_tokens", "1000", "checkpoint_step", "10" })]
    [InlineData("position_without_family", 400, "checkpoint_invalid", new[] { "checkpoint_tokens", "1000" })]
    [InlineData("other_unit_than_family", 400, "checkpoint_invalid", new[] { "family", Family, "checkpoint_step", "748" })]
    [InlineData("same_position_twice", 409, "checkpoint_duplicate", new[] { "family", Family, "checkpoint_tokens", "24510464" })]
    [InlineData("family_without_position", 400, "checkpoint_invalid", new[] { "family", "new-run" })]
    public async Task BadCheckpoint_IsRefusedWithItsCode_AndNothingStoredChanges(string bad, int status, string code, string[] fields)
    {
        using var client = host.Factory.Client(host.Address, EvalWebFactory.UserKey);
        var folder = ModelFixtures.DistinctCopy("gpt-nano-bpe4k", host.Temp.File("family-" + bad), bad);
        // Without training figures in config.json, only the form can give the position.
        var config = Path.Combine(folder, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"training\"", "\"training_notes\""));
        var before = await StoredState.ReadAsync(host.Factory);

        var (answer, body) = await ModelApiClient.ReadAsync(await client.PostAsync("/api/models", ModelApiClient.Files(folder, Pairs(fields))));

        Assert.True(status == (int)answer, $"{bad}: expected {status}, got {(int)answer}: {body}");
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        Assert.Equal(before, await StoredState.ReadAsync(host.Factory));
    }

    [Fact]
    public async Task Checkpoints_JoinTheirFamily_FromTheFormOrConfigJson_InPositionOrder()
    {
        using var factory = new EvalWebFactory(new Dictionary<string, string?> { ["Eval:Suites:Quick:MaxInstancesPerSubset"] = "1" });
        var address = factory.StartRealServer();
        var api = new ModelApiClient(factory.Client(address, EvalWebFactory.UserKey));
        using var temp = new TempDirectory();

        var (status, body) = await api.UploadAsync(ModelApiClient.Files(ModelFixtures.DistinctCopy("gpt-nano-bpe4k", temp.File("a"), "a"),
            ("name", "mid-run"), ("family", Family), ("checkpoint_tokens", "100000000")));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var fromForm = (await api.ModelAsync(body.GetProperty("id").GetInt64())).GetProperty("model");
        Assert.Equal((Family, "tokens", 100_000_000L), (fromForm.GetProperty("family").GetString(), fromForm.GetProperty("checkpoint_unit").GetString(),
            fromForm.GetProperty("checkpoint").GetInt64()));

        // No position sent: config.json's training.tokens_seen (gpt-nano-bpe4k's 46,383,104) is the position.
        (status, _) = await api.UploadAsync(ModelApiClient.Files(ModelFixtures.DistinctCopy("gpt-nano-bpe4k", temp.File("b"), "b"),
            ("name", "from-config"), ("family", Family)));
        Assert.Equal(HttpStatusCode.Accepted, status);

        using var family = JsonDocument.Parse(await api.Http.GetStringAsync($"/api/families/{Family}"));
        var checkpoints = family.RootElement.GetProperty("checkpoints").EnumerateArray()
            .Select(c => (c.GetProperty("model").GetString(), c.GetProperty("position").GetInt64())).ToList();
        Assert.Equal([("gpt-mini-bpe8k-early", 24_510_464L), ("from-config", 46_383_104L), ("mid-run", 100_000_000L), ("gpt-mini-bpe8k", 245_104_640L)],
            checkpoints);
        Assert.Equal("tokens", family.RootElement.GetProperty("unit").GetString());
    }

    private static (string, string)[] Pairs(string[] fields) =>
        Enumerable.Range(0, fields.Length / 2).Select(i => (fields[2 * i], fields[2 * i + 1])).ToArray();
}
