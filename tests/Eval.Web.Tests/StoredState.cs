using Eval.Data;
using Microsoft.EntityFrameworkCore;

namespace Eval.Web.Tests;

/// <summary>What a host has stored: model, run and response rows, and the files under models/ and uploads/ of its data folder.</summary>
public sealed record StoredState(int Models, int Runs, int Responses, int ModelFiles, int UploadFiles)
{
    public static async Task<StoredState> ReadAsync(EvalWebFactory factory)
    {
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        return new StoredState(await db.Models.CountAsync(), await db.Runs.CountAsync(), await db.Responses.CountAsync(),
            Count(Path.Combine(factory.DataDirectory, "models")), Count(Path.Combine(factory.DataDirectory, "uploads")));
    }

    private static int Count(string folder) =>
        Directory.Exists(folder) ? Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Length : 0;
}
