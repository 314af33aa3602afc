using System.Text.Json;
using Eval.Data;
using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Web.Tests;

/// <summary>
/// CSV formula injection (OWASP): a cell starting with = + - @ tab or CR is opened by a spreadsheet as a formula. Model
/// names and a model's own prompts and completions are neutralised with a leading apostrophe in the CSV downloads;
/// JSON and JSONL keep them exact.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class CsvInjectionTests
{
    private static readonly string[] Names = ["=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(1+1)", "+1", "-1", "\tx", "\rx"];

    [Fact]
    public async Task FormulaModelNames_AreNeutralisedInTheLeaderboardCsv_AndExactInItsJson()
    {
        using var factory = new EvalWebFactory();
        using var client = factory.Client(factory.StartRealServer());
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var template = await db.Models.AsNoTracking().FirstAsync(m => m.Name == "gpt-nano-bpe4k");
            foreach (var (name, i) in Names.Select((n, i) => (n, i)))
            {
                template.Id = 0;
                template.Name = name;
                template.Sha256 = new string((char)('a' + i), 64);
                template.IdentitySha256 = new string((char)('a' + i), 64);
                template.Source = ModelSources.Upload;
                db.Models.Add(template);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        var csv = await client.GetStringAsync("/api/leaderboard/blimp?format=csv");
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/leaderboard/blimp"));

        string[] cells = ["\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", "'@SUM(1+1)", "'+1", "'-1", "'\tx", "\"'\rx\""];
        foreach (var cell in cells)
            Assert.Contains("\n" + cell + ",", csv);
        var jsonNames = json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("model").GetString()).ToList();
        Assert.All(Names, name => Assert.Contains(name, jsonNames));
        Assert.Contains("\ngpt-nano-bpe4k,", csv);
    }

    [Fact]
    public async Task FormulaPromptsAndCompletions_AreNeutralisedInResponsesCsv_AndExactInJsonl()
    {
        using var factory = new EvalWebFactory();
        using var client = factory.Client(factory.StartRealServer());
        var run = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        string instance;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var first = await db.Responses.Where(r => r.RunId == run.Id).OrderBy(r => r.InstanceId).ThenBy(r => r.RequestIndex).FirstAsync();
            instance = first.InstanceId;
            // What a model's completion (and a scenario's prompt) may hold.
            await db.Responses.Where(r => r.Id == first.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Prompt, "@SUM(A1)").SetProperty(r => r.Continuation, "=1+2"));
        }

        var csv = (await client.GetStringAsync($"/api/runs/{run.Id}/responses.csv")).Split('\n');
        var jsonl = (await client.GetStringAsync($"/api/runs/{run.Id}/responses.jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains($"{run.Id},{instance},", csv[1]);
        Assert.Contains(",'@SUM(A1),'=1+2,", csv[1]);
        using var line = JsonDocument.Parse(jsonl.First(l => l.Contains(instance, StringComparison.Ordinal)));
        Assert.Equal("@SUM(A1)", line.RootElement.GetProperty("prompt").GetString());
        Assert.Equal("=1+2", line.RootElement.GetProperty("continuation").GetString());
    }
}
