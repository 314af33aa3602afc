using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>One loaded model per folder and options, shared while rented, disposed after the idle timeout.</summary>
public sealed class ModelSessionPoolTests
{
    private static readonly InferenceOptions Cpu = new() { Device = InferenceOptions.Cpu };

    [Fact]
    public void Rent_SharesOneModel_PerFolderAndOptions()
    {
        var clock = new ManualTime();
        using var pool = new ModelSessionPool(TimeSpan.FromMinutes(5), clock);
        var folder = Repo.ReferenceModel(TestModels.Nano);

        using var first = pool.Rent(folder, Cpu);
        using var second = pool.Rent(folder + "/", new InferenceOptions { Device = InferenceOptions.Cpu });
        using var other = pool.Rent(folder, new InferenceOptions { Device = InferenceOptions.Cpu, IntraOpThreads = 1 });

        Assert.Same(first.Model, second.Model);
        Assert.NotSame(first.Model, other.Model);
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void Trim_DisposesModel_OnlyAfterIdleTimeout()
    {
        var clock = new ManualTime();
        using var pool = new ModelSessionPool(TimeSpan.FromMinutes(5), clock);
        var folder = Repo.ReferenceModel(TestModels.Nano);
        OnnxLanguageModel model;
        using (var lease = pool.Rent(folder, Cpu))
            model = lease.Model;

        clock.Advance(TimeSpan.FromMinutes(4));
        pool.Trim();
        using (var again = pool.Rent(folder, Cpu))
            Assert.Same(model, again.Model);

        clock.Advance(TimeSpan.FromMinutes(5));
        pool.Trim();
        Assert.Equal(0, pool.Count);
        using var fresh = pool.Rent(folder, Cpu);
        Assert.NotSame(model, fresh.Model);
    }

    [Fact]
    public void Trim_KeepsRentedModel_HoweverLongItRuns()
    {
        var clock = new ManualTime();
        using var pool = new ModelSessionPool(TimeSpan.FromMinutes(5), clock);
        using var lease = pool.Rent(Repo.ReferenceModel(TestModels.Nano), Cpu);

        clock.Advance(TimeSpan.FromHours(2));
        pool.Trim();

        Assert.Equal(1, pool.Count);
        Assert.Equal(5, lease.Model.Tokenize(TestModels.Prompt).Length);
    }

    [Fact]
    public void Rent_DoesNotKeepFolderThatFailedToLoad()
    {
        using var pool = new ModelSessionPool(TimeSpan.FromMinutes(5), new ManualTime());
        using var empty = new TempDirectory();

        Assert.Throws<ModelPackageException>(() => pool.Rent(empty.Path, Cpu));
        Assert.Equal(0, pool.Count);
    }

    /// <summary>A clock the test moves; the pool's own timer still ticks in real time and finds nothing idle.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
