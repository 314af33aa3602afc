namespace Eval.Bench;

/// <summary>What the PyTorch peer printed: pairs scored, their seconds and rate, and its accuracy.</summary>
public sealed record PeerResult(int Pairs, double PairsPerSecond, double Accuracy, string Line);
