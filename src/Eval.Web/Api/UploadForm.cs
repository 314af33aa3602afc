using Eval.Inference.Onnx;
using Eval.Inference.Onnx.Validation;
using Eval.Jobs.Uploads;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Eval.Web.Api;

/// <summary>
/// Reads POST /api/models's multipart body section by section, streaming each file straight into the upload's
/// staging folder (never the whole body in memory, never ASP.NET's form buffering). Known fields only: any other
/// is unknown_field, naming it.
/// </summary>
public static class UploadForm
{
    public const string PackageField = "package";

    /// <summary>A file the graph keeps weights in, stored under the part's file name (repeat it for one file per tensor).</summary>
    public const string ExternalDataField = "external_data";

    /// <summary>File fields and the package file each one is stored as.</summary>
    public static readonly IReadOnlyDictionary<string, string> FileFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["model"] = ModelPackage.ModelFile,
        ["model_data"] = ModelPackage.ExternalDataFile,
        [ModelPackage.ExternalDataFile] = ModelPackage.ExternalDataFile,
        ["tokenizer"] = ModelPackage.TokenizerFile,
        ["config"] = ModelPackage.ConfigFile,
        ["tokenizer_config"] = ModelPackage.TokenizerConfigFile,
    };

    public static readonly IReadOnlyList<string> TextFields =
        ["name", "description", "suite", "groups", "kind", "queue", "graph", "family", .. Eval.Jobs.Families.CheckpointRules.Fields.Keys];

    private const int MaxTextBytes = 16 * 1024;
    private const int MaxBoundaryLength = 70;

    public static bool IsMultipart(HttpRequest request, out string boundary)
    {
        boundary = "";
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !string.Equals(type.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return false;
        boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value ?? "";
        return boundary.Length > 0;
    }

    /// <returns>The text fields by name; the files are in <paramref name="staging"/>.</returns>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(HttpRequest request, string boundary, UploadStaging staging,
        CancellationToken cancellationToken)
    {
        if (boundary.Length > MaxBoundaryLength)
            throw new ModelValidationException(ValidationCodes.FieldInvalid,
                $"the multipart boundary has {boundary.Length} characters; at most {MaxBoundaryLength} (RFC 2046)");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    throw new ModelValidationException(ValidationCodes.FieldInvalid, "every part needs a Content-Disposition: form-data header with a name");
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (FileFields.TryGetValue(name, out var file))
                    await staging.AddFileAsync(file, section.Body, cancellationToken);
                else if (name == PackageField)
                    await staging.AddZipAsync(section.Body, cancellationToken);
                else if (name == ExternalDataField)
                    await staging.AddExternalDataAsync(HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "", section.Body, cancellationToken);
                else if (TextFields.Contains(name))
                {
                    if (fields.ContainsKey(name))
                        throw new ModelValidationException(ValidationCodes.FieldInvalid, $"field '{EchoedText.Clip(name)}' was sent twice");
                    fields[name] = await ReadTextAsync(name, section.Body, cancellationToken);
                }
                else
                    throw new ModelValidationException(ValidationCodes.UnknownField,
                        $"unknown field '{EchoedText.Clip(name)}' (fields: {string.Join(", ", TextFields.Concat(FileFields.Keys).Append(PackageField).Append(ExternalDataField).Distinct())})");
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // IOException: the body ended before its closing boundary (garbage, or a client that went away).
            throw new ModelValidationException(ValidationCodes.FieldInvalid, $"the multipart body is malformed: {e.Message}", e);
        }
        return fields;
    }

    /// <summary>
    /// Reads and discards what is left of a refused request's body (up to a bound), so the client, still sending,
    /// receives the answer instead of a reset connection.
    /// </summary>
    public static async Task DrainAsync(HttpRequest request, long limit)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        try
        {
            int read;
            while (total < limit && (read = await request.Body.ReadAsync(buffer)) > 0)
                total += read;
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // The client went away: nothing to answer.
        }
    }

    private static async Task<string> ReadTextAsync(string name, Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, System.Text.Encoding.UTF8);
        var buffer = new char[MaxTextBytes + 1];
        var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        if (length > MaxTextBytes)
            throw new ModelValidationException(ValidationCodes.FieldInvalid, $"field '{name}' is longer than {MaxTextBytes} characters");
        return new string(buffer, 0, length);
    }
}
