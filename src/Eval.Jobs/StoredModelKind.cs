using Eval.Core.Models;
using Eval.Data.Entities;
using Eval.Inference.Onnx;

namespace Eval.Jobs;

/// <summary>A stored model's kind for the planner: as stored (detected at registration, or stated at upload), else what its files say.</summary>
public static class StoredModelKind
{
    public static string Of(ModelEntity model) => model.Kind ?? ModelKinds.Id(ModelKindDetector.KindOrCausal(model.Directory));
}
