namespace Eval.Jobs.Uploads;

/// <summary>A client's value quoted back in an error, cut short: a megabyte sent is not a megabyte answered.</summary>
public static class EchoedText
{
    public const int MaxLength = 40;

    public static string Clip(string? value) =>
        value is null ? "" : value.Length <= MaxLength ? value : value[..MaxLength] + $"… ({value.Length:N0} characters)";
}
