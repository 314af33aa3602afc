using Eval.Inference.Onnx.Graph;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Eval.Inference.Onnx;

/// <summary>
/// The decoder's inputs as found in the file: with or without past_key_values.* (and the matching present.*
/// outputs) and position_ids, the heads and head size of the cache (README of the reference models gives the
/// convention), and whether the scoring head (<see cref="ScoringHead"/>) was appended at load. Also which integer
/// inputs are int32 rather than int64, Optimum's use_cache_branch and token_type_ids (fed zeros). Any other input
/// is refused here, at load, naming it: a run must never fail on an input nobody feeds.
/// </summary>
public sealed record DecoderSignature(
    bool HasPositionIds,
    IReadOnlyList<string> PastNames,
    IReadOnlyList<string> PresentNames,
    int KvHeads,
    int HeadDim,
    int VocabSize,
    bool HasScoringHead = false,
    IReadOnlySet<string>? Int32Inputs = null,
    bool HasUseCacheBranch = false,
    bool HasTokenTypeIds = false,
    IReadOnlyList<(int Heads, int HeadDim)>? PastShapes = null)
{
    public const string TokenTypeIds = "token_type_ids";

    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string PositionIds = "position_ids";
    public const string Logits = "logits";
    public const string PastPrefix = "past_key_values.";
    public const string PresentPrefix = "present.";

    public bool HasPast => PastNames.Count > 0;

    public bool IsInt32(string input) => Int32Inputs?.Contains(input) == true;

    /// <summary>Heads and head_dim of the i-th past input (layers may differ, e.g. grouped-query exports with per-layer key/value heads).</summary>
    public (int Heads, int HeadDim) PastShape(int index) => PastShapes is { } shapes ? shapes[index] : (KvHeads, HeadDim);

    /// <param name="addedAtLoad">Inputs the loader itself appended to the graph and feeds (the masked scoring head's).</param>
    public static DecoderSignature Read(InferenceSession session, string file, IReadOnlyCollection<string>? addedAtLoad = null)
    {
        var inputs = session.InputMetadata;
        foreach (var required in new[] { InputIds, AttentionMask })
        {
            if (!inputs.TryGetValue(required, out var meta))
                throw new ModelPackageException($"{file}: input '{required}' is missing");
            if (!IdTensors.IsIdType(meta.ElementDataType))
                throw new ModelPackageException($"{file}: input '{required}' must be int64 (or int32), not {meta.ElementDataType}");
        }
        foreach (var optional in new[] { PositionIds, TokenTypeIds })
            if (inputs.TryGetValue(optional, out var meta) && !IdTensors.IsIdType(meta.ElementDataType))
                throw new ModelPackageException($"{file}: input '{optional}' must be int64 (or int32), not {meta.ElementDataType}");
        if (inputs.TryGetValue(UseCacheBranch.Input, out var branch) && branch.ElementDataType != TensorElementType.Bool)
            throw new ModelPackageException($"{file}: input '{UseCacheBranch.Input}' must be bool, not {branch.ElementDataType}");
        var unknown = inputs.Keys.Where(k => k is not (InputIds or AttentionMask or PositionIds or TokenTypeIds or UseCacheBranch.Input or ScoringHead.Targets)
                                             && !k.StartsWith(PastPrefix, StringComparison.Ordinal)
                                             && addedAtLoad?.Contains(k) != true).ToList();
        if (unknown.Count > 0)
            throw new ModelPackageException($"{file} has input(s) the platform cannot feed: {string.Join(", ", unknown)} " +
                $"(supported: {InputIds}, {AttentionMask}, {PositionIds}, {TokenTypeIds}, {UseCacheBranch.Input}, {PastPrefix}*); re-export without them");
        if (!session.OutputMetadata.TryGetValue(Logits, out var logits))
            throw new ModelPackageException($"{file}: output '{Logits}' is missing");
        if (logits.ElementDataType != TensorElementType.Float)
            throw new ModelPackageException($"{file}: output '{Logits}' must be float32, not {logits.ElementDataType}");

        var past = inputs.Keys.Where(k => k.StartsWith(PastPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var present = past.Select(p => PresentPrefix + p[PastPrefix.Length..]).ToList();
        int heads = 0, headDim = 0;
        var shapes = new List<(int, int)>();
        foreach (var name in past)
        {
            var dims = inputs[name].Dimensions;
            if (dims.Length != 4 || dims[1] <= 0 || dims[3] <= 0)
                throw new ModelPackageException($"{file}: input '{name}' must be [batch, heads, past, head_dim] with fixed heads and head_dim");
            shapes.Add((dims[1], dims[3]));
        }
        if (past.Count > 0)
        {
            (heads, headDim) = shapes[0];
            foreach (var name in past.Where(p => inputs[p].ElementDataType != TensorElementType.Float))
                throw new ModelPackageException($"{file}: input '{name}' must be float32, not {inputs[name].ElementDataType}");
            foreach (var name in present.Where(p => !session.OutputMetadata.ContainsKey(p)))
                throw new ModelPackageException($"{file}: output '{name}' is missing (every past_key_values.* input needs its present.* output)");
        }
        var vocab = logits.Dimensions.Length == 3 ? logits.Dimensions[2] : -1;
        var int32 = inputs.Where(i => i.Value.ElementDataType == TensorElementType.Int32).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        return new DecoderSignature(inputs.ContainsKey(PositionIds), past, present, heads, headDim, vocab,
            inputs.ContainsKey(ScoringHead.Targets), int32, inputs.ContainsKey(UseCacheBranch.Input), inputs.ContainsKey(TokenTypeIds), shapes);
    }
}
