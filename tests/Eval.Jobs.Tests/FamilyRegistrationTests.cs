using Eval.Data;
using Eval.Data.Entities;
using Eval.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eval.Jobs.Tests;

/// <summary>The first start places the reference checkpoints in their family as config.json says; a database from before families gets them too.</summary>
[Collection(HangfireCollection.Name)]
public sealed class FamilyRegistrationTests
{
    private static readonly Dictionary<string, string?> RegisterOnly = new()
    {
        ["Eval:FirstStart:RegisterReferenceModels"] = "true",
        ["Eval:FirstStart:EvaluateReferenceModels"] = "false",
        ["Eval:Worker:InProcess"] = "false",
    };

    [Fact]
    public async Task FirstStart_RegistersGptMiniAndItsEarlyCheckpoint_AsOneFamilyByTrainingTokens()
    {
        using var data = new TempDirectory();
        var models = await StartAndReadAsync(data.Path);

        var family = models.Where(m => m.Family is not null).OrderBy(m => m.Checkpoint)
            .Select(m => (m.Name, m.Family, m.CheckpointUnit, m.Checkpoint)).ToList();
        Assert.Equal([("gpt-mini-bpe8k-early", "gpt-mini-bpe8k", "tokens", 24_510_464L), ("gpt-mini-bpe8k", "gpt-mini-bpe8k", "tokens", 245_104_640L)],
            family.Select(f => (f.Name, f.Family, f.CheckpointUnit, f.Checkpoint!.Value)));
    }

    [Fact]
    public async Task NextStart_FillsInTheFamily_OfReferenceModelsRegisteredBeforeFamiliesExisted()
    {
        using var data = new TempDirectory();
        await StartAndReadAsync(data.Path);
        using (var host = RunEvaluationJobTests.BuildHost(data.Path, RegisterOnly))
        {
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>().CreateDbContextAsync();
            await db.Models.ExecuteUpdateAsync(u => u.SetProperty(m => m.Family, (string?)null).SetProperty(m => m.Checkpoint, (long?)null)
                .SetProperty(m => m.CheckpointUnit, (string?)null));
        }

        var models = await StartAndReadAsync(data.Path);

        Assert.Equal(245_104_640L, models.Single(m => m.Name == "gpt-mini-bpe8k").Checkpoint);
        Assert.Equal(2, models.Count(m => m.Family == "gpt-mini-bpe8k"));
    }

    private static async Task<List<ModelEntity>> StartAndReadAsync(string dataPath)
    {
        using var host = RunEvaluationJobTests.BuildHost(dataPath, RegisterOnly);
        await host.StartAsync();
        try
        {
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>().CreateDbContextAsync();
            return await db.Models.AsNoTracking().ToListAsync();
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
