using System.Globalization;
using System.Text;

namespace Eval.Data.Exports;

/// <summary>
/// responses.csv: the same rows as the JSONL, one column per instance metric (stat_&lt;metric&gt;); text cells are
/// neutralised against formula injection (<see cref="CsvCell"/>), the JSONL keeps them exact.
/// </summary>
public static class ResponseCsvWriter
{
    public static async Task WriteAsync(IAsyncEnumerable<ResponseRow> rows, IReadOnlyList<string> metrics, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',',
            new[] { "run_id", "instance_id", "subset", "request_index", "prompt", "continuation", "log_prob", "token_count", "is_greedy" }
                .Concat(metrics.Select(m => "stat_" + m))));
        var line = new StringBuilder();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            line.Append(row.RunId).Append(',').Append(Quote(row.InstanceId)).Append(',').Append(Quote(row.Subset ?? "")).Append(',')
                .Append(row.RequestIndex).Append(',').Append(Quote(row.Prompt)).Append(',').Append(Quote(row.Continuation)).Append(',')
                .Append(row.LogProb.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(row.TokenCount).Append(',')
                .Append(row.IsGreedy ? "true" : "false");
            foreach (var metric in metrics)
                line.Append(',').Append(row.Stats.TryGetValue(metric, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : "");
            await writer.WriteLineAsync(line, cancellationToken);
        }
    }

    public static string Quote(string value) => CsvCell.Text(value);
}
