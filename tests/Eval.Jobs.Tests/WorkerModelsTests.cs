using Eval.Core.Models;
using Eval.Inference.Onnx;
using Eval.Jobs.Timings;
using Eval.TestKit;

namespace Eval.Jobs.Tests;

/// <summary>A worker keeps each model warm between its runs, masked LMs included, and says when it loaded one.</summary>
public sealed class WorkerModelsTests
{
    private static readonly InferenceOptions Cpu = new() { Device = InferenceOptions.Cpu };

    [Fact]
    public void Open_ReusesTheLoadedMaskedModel_ForTheNextRun()
    {
        var timings = new RunTimings { Enabled = true };
        using var models = new WorkerModels(timings);
        var folder = Repo.ReferenceModel(Repo.ReferenceEncoder);

        ILanguageModel first;
        using (var rented = models.Open(folder, Cpu, ModelKind.Masked))
            first = rented.Model;
        using var second = models.Open(folder, Cpu, ModelKind.Masked);

        Assert.Same(first, second.Model);
        Assert.Equal([true, false], timings.Openings.Select(o => o.Loaded));
        // Still usable after the first run gave it back: returning it did not dispose it.
        Assert.Equal(ModelKinds.Masked, second.Model.Info.Kind);
    }

    [Fact]
    public void Open_KeepsCausalAndMaskedModelsApart_AndRecordsNothingUnlessEnabled()
    {
        var timings = new RunTimings();
        using var models = new WorkerModels(timings);

        using var causal = models.Open(Repo.ReferenceModel("gpt-nano-bpe4k"), Cpu);
        using var masked = models.Open(Repo.ReferenceModel(Repo.ReferenceEncoder), Cpu);

        Assert.Equal(ModelKinds.Causal, causal.Model.Info.Kind);
        Assert.Equal(ModelKinds.Masked, masked.Model.Info.Kind);
        Assert.Empty(timings.Openings);
    }
}
