using Eval.Data;
using Eval.Data.Entities;
using Eval.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eval.Jobs.Tests;

[Collection(HangfireCollection.Name)]
public sealed class ModelRegistrarTests
{
    [Fact]
    public async Task RegisteringAgain_RenamesATokenizerStoredUnderAnOlderRule()
    {
        using var data = new TempDirectory();
        using var host = RunEvaluationJobTests.BuildHost(data.Path, new Dictionary<string, string?> { ["Eval:Worker:InProcess"] = "false" });
        await host.StartAsync();
        try
        {
            var registrar = host.Services.GetRequiredService<ModelRegistrar>();
            var dbFactory = host.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
            var model = await registrar.RegisterAsync(Repo.ReferenceModel("byte-gpt-mini"), ModelSources.Reference);
            Assert.Equal("bytes", model.TokenizerKind);
            await using (var db = await dbFactory.CreateDbContextAsync())
                await db.Models.Where(m => m.Id == model.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.TokenizerKind, "byte-level BPE"));

            var again = await registrar.RegisterAsync(Repo.ReferenceModel("byte-gpt-mini"), ModelSources.Reference);

            Assert.Equal(model.Id, again.Id);
            await using var check = await dbFactory.CreateDbContextAsync();
            Assert.Equal("bytes", (await check.Models.SingleAsync(m => m.Id == model.Id)).TokenizerKind);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
