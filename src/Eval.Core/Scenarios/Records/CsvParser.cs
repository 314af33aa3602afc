using System.Text;

namespace Eval.Core.Scenarios.Records;

/// <summary>
/// RFC 4180: fields separated by a delimiter, optionally quoted; inside quotes the delimiter and line breaks are
/// text and "" is one quote. CrowS-Pairs and TruthfulQA need it (quoted fields with commas). TSV files here are
/// unquoted, so the tab form takes quotes literally.
/// </summary>
public static class CsvParser
{
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text, char delimiter = ',', bool quoted = true)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldStarted = false;

        void EndField()
        {
            row.Add(field.ToString());
            field.Clear();
            fieldStarted = false;
        }

        void EndRow()
        {
            EndField();
            // A blank line is no record.
            if (row.Count > 1 || row[0].Length > 0)
                rows.Add(row);
            row = [];
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                    inQuotes = false;
            }
            else if (c == '"' && quoted && !fieldStarted)
            {
                inQuotes = true;
                fieldStarted = true;
            }
            else if (c == delimiter)
                EndField();
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                continue;
            else if (c == '\n' || c == '\r')
                EndRow();
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }
        if (inQuotes)
            throw new FormatException("a quoted field is not closed before the end of the file");
        if (field.Length > 0 || row.Count > 0)
            EndRow();
        return rows;
    }
}
