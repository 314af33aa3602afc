namespace Eval.Bench;

/// <summary>Walks a benchmark's arguments: the option at hand, its value, and counts checked against a minimum.</summary>
public sealed class ArgumentCursor(string[] args)
{
    private int index = -1;

    public bool Next() => ++index < args.Length;

    public string Current => args[index];

    public string Value() => index + 1 < args.Length ? args[++index] : throw new ArgumentException($"{args[index]} needs a value");

    public int Count(string name, int min) =>
        int.TryParse(Value(), out var n) && n >= min ? n : throw new ArgumentException($"{name} must be an integer >= {min}");

    public ArgumentException Unknown() => new($"unknown option '{Current}'");
}
