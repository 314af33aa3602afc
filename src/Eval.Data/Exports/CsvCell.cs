namespace Eval.Data.Exports;

/// <summary>
/// A text cell of a CSV download. Text from outside (model names, prompts, a model's completions) that starts with
/// = + - @ tab or CR would be run as a formula by a spreadsheet (CSV injection): it gets a leading apostrophe, OWASP's
/// rule. Then RFC 4180 quoting. Numbers the platform writes itself do not go through here.
/// </summary>
public static class CsvCell
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\n', '\r'];

    public static string Text(string value)
    {
        if (value.Length > 0 && Array.IndexOf(FormulaStarts, value[0]) >= 0)
            value = "'" + value;
        return value.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
