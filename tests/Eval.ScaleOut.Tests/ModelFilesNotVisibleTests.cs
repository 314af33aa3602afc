using Eval.Data;
using Eval.Data.Entities;
using Eval.Jobs;
using Eval.TestKit;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Eval.ScaleOut.Tests;

/// <summary>
/// A worker that cannot read a model's files (the shared models folder is not mounted there) gives the run back to
/// its queue with the reason, so another worker can take it; after <see cref="RunHandOffs.MaxPerRun"/> hand-offs it
/// fails the run with that reason.
/// </summary>
public sealed class ModelFilesNotVisibleTests
{
    [Fact]
    public async Task AWorkerWithoutTheModelFile_HandsTheRunBack_ThenFailsItWithTheReason()
    {
        using var data = new TempDirectory();
        using var models = new TempDirectory();
        var folder = Path.Combine(models.Path, "gpt-nano-bpe4k");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Repo.ReferenceModel("gpt-nano-bpe4k")))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Eval:DataDirectory"] = data.Path,
            ["Eval:FirstStart:RegisterReferenceModels"] = "false",
            ["Eval:Hangfire:Storage"] = "Memory",
            ["Eval:Worker:InProcess"] = "false",
            ["Eval:Inference:Device"] = "cpu",
        });
        builder.Services.AddEvalPlatform(builder.Configuration, AppContext.BaseDirectory);
        using var host = builder.Build();
        await host.StartAsync();
        var model = await host.Services.GetRequiredService<ModelRegistrar>().RegisterAsync(folder, ModelSources.Reference);
        var run = await host.Services.GetRequiredService<RunScheduler>().ScheduleAsync(model, "blimp", null, 1, 0);
        // This "worker" lacks the shared folder.
        Directory.Delete(folder, recursive: true);
        var modelFile = Path.Combine(folder, "model.onnx");
        var monitoring = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();

        for (var handOff = 1; handOff <= RunHandOffs.MaxPerRun; handOff++)
        {
            await host.Services.GetRequiredService<RunExecutor>().ExecuteAsync(run.Id, CancellationToken.None);
            var handed = await ReadAsync(host, run.Id);
            Assert.Equal(RunStatus.Queued, handed.Status);
            Assert.Equal($"worker {Environment.MachineName}:{Environment.ProcessId} cannot read the model file {modelFile}: every worker must see the models " +
                "at the same path (Eval:ModelsDirectory and Eval:ReferenceModelsDirectory on a shared mount); handed to another worker", handed.Error);
            Assert.Equal(handOff, monitoring.ScheduledCount());
        }

        var failure = await Assert.ThrowsAsync<ModelFilesNotVisibleException>(
            () => host.Services.GetRequiredService<RunExecutor>().ExecuteAsync(run.Id, CancellationToken.None));
        var failed = await ReadAsync(host, run.Id);
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal(failure.Message, failed.Error);
        Assert.Contains(modelFile, failed.Error);
        await host.StopAsync();
        SqliteConnection.ClearAllPools();
    }

    private static async Task<RunEntity> ReadAsync(IHost host, long runId)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>().CreateDbContextAsync();
        return await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId);
    }
}
