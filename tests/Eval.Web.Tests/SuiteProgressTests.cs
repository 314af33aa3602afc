using Bunit;
using Eval.Data;
using Eval.Data.Entities;
using Eval.Data.Queries;
using Eval.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace Eval.Web.Tests;

/// <summary>The leaderboard's one progress line: counted from runs stored in SQLite, shown by its component.</summary>
[Collection(WebHostCollection.Name)]
public sealed class SuiteProgressTests
{
    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }

    [Fact]
    public async Task Progress_CountsTheRunsQueuedSinceTheOldestWaitingOne_AndProjectsThePaceSoFar()
    {
        using var factory = new EvalWebFactory(new Dictionary<string, string?> { ["Eval:FirstStart:RegisterReferenceModels"] = "false" });
        factory.StartRealServer();
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        var start = new DateTime(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);
        var query = new SuiteProgressQuery(dbFactory, new FixedClock(start.AddMinutes(10)));
        Assert.Null(await query.GetAsync());

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var model = new ModelEntity { Name = "m", Directory = "/m", Sha256 = "s", TokenizerSha256 = "t" };
            db.Models.Add(model);
            await db.SaveChangesAsync();
            var n = 0;
            RunEntity Run(string status, DateTime created, DateTime? started = null, int done = 0, int total = 0) => new()
            {
                ModelId = model.Id, ScenarioId = "blimp", Status = status, CreatedAt = created, StartedAt = started, Done = done, Total = total,
                Convention = "eot_space", RunKey = $"k{++n}", SpecJson = "{}", SpecHash = $"h{n}",
            };
            db.Runs.AddRange(
                // Before this batch: not counted.
                Run(RunStatus.Finished, start.AddHours(-1), start.AddHours(-1)),
                Run(RunStatus.Finished, start, start, 100, 100),
                Run(RunStatus.Failed, start, start.AddMinutes(3)),
                Run(RunStatus.Finished, start, start.AddMinutes(4), 100, 100),
                Run(RunStatus.Running, start, start.AddMinutes(8), 50, 100),
                Run(RunStatus.Queued, start),
                Run(RunStatus.Queued, start.AddMinutes(1)));
            await db.SaveChangesAsync();
        }

        var progress = await query.GetAsync();

        // 3 of 6 done and one half run: 3.5 runs in the 10 minutes since the first started, 2.5 to go.
        Assert.Equal((3, 6), (progress!.Done, progress.Total));
        Assert.Equal(10 * 2.5 / 3.5, progress.Remaining!.Value.TotalMinutes, 6);
        using var bunit = new BunitContext();
        var line = bunit.Render<SuiteProgressLine>(p => p.Add(x => x.Progress, progress));
        Assert.Equal("3 of 6 runs done, ETA 8 min", line.Find("[data-testid=suite-progress-text]").TextContent);
        Assert.Equal("/jobs", line.Find("[data-testid=suite-progress] a").GetAttribute("href"));
    }

    [Theory]
    [InlineData(null, "14 of 47 runs done")]
    [InlineData(0.5, "14 of 47 runs done, ETA under a minute")]
    [InlineData(80.0, "14 of 47 runs done, ETA 1 h 20 min")]
    public void Line_SaysTheTimeLeftInWholeUnits(double? minutes, string expected)
    {
        using var bunit = new BunitContext();
        var progress = new SuiteProgress(14, 47, minutes is { } m ? TimeSpan.FromMinutes(m) : null);

        var line = bunit.Render<SuiteProgressLine>(p => p.Add(x => x.Progress, progress));

        Assert.Equal(expected, line.Find("[data-testid=suite-progress-text]").TextContent);
    }

    [Fact]
    public void Line_IsAbsent_WhenNothingIsQueued()
    {
        using var bunit = new BunitContext();

        var line = bunit.Render<SuiteProgressLine>(p => p.Add(x => x.Progress, null));

        Assert.Empty(line.Markup.Trim());
    }

    [Fact]
    public void Line_KeepsItsPlace_SayingAllDone_WhenTheRunsFinishWhileThePageIsOpen()
    {
        using var bunit = new BunitContext();

        var line = bunit.Render<SuiteProgressLine>(p => p.Add(x => x.Progress, null).Add(x => x.Finished, true));

        Assert.Equal("All runs done", line.Find("[data-testid=suite-progress-text]").TextContent);
        Assert.Equal("/jobs", line.Find("[data-testid=suite-progress] a").GetAttribute("href"));
    }
}
