using System.Globalization;

namespace Eval.Jobs.Uploads;

/// <summary>
/// What a model's name may be, whatever its source (the name field, config.json's model_name): at most 100
/// characters, none of them control or invisible formatting characters (line breaks that forge log lines or CSV
/// rows, right-to-left overrides and zero-width characters that make one name look like another).
/// </summary>
public static class ModelNameRules
{
    public const int MaxLength = 100;

    /// <summary>Null when <paramref name="name"/> is fine, else what it must be.</summary>
    public static string? Problem(string name)
    {
        if (name.Length > MaxLength)
            return $"at most {MaxLength} characters (it has {name.Length:N0})";
        if (name.Any(IsHidden))
            return "free of control and invisible formatting characters (line breaks, tabs, right-to-left overrides, zero-width characters)";
        return null;
    }

    private static bool IsHidden(char c) => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
}
