using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Eval.Data.Exports;

/// <summary>responses.jsonl: one JSON object per request, written as rows arrive.</summary>
public static class ResponseJsonlWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(IAsyncEnumerable<ResponseRow> rows, Stream output, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        await using var json = new Utf8JsonWriter(buffer, Options);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            json.Reset();
            json.WriteStartObject();
            json.WriteNumber("run_id", row.RunId);
            json.WriteString("instance_id", row.InstanceId);
            json.WriteString("subset", row.Subset);
            json.WriteNumber("request_index", row.RequestIndex);
            json.WriteString("prompt", row.Prompt);
            json.WriteString("continuation", row.Continuation);
            json.WriteNumber("log_prob", row.LogProb);
            json.WriteNumber("token_count", row.TokenCount);
            json.WriteBoolean("is_greedy", row.IsGreedy);
            json.WriteStartObject("stats");
            foreach (var (metric, value) in row.Stats)
                json.WriteNumber(metric, value);
            json.WriteEndObject();
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
            buffer.Write("\n"u8);
            if (buffer.WrittenCount > 1 << 15)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }
}
