namespace Eval.Core.Models;

/// <summary>
/// A model's size as stored: the elements of every initializer in its ONNX graph (the weights: what "parameters"
/// means here, whatever config.json claims) and the bytes of model.onnx plus model.onnx.data when there is one.
/// </summary>
public sealed record ModelFootprint(long Parameters, long FileBytes);
