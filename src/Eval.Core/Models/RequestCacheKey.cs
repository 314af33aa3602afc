using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Eval.Core.Models;

/// <summary>
/// The key of a cached result: lower-case hex SHA-256 over the model's identity (model and tokenizer SHA-256, and the
/// bos/eos ids and context length, which config.json can change under the same files), the
/// request kind, the request's content and its decoding parameters, each field length-prefixed so that no two
/// different requests can write the same bytes. <see cref="Version"/> changes when the engine's results change.
/// </summary>
public static class RequestCacheKey
{
    /// <summary>2: a decoder's requests are tokenized without the tokenizer's post-processor (no second BOS).</summary>
    public const int Version = 2;
    public const string LogLikelihoodKind = "loglikelihood";
    public const string RollingKind = "loglikelihood_rolling";
    public const string GenerationKind = "generate";

    public static string ModelIdentity(ModelInfo info) =>
        $"{info.Sha256}:{info.TokenizerSha256}:bos={info.BosTokenId},eos={info.EosTokenId},context={info.ContextLength}";

    /// <remarks>The scoring variant is a decoding parameter: a masked LM scores pll and pll_word_l2r differently.</remarks>
    public static string For(ModelInfo model, LogLikelihoodRequest request) =>
        Compute(ModelIdentity(model), LogLikelihoodKind, request.Context, request.Continuation, request.Variant.ToString());

    public static string For(ModelInfo model, LogLikelihoodRollingRequest request) =>
        Compute(ModelIdentity(model), RollingKind, request.Text);

    public static string For(ModelInfo model, GenerationRequest request)
    {
        var stops = request.StopSequences ?? [];
        string[] fields =
        [
            request.Context,
            request.MaxTokens.ToString(CultureInfo.InvariantCulture),
            request.Temperature.ToString("R", CultureInfo.InvariantCulture),
            request.TopP.ToString("R", CultureInfo.InvariantCulture),
            request.Seed.ToString(CultureInfo.InvariantCulture),
            request.IgnoreEos ? "ignore_eos" : "stop_at_eos",
            stops.Count.ToString(CultureInfo.InvariantCulture),
            .. stops,
        ];
        // Only a token-id prompt adds a field, so the keys of text prompts stay what they were.
        if (request.PromptTokenIds is { } ids)
            fields = [.. fields, "ids:" + string.Join(',', ids)];
        return Compute(ModelIdentity(model), GenerationKind, fields);
    }

    public static string Compute(string modelIdentity, string kind, params string[] fields)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Field(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            hash.AppendData(BitConverter.GetBytes((long)bytes.Length));
            hash.AppendData(bytes);
        }

        Field(Version.ToString(CultureInfo.InvariantCulture));
        Field(modelIdentity);
        Field(kind);
        foreach (var field in fields)
            Field(field);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
