using Eval.Data.Entities;
using Eval.Jobs.Uploads;
using Eval.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Eval.Jobs.Tests;

/// <summary>An upload's status before acceptance, on a real SQLite database: each allowed step applies once, the rest change nothing.</summary>
public sealed class ModelValidationLifecycleTests : IDisposable
{
    private readonly TestDatabase database = new();
    private readonly ModelValidationLifecycle validation;

    public ModelValidationLifecycleTests() => validation = new ModelValidationLifecycle(database.Factory());

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Upload_IsValidatedThenAccepted_OnceOnly()
    {
        var id = await NewUploadAsync();
        var at = new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc);

        Assert.True(await validation.BeginAsync(id));
        Assert.False(await validation.BeginAsync(id));
        Assert.Equal(ModelStatus.Validating, (await ModelAsync(id)).Status);
        Assert.True(await validation.AcceptAsync(id, "masked", at, 1.5));

        var model = await ModelAsync(id);
        Assert.Equal((ModelStatus.Queued, "masked", at, 1.5), (model.Status, model.Kind, model.ValidatedAt, model.SmokeMillisecondsPerToken));
        // Accepted: its status is its runs' now, not validation's.
        Assert.False(await validation.CancelAsync(id));
        Assert.False(await validation.RejectAsync(id, "onnx_unreadable", "late"));
        Assert.Equal(ModelStatus.Queued, (await ModelAsync(id)).Status);
    }

    [Fact]
    public async Task Rejection_KeepsItsCodeAndReason_AndIsFinal()
    {
        var id = await NewUploadAsync();
        Assert.False(await validation.RejectAsync(id, "vocab_mismatch", "not validating yet"));
        await validation.BeginAsync(id);

        Assert.True(await validation.RejectAsync(id, "vocab_mismatch", "tokenizer has 4096 tokens, the graph 8192"));

        var model = await ModelAsync(id);
        Assert.Equal((ModelStatus.Rejected, "vocab_mismatch", "tokenizer has 4096 tokens, the graph 8192"), (model.Status, model.ErrorCode, model.Error));
        Assert.False(await validation.RequeueAsync(id));
        Assert.False(await validation.CancelAsync(id));
    }

    [Fact]
    public async Task CancelledOrFailedValidation_IsQueuedAgain_WithoutItsError()
    {
        var id = await NewUploadAsync();
        Assert.False(await validation.RequeueAsync(id));
        Assert.True(await validation.CancelAsync(id));
        Assert.True(await validation.RequeueAsync(id));
        await validation.BeginAsync(id);
        Assert.True(await validation.FailAsync(id, "validation failed: out of memory"));
        Assert.Equal("validation failed: out of memory", (await ModelAsync(id)).Error);

        Assert.True(await validation.RequeueAsync(id));

        var model = await ModelAsync(id);
        Assert.Equal((ModelStatus.Queued, null), (model.Status, model.Error));
    }

    [Fact]
    public async Task Restart_QueuesOnlyValidationsLeftUnderWay()
    {
        var underWay = await NewUploadAsync();
        var waiting = await NewUploadAsync();
        await validation.BeginAsync(underWay);

        var requeued = await validation.RequeueInterruptedAsync();

        Assert.Equal(underWay, Assert.Single(requeued).Id);
        Assert.Equal(ModelStatus.Queued, (await ModelAsync(underWay)).Status);
        Assert.Equal(ModelStatus.Queued, (await ModelAsync(waiting)).Status);
    }

    private async Task<long> NewUploadAsync()
    {
        await using var db = database.CreateContext();
        var model = new ModelEntity
        {
            Name = "upload", Directory = "/nowhere", Sha256 = Guid.NewGuid().ToString("N"), TokenizerSha256 = "b",
            Source = ModelSources.Upload, Status = ModelStatus.Queued,
        };
        db.Models.Add(model);
        await db.SaveChangesAsync();
        return model.Id;
    }

    private async Task<ModelEntity> ModelAsync(long id)
    {
        await using var db = database.CreateContext();
        return await db.Models.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
