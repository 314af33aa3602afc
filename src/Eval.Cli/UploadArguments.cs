namespace Eval.Cli;

/// <summary>
/// The `upload` command's arguments (CONTRACTS.md, command line). Values are passed to the server as given: it judges
/// names, suites, groups, families and positions (its problem codes are the contract), the command line only the form.
/// </summary>
public sealed record UploadArguments(
    Uri Server,
    string Model,
    string? Graph,
    string ApiKey,
    bool Wait,
    IReadOnlyList<(string Field, string Value)> Fields)
{
    public const string DefaultServer = "http://127.0.0.1:5000";

    /// <summary>The variable holding the API key (the one the server also reads as its admin key).</summary>
    public const string ApiKeyVariable = "EVAL_API_KEY";

    public const string Usage =
        "usage: upload [--server URL] --model <model folder> [--graph <relative .onnx path>] [--name N] [--description D] " +
        "[--suite quick|full] [--groups g1,g2] [--kind auto|causal|masked] [--queue cpu|cuda] " +
        "[--family F (--checkpoint-tokens N | --checkpoint-words N | --checkpoint-step N)] [--api-key-file FILE] [--wait] " +
        $"(the key from {ApiKeyVariable} or --api-key-file)";

    /// <summary>Options passed to the API as text fields, by the field name it reads.</summary>
    private static readonly IReadOnlyDictionary<string, string> TextFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--name"] = "name", ["--description"] = "description", ["--suite"] = "suite", ["--groups"] = "groups",
        ["--kind"] = "kind", ["--queue"] = "queue", ["--family"] = "family",
        ["--checkpoint-tokens"] = "checkpoint_tokens", ["--checkpoint-words"] = "checkpoint_words", ["--checkpoint-step"] = "checkpoint_step",
    };

    private static readonly HashSet<string> Known = ["--server", "--model", "--graph", "--api-key-file", .. TextFields.Keys];

    private const string WaitFlag = "--wait";

    /// <param name="environmentKey">The value of EVAL_API_KEY (null when unset).</param>
    public static UploadArguments Parse(IReadOnlyList<string> args, string? environmentKey)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var wait = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == WaitFlag)
            {
                if (wait)
                    throw new UsageException($"{WaitFlag} is given twice");
                wait = true;
                continue;
            }
            if (!name.StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"unexpected argument '{name}'; {Usage}");
            if (!Known.Contains(name))
                throw new UsageException($"unknown option {name}; {Usage}");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"{name} needs a value; {Usage}");
            if (!values.TryAdd(name, args[++i]))
                throw new UsageException($"{name} is given twice");
        }

        var server = values.GetValueOrDefault("--server", DefaultServer);
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new UsageException($"--server must be an http or https address such as {DefaultServer}, not '{server}'");
        // A server under a path (https://host/eval) keeps it: api/models resolves below it.
        if (!uri.AbsolutePath.EndsWith('/'))
            uri = new Uri(uri.AbsoluteUri + "/");
        var model = values.TryGetValue("--model", out var m) ? m : throw new UsageException($"--model is required; {Usage}");
        var fields = TextFields.Where(f => values.ContainsKey(f.Key)).Select(f => (f.Value, values[f.Key])).ToList();
        return new UploadArguments(uri, model, values.GetValueOrDefault("--graph"), Key(values.GetValueOrDefault("--api-key-file"), environmentKey), wait, fields);
    }

    /// <summary>Writes need a key: from the file when one is named, else the environment; none at all is a usage error.</summary>
    private static string Key(string? file, string? environmentKey)
    {
        if (file is not null)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read the API key file {file}: {e.Message}");
            }
            return text.Trim() is { Length: > 0 } key ? key : throw new UsageException($"the API key file {file} is empty");
        }
        if (!string.IsNullOrWhiteSpace(environmentKey))
            return environmentKey.Trim();
        throw new UsageException($"an API key is needed to upload: set {ApiKeyVariable} or give --api-key-file FILE");
    }
}
