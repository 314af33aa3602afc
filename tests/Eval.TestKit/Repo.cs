using Eval.Core.Paths;

namespace Eval.TestKit;

/// <summary>Paths inside this checkout: tests read the repository's own copies of models and data, nothing beside it.</summary>
public static class Repo
{
    public static string Root { get; } = RepositoryPaths.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("tests must run from inside the checkout (Eval.sln not found above " + AppContext.BaseDirectory + ")");

    public static readonly string[] ReferenceModels =
        ["gpt-nano-bpe4k", "gpt-mini-bpe8k", "gpt-mini-bpe8k-early", "llama-mini-bpe8k", "byte-gpt-mini"];

    /// <summary>The masked LM among the reference models; not in <see cref="ReferenceModels"/>, which lists the decoders.</summary>
    public const string ReferenceEncoder = "bert-mini-bpe8k";

    /// <summary>Every folder of models/reference: the decoders and the encoder, all registered at start.</summary>
    public static IReadOnlyList<string> AllReferenceModels => [.. ReferenceModels, ReferenceEncoder];

    public static string ReferenceModel(string name) => Path.Combine(Root, "models", "reference", name);

    /// <summary>Other export forms of gpt-nano-bpe4k (models/variants): its expected.json applies to each.</summary>
    public static readonly string[] Variants =
        ["gpt-nano-bpe4k-nopast", "gpt-nano-bpe4k-no-position-ids", "gpt-nano-bpe4k-external-data"];

    public static string Variant(string name) => Path.Combine(Root, "models", "variants", name);

    public static string Scenarios => Path.Combine(Root, "scenarios");
}
