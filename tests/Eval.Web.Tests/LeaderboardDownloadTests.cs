using System.Net;
using System.Text.Json;
using Bunit;
using Eval.Data.Queries;
using Eval.TestKit;
using Eval.Web.Components.Pages;

namespace Eval.Web.Tests;

/// <summary>The leaderboard's downloads carry the page's filters and order: the file lists exactly the rows shown.</summary>
[Collection(WebHostCollection.Name)]
public sealed class LeaderboardDownloadTests
{
    private static async Task<List<string>> JsonModelsAsync(HttpClient client, string query)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/leaderboard/blimp" + query));
        return doc.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("model").GetString()!).ToList();
    }

    private static async Task<string[]> CsvLinesAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/leaderboard/blimp" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task FilteredCsvAndJson_ContainExactlyTheFilteredRows_InTheAskedOrder()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");
        await WebHostTests.RunSmallBlimpAsync(factory, "gpt-mini-bpe8k-early");
        var whole = await CsvLinesAsync(client, "?format=csv");
        using var all = JsonDocument.Parse(await client.GetStringAsync("/api/leaderboard/blimp"));
        double Overall(string model) => all.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("model").GetString() == model)
            .GetProperty("values").GetProperty("overall").GetProperty("value").GetDouble();
        // Better overall first, the unscored gpt-mini-bpe8k last.
        var scored = new[] { "gpt-nano-bpe4k", "gpt-mini-bpe8k-early" }.OrderByDescending(Overall).ThenBy(m => m, StringComparer.Ordinal).ToList();

        // gpt, byte-level BPE, at most 3.46M parameters: not byte-gpt-mini (3.49M), llama-mini or bert-mini.
        var csv = await CsvLinesAsync(client, "?format=csv&architecture=gpt&tokenizer=byte-level%20BPE&max_params=3.46&sort=overall&order=desc");

        Assert.Equal(whole[0], csv[0]);
        Assert.Equal([.. scored, "gpt-mini-bpe8k"], csv.Skip(1).Select(l => l.Split(',')[0]));
        // Each line is the whole table's line for that model.
        Assert.All(csv.Skip(1), line => Assert.Contains(line, whole));

        // Name contains (any case), at least 3.4M parameters (not llama-mini's 3.34M, not nano), by name A to Z.
        Assert.Equal(["bert-mini-bpe8k", "byte-gpt-mini", "gpt-mini-bpe8k", "gpt-mini-bpe8k-early"],
            await JsonModelsAsync(client, "?name=MINI&min_params=3.4&sort=model&order=asc"));
        Assert.Equal(["gpt-nano-bpe4k"], await JsonModelsAsync(client, "?format=json&min_params=0.3&max_params=0.4"));
        Assert.Equal(["gpt-mini-bpe8k-early", "gpt-mini-bpe8k"], await JsonModelsAsync(client, "?name=bpe8k&architecture=gpt&sort=model&order=desc"));
        // No filter and no order: the whole table as before, by model name.
        Assert.Equal(Repo.AllReferenceModels.Count, (await JsonModelsAsync(client, "")).Count);
    }

    [Theory]
    [InlineData("?min_params=abc", "min_params")]
    [InlineData("?max_params=1e999", "max_params")]
    [InlineData("?min_params=-1", "min_params")]
    [InlineData("?min_params=5&max_params=1", "above max_params")]
    [InlineData("?architecture=transformer-xl", "architecture 'transformer-xl'")]
    [InlineData("?tokenizer=sentencepiece", "tokenizer 'sentencepiece'")]
    [InlineData("?sort=nope", "column 'nope'")]
    [InlineData("?sort=overall&order=up", "order must be asc or desc")]
    [InlineData("?order=desc", "order needs sort")]
    [InlineData("?format=xml", "format must be csv or json")]
    [InlineData("?minparams=3", "unknown parameter 'minparams'")]
    [InlineData("?name=a&name=b", "'name' given more than once")]
    [InlineData("?metrics=some", "metrics must be all or main")]
    public async Task BadFilterValues_Are400ProblemsNamingTheParameter(string query, string expected)
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };

        var response = await client.GetAsync("/api/leaderboard/blimp" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("field_invalid", doc.RootElement.GetProperty("code").GetString());
        Assert.Contains(expected, doc.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PageDownloadLinks_FollowTheFiltersAndTheSort_AndTheFileListsTheRowsShown()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        using var bunit = new BunitContext();
        bunit.Services.AddSingleton(factory.Services.GetRequiredService<LeaderboardQuery>());
        bunit.Services.AddSingleton(factory.Services.GetRequiredService<SuiteProgressQuery>());
        var cut = bunit.Render<LeaderboardPage>(p => p.Add(x => x.Group, "blimp"));
        cut.WaitForElement("[data-testid=leaderboard]");
        // Of the gpt-mini-bpe8k family only its latest checkpoint is shown until "every checkpoint" is ticked.
        Assert.Equal("/api/leaderboard/blimp?format=csv&sort=overall&order=desc&checkpoints=latest", cut.Find("[data-testid=download-csv]").GetAttribute("href"));
        cut.Find("[data-testid=filter-checkpoints]").Change(true);

        cut.Find("[data-testid=filter-name]").Input("mini");
        cut.Find("[data-testid=filter-architecture]").Change("gpt");
        cut.Find("[data-testid=filter-tokenizer]").Change("byte-level BPE");
        cut.Find("[data-testid=filter-min-params]").Change("3.4");
        cut.Find("[data-testid=filter-max-params]").Change("3.46");
        cut.Find("[data-testid=sort-model]").Click();
        cut.Find("[data-testid=sort-model]").Click();

        var csvLink = cut.Find("[data-testid=download-csv]").GetAttribute("href")!;
        Assert.Equal("/api/leaderboard/blimp?format=csv&name=mini&architecture=gpt&tokenizer=byte-level%20BPE&min_params=3.4&max_params=3.46&sort=model&order=desc", csvLink);
        Assert.Equal(csvLink.Replace("format=csv", "format=json"), cut.Find("[data-testid=download-json]").GetAttribute("href"));
        var shown = cut.FindAll("[data-testid=leaderboard-row]").Select(r => r.GetAttribute("data-model")).ToList();
        Assert.Equal(["gpt-mini-bpe8k-early", "gpt-mini-bpe8k"], shown);
        var lines = (await client.GetStringAsync(csvLink)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(shown, lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task MainMetricsView_IsOneColumnPerScenario_OnThePageByDefault_AndInTheApiWhenAsked()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        static List<string> Columns(JsonDocument doc) =>
            doc.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();

        using var all = JsonDocument.Parse(await client.GetStringAsync("/api/leaderboard/hallucination"));
        using var main = JsonDocument.Parse(await client.GetStringAsync("/api/leaderboard/hallucination?metrics=main"));
        var page = await client.GetStringAsync("/leaderboard/hallucination");
        var allPage = await client.GetStringAsync("/leaderboard/hallucination?metrics=all");

        Assert.Equal(["halueval_qa.accuracy", "truthfulqa_gen.bleu_acc", "truthfulqa_mc.mc2", "mean_win_rate"], Columns(main));
        Assert.Contains("truthfulqa_gen.rouge1_max", Columns(all));
        Assert.Contains("data-testid=\"sort-truthfulqa_mc.mc2\"", page);
        Assert.DoesNotContain("data-testid=\"sort-truthfulqa_mc.mc1\"", page);
        Assert.Contains("href=\"/leaderboard/hallucination?metrics=all\"", page);
        // The download of the default view holds its columns.
        Assert.Contains("&amp;metrics=main\" download=\"leaderboard_hallucination.csv\"", page);
        Assert.Contains("data-testid=\"sort-truthfulqa_mc.mc1\"", allPage);
        Assert.Contains("href=\"/leaderboard/hallucination\" data-testid=\"metrics-main\"", allPage);
        // The tabs keep the view.
        Assert.Contains("href=\"/leaderboard/fairness?metrics=all\"", allPage);
    }
}
