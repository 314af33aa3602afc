using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Eval.Web.Auth;

/// <summary>
/// Checks presented keys against the configured hashes: the key is hashed (SHA-256, lower-case hex) and compared
/// in constant time with every entry. Keys are long random tokens, so an unsalted hash is enough to keep the
/// configuration free of usable secrets. EVAL_API_KEY, if set, adds one admin key named after the variable.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly IReadOnlyList<ApiKeyEntry> entries;

    public ApiKeyStore(IOptions<AuthOptions> options, IConfiguration configuration)
    {
        var list = options.Value.ApiKeys.Select(k => new ApiKeyEntry { Name = k.Name, Sha256 = k.Sha256.Trim().ToLowerInvariant(), Role = k.Role }).ToList();
        if (configuration[AuthOptions.EnvironmentKey] is { Length: > 0 } local)
            list.Add(new ApiKeyEntry { Name = AuthOptions.EnvironmentKey, Sha256 = Hash(local), Role = ApiKeyRoles.Admin });
        entries = list;
    }

    public int Count => entries.Count;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public ApiKeyEntry? Find(string? key)
    {
        if (string.IsNullOrEmpty(key))
            return null;
        var presented = Encoding.ASCII.GetBytes(Hash(key));
        ApiKeyEntry? match = null;
        // Every entry is compared, so the time taken does not say which one matched.
        foreach (var entry in entries)
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(entry.Sha256)))
                match ??= entry;
        return match;
    }

    /// <summary>Configuration errors, for ValidateOnStart: each key needs a name, a 64-hex-digit hash and a known role.</summary>
    public static IEnumerable<string> Problems(AuthOptions options)
    {
        foreach (var (key, i) in options.ApiKeys.Select((k, i) => (k, i)))
        {
            if (string.IsNullOrWhiteSpace(key.Name))
                yield return $"Eval:Auth:ApiKeys:{i}: Name is empty";
            if (key.Sha256.Trim().Length != 64 || !key.Sha256.Trim().All(char.IsAsciiHexDigit))
                yield return $"Eval:Auth:ApiKeys:{i} ({key.Name}): Sha256 must be the 64 hex digits of the key's SHA-256, not the key";
            if (!ApiKeyRoles.IsKnown(key.Role))
                yield return $"Eval:Auth:ApiKeys:{i} ({key.Name}): Role must be {ApiKeyRoles.User} or {ApiKeyRoles.Admin}";
        }
    }
}
