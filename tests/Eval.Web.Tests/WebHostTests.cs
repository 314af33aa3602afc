using System.Net;
using System.Text.Json;
using Eval.Data.Entities;
using Eval.Jobs;
using Eval.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Eval.Web.Tests;

[Collection(WebHostCollection.Name)]
public sealed class WebHostTests
{
    [Theory]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/app.css")]
    [InlineData("/_content/Plotly.Blazor/plotly-basic-3.7.0.min.js")]
    [InlineData("/_content/Plotly.Blazor/plotly-interop-7.2.0.js")]
    [InlineData("/jobs")]
    [InlineData("/health")]
    [InlineData("/")]
    [InlineData("/models")]
    public async Task Get_Returns200_ForPagesAndStaticAssets(string path)
    {
        using var factory = new EvalWebFactory();
        var address = factory.StartRealServer();
        using var client = new HttpClient { BaseAddress = address };

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Leaderboard_ListsEveryReferenceModel_WithEmptyValuesBeforeEvaluation()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };

        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/leaderboard/blimp"));

        var root = doc.RootElement;
        Assert.Equal("blimp", root.GetProperty("group").GetString());
        var columns = root.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(14, columns.Count);
        Assert.Equal("overall", columns[0]);
        Assert.Equal("mean_win_rate", columns[^1]);
        Assert.Contains("argument_structure", columns);
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(Repo.AllReferenceModels.Order(StringComparer.Ordinal), rows.Select(r => r.GetProperty("model").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Empty(r.GetProperty("values").EnumerateObject()));

        // The encoder cannot answer continuation scenarios: every hallucination column is "not applicable" to it.
        using var hallucination = JsonDocument.Parse(await client.GetStringAsync("/api/leaderboard/hallucination"));
        var scenarioColumns = hallucination.RootElement.GetProperty("columns").EnumerateArray()
            .Select(c => c.GetProperty("id").GetString()).Where(id => id != "mean_win_rate").ToList();
        var byModel = hallucination.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("model").GetString()!);
        Assert.Equal("masked", byModel[Repo.ReferenceEncoder].GetProperty("kind").GetString());
        Assert.Equal(scenarioColumns, byModel[Repo.ReferenceEncoder].GetProperty("not_applicable").EnumerateArray().Select(c => c.GetString()));
        Assert.Empty(byModel["gpt-nano-bpe4k"].GetProperty("not_applicable").EnumerateArray());
    }

    [Fact]
    public async Task Leaderboard_ShowsAFinishedRun_AsJsonAndCsv()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        var run = await RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");

        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/leaderboard/blimp"));
        var row = doc.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("model").GetString() == "gpt-nano-bpe4k");
        var overall = row.GetProperty("values").GetProperty("overall");
        Assert.Equal(run.Id, overall.GetProperty("run_id").GetInt64());
        Assert.Equal(1, overall.GetProperty("sample").GetInt32());
        Assert.InRange(overall.GetProperty("value").GetDouble(), 0, 1);
        Assert.True(overall.GetProperty("ci_low").GetDouble() <= overall.GetProperty("ci_high").GetDouble());

        var csv = await client.GetAsync("/api/leaderboard/blimp?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("model,model_id,overall,overall_ci_low", lines[0]);
        Assert.Equal(1 + Repo.AllReferenceModels.Count, lines.Length);
    }

    [Fact]
    public async Task Leaderboard_OfAnUnknownGroup_IsA404ProblemWithACode()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };

        var response = await client.GetAsync("/api/leaderboard/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("not_found", doc.RootElement.GetProperty("code").GetString());
        Assert.Contains("nope", doc.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Leaderboard_AddsMeanWinRates_PerGroupAndInTheSummary()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        foreach (var model in new[] { "gpt-nano-bpe4k", "gpt-mini-bpe8k-early" })
        {
            await RunSmallBlimpAsync(factory, model);
            await RunSmallBlimpAsync(factory, model, scenario: "crows_pairs");
        }

        using var blimp = JsonDocument.Parse(await client.GetStringAsync("/api/leaderboard/blimp"));
        var rates = blimp.RootElement.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("values").TryGetProperty("mean_win_rate", out _))
            .Select(r => r.GetProperty("values").GetProperty("mean_win_rate").GetProperty("value").GetDouble()).ToList();
        // Two models: in every column one's win rate is the other's complement, so their means add up to 1.
        Assert.Equal(2, rates.Count);
        Assert.Equal(1.0, rates.Sum(), 9);

        using var fairness = JsonDocument.Parse(await client.GetStringAsync("/api/leaderboard/fairness"));
        var stereotype = fairness.RootElement.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "crows_pairs.pct_stereotype");
        Assert.Equal(0.5, stereotype.GetProperty("ideal").GetDouble());

        using var summary = JsonDocument.Parse(await client.GetStringAsync("/api/leaderboard/summary"));
        var ids = summary.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(["blimp", "efficiency", "fairness", "hallucination", "mean_win_rate", "mean_score"], ids);
        var nano = summary.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("model").GetString() == "gpt-nano-bpe4k");
        Assert.InRange(nano.GetProperty("values").GetProperty("mean_win_rate").GetProperty("value").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task EfficiencyLeaderboard_RanksOnlyRowsOfTheSameHardware_AndKeepsThroughputOutOfTheMeanScore()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        var nano = await RunSmallBlimpAsync(factory, "gpt-nano-bpe4k", scenario: "efficiency");
        var early = await RunSmallBlimpAsync(factory, "gpt-mini-bpe8k-early", scenario: "efficiency");
        var dbFactory = factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Eval.Data.EvalDbContext>>();
        // Measurements bypass the request cache: a cached generation would replay another one's timings.
        await using (var db = await dbFactory.CreateDbContextAsync())
            Assert.Equal(0, db.RequestCache.Count());
        await RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");
        Assert.Equal(RunStatus.Finished, nano.Status);
        Assert.False(string.IsNullOrEmpty(nano.Hardware));

        async Task<JsonElement> Table(string group) => JsonDocument.Parse(await client.GetStringAsync($"/api/leaderboard/{group}")).RootElement;
        JsonElement RowOf(JsonElement table, string model) => table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("model").GetString() == model);

        var table = await Table("efficiency");
        var columns = table.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("lower_is_better").GetBoolean());
        Assert.True(columns["efficiency.parameters"]);
        Assert.True(columns["efficiency.ttft_ms_p50"]);
        Assert.False(columns["efficiency.decode_tokens_per_s"]);
        var nanoValues = RowOf(table, "gpt-nano-bpe4k").GetProperty("values");
        Assert.Equal(395008, nanoValues.GetProperty("efficiency.parameters").GetProperty("value").GetDouble());
        Assert.Equal(nano.Hardware, nanoValues.GetProperty("efficiency.decode_tokens_per_s").GetProperty("hardware").GetString());
        // In the worker, beside other models its pool holds: what each model costs, not the process (~GBs with the host).
        double Memory(string model) => RowOf(table, model).GetProperty("values").GetProperty("efficiency.model_memory_bytes").GetProperty("value").GetDouble();
        Assert.InRange(Memory("gpt-nano-bpe4k"), 1, 512.0 * 1024 * 1024);
        Assert.True(Memory("gpt-mini-bpe8k-early") > Memory("gpt-nano-bpe4k"));
        // A timed figure carries its repetitions' spread and the machine's load while measuring.
        var decode = nanoValues.GetProperty("efficiency.decode_tokens_per_s");
        Assert.Equal("p25-p75", decode.GetProperty("spread").GetString());
        Assert.InRange(decode.GetProperty("value").GetDouble(), decode.GetProperty("spread_low").GetDouble(), decode.GetProperty("spread_high").GetDouble());
        Assert.True(decode.GetProperty("load_average").GetDouble() >= 0);
        Assert.Equal(Environment.ProcessorCount, decode.GetProperty("logical_cpus").GetInt32());
        var runJson = JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{nano.Id}")).RootElement;
        Assert.Equal("p25-p75", runJson.GetProperty("stats").EnumerateArray()
            .Single(st => st.GetProperty("metric").GetString() == "decode_tokens_per_s" && st.GetProperty("level").GetString() == "overall")
            .GetProperty("spread").GetString());
        // Same machine, two models: every column's win rates are complements.
        Assert.Equal(1.0, new[] { "gpt-nano-bpe4k", "gpt-mini-bpe8k-early" }
            .Sum(m => RowOf(table, m).GetProperty("values").GetProperty("mean_win_rate").GetProperty("value").GetDouble()), 9);
        // The encoder is not measured: n/a in every efficiency column.
        Assert.Equal(9, RowOf(table, Repo.ReferenceEncoder).GetProperty("not_applicable").GetArrayLength());
        // Each repetition is a stored response row.
        await using (var db = await dbFactory.CreateDbContextAsync())
            Assert.Equal(3, db.Responses.Count(r => r.RunId == nano.Id));

        // The run page shows the figures and the download has every repetition; the model page places nano on the plot.
        Assert.Contains("decode_tokens_per_s", await client.GetStringAsync($"/runs/{nano.Id}"));
        var download = await client.GetStringAsync($"/api/runs/{nano.Id}/responses.jsonl");
        var rows = download.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.Single(rows, r => r.Contains("\"instance_id\":\"prompt_0016-") && r.Contains("synthetic prompt: 16 token ids"));
        var modelPage = await client.GetStringAsync($"/models/{nano.ModelId}");
        Assert.Contains("data-testid=\"chart-pareto\"", modelPage);
        Assert.Contains(nano.Hardware!, modelPage);

        // Tokens/s are no score in [0, 1]: the summary's mean score is nano's BLiMP accuracy alone.
        var summary = await Table("summary");
        var blimpAccuracy = RowOf(await Table("blimp"), "gpt-nano-bpe4k").GetProperty("values").GetProperty("overall").GetProperty("value").GetDouble();
        Assert.Equal(blimpAccuracy, RowOf(summary, "gpt-nano-bpe4k").GetProperty("values").GetProperty("mean_score").GetProperty("value").GetDouble(), 12);

        // Measured on another machine (finished there, later), the early model is no longer ranked against nano: neither has a win rate.
        await using (var db = await dbFactory.CreateDbContextAsync())
            await db.Runs.Where(r => r.Id == early.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Hardware, "another machine")
                .SetProperty(r => r.FinishedAt, DateTime.UtcNow));
        var split = await Table("efficiency");
        Assert.All(new[] { "gpt-nano-bpe4k", "gpt-mini-bpe8k-early" },
            m => Assert.False(RowOf(split, m).GetProperty("values").TryGetProperty("mean_win_rate", out _)));
    }

    internal static async Task<RunEntity> RunSmallBlimpAsync(EvalWebFactory factory, string modelName, int perSubset = 1, string scenario = "blimp")
    {
        var registrar = factory.Services.GetRequiredService<ModelRegistrar>();
        var scheduler = factory.Services.GetRequiredService<RunScheduler>();
        var model = await registrar.RegisterAsync(Repo.ReferenceModel(modelName), ModelSources.Reference);
        var run = await scheduler.ScheduleAsync(model, scenario, null, perSubset, 0);
        var dbFactory = factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Eval.Data.EvalDbContext>>();
        return await RunWaiter.UntilEndedAsync(dbFactory, run.Id, TimeSpan.FromSeconds(90), $"{modelName}'s run finishing");
    }
}
