namespace Eval.Data.Entities;

/// <summary>
/// One computed model request: KeyHash is <see cref="Core.Models.RequestCacheKey"/> (SHA-256 over the model's and
/// tokenizer's SHA-256, the request kind, its content and its decoding parameters), ResultJson the result as JSON.
/// </summary>
public sealed class RequestCacheEntry
{
    public long Id { get; set; }
    public required string KeyHash { get; set; }
    public required string ResultJson { get; set; }
    public DateTime CreatedAt { get; set; }
}
