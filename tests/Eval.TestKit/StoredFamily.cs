using Eval.Core.Stats;
using Eval.Data.Entities;

namespace Eval.TestKit;

/// <summary>
/// Stores a family checkpoint as the platform would have it after a finished BLiMP run: the model row (family,
/// unit, position) and its run with the overall and per-phenomenon accuracy stats given (mean, 95% interval).
/// </summary>
public static class StoredFamily
{
    private static readonly DateTime Start = new(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);

    public static async Task<long> AddCheckpointAsync(TestDatabase database, string name, string? family, long? position,
        (double Mean, double Low, double High) overall, IReadOnlyDictionary<string, (double Mean, double Low, double High)>? phenomena = null,
        string unit = CheckpointUnits.Tokens)
    {
        await using var db = database.CreateContext();
        var model = new ModelEntity
        {
            Name = name, Directory = "/models/" + name, Sha256 = "sha-" + name, TokenizerSha256 = "tok", CreatedAt = Start, Architecture = "gpt",
            Family = family, CheckpointUnit = family is null ? null : unit, Checkpoint = position,
        };
        db.Models.Add(model);
        await db.SaveChangesAsync();
        var run = new RunEntity
        {
            ModelId = model.Id, ScenarioId = "blimp", ScenarioVersion = 1, RunKey = "blimp@1:" + name, SpecJson = "{}", SpecHash = name,
            Convention = "eot_space", Status = RunStatus.Finished, Done = 6700, Total = 6700, SamplePerSubset = 100, FinishedAt = Start,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        db.RunStats.Add(Stat(run.Id, StatLevel.Overall, StatLevel.Overall, overall, 6700));
        foreach (var (key, value) in phenomena ?? new Dictionary<string, (double, double, double)>())
            db.RunStats.Add(Stat(run.Id, StatLevel.SubsetGroup, key, value, 500));
        await db.SaveChangesAsync();
        return model.Id;
    }

    private static RunStatEntity Stat(long runId, string level, string key, (double Mean, double Low, double High) value, int count) => new()
    {
        RunId = runId, Metric = "accuracy", Level = level, Key = key, Count = count, Sum = value.Mean * count, SumSquares = value.Mean * count,
        Min = 0, Max = 1, Mean = value.Mean, CiLow = value.Low, CiHigh = value.High,
    };
}
