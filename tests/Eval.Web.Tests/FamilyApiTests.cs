using System.Net;
using System.Text.Json;
using Eval.Core.Stats;
using Eval.Data;
using Microsoft.EntityFrameworkCore;

namespace Eval.Web.Tests;

/// <summary>
/// The first family (gpt-mini-bpe8k-early and gpt-mini-bpe8k, as their config.json say) evaluated on a small BLiMP
/// slice: its curves hold each checkpoint's stored result, the downloads hold the same, and the leaderboard's
/// checkpoints=latest view keeps only the latest checkpoint.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class FamilyApiTests
{
    [Fact]
    public async Task FirstFamily_CurvesAndDownloads_HoldEachCheckpointsStoredResult_AndTheLeaderboardShowsTheLatest()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        var early = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-mini-bpe8k-early");
        var final = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-mini-bpe8k");
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var stored = await db.RunStats.Where(s => (s.RunId == early.Id || s.RunId == final.Id) && s.Level == StatLevel.Overall).ToDictionaryAsync(s => s.RunId);

        using var families = JsonDocument.Parse(await client.GetStringAsync("/api/families"));
        var listed = Assert.Single(families.RootElement.EnumerateArray());
        Assert.Equal(("gpt-mini-bpe8k", 2, "gpt-mini-bpe8k"), (listed.GetProperty("family").GetString(), listed.GetProperty("checkpoints").GetInt32(),
            listed.GetProperty("latest").GetProperty("model").GetString()));

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/families/gpt-mini-bpe8k"));
        var overall = json.RootElement.GetProperty("curves").EnumerateArray()
            .Single(c => c.GetProperty("group").GetString() == "blimp" && c.GetProperty("column").GetString() == "overall");
        var points = overall.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([(early.Id, 24_510_464L), (final.Id, 245_104_640L)], points.Select(p => (p.GetProperty("run_id").GetInt64(), p.GetProperty("position").GetInt64())));
        foreach (var (point, run) in points.Zip([early, final]))
            Assert.Equal((stored[run.Id].Mean, stored[run.Id].CiLow, stored[run.Id].CiHigh),
                (point.GetProperty("value").GetDouble(), point.GetProperty("ci_low").GetDouble(), point.GetProperty("ci_high").GetDouble()));
        var phenomena = json.RootElement.GetProperty("curves").EnumerateArray().Count(c => c.GetProperty("group").GetString() == "blimp") - 1;
        Assert.Equal(12, phenomena);

        var csv = (await client.GetStringAsync("/api/families/gpt-mini-bpe8k?format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("family,unit,position,model,model_id,group,column,metric,value,ci_low,ci_high,run_id,sample,count", csv[0]);
        Assert.Equal(13 * 2, csv.Length - 1);
        Assert.Contains($"gpt-mini-bpe8k,tokens,24510464,gpt-mini-bpe8k-early,{early.ModelId},blimp,overall,accuracy," +
            $"{stored[early.Id].Mean:R},{stored[early.Id].CiLow:R},{stored[early.Id].CiHigh:R},{early.Id},1,67", csv);

        Assert.Equal(["gpt-mini-bpe8k"], await FamilyRowsAsync(client, "?checkpoints=latest"));
        Assert.Equal(["gpt-mini-bpe8k", "gpt-mini-bpe8k-early"], await FamilyRowsAsync(client, ""));
        Assert.Equal(["gpt-mini-bpe8k", "gpt-mini-bpe8k-early"], await FamilyRowsAsync(client, "?checkpoints=all"));
        var bad = await client.GetAsync("/api/leaderboard/blimp?checkpoints=first");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("field_invalid", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        var missing = await client.GetAsync("/api/families/no-such-run");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not_found", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    private static async Task<List<string>> FamilyRowsAsync(HttpClient client, string query)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/leaderboard/blimp" + query));
        return doc.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("model").GetString()!)
            .Where(m => m.StartsWith("gpt-mini-bpe8k", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }
}
