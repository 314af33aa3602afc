using System.Security.Cryptography;
using System.Text;

namespace Eval.Core.Scenarios;

/// <summary>
/// CONTRACTS.md's seeded sample: per subset, order instances by hex SHA-256 of "&lt;seed&gt;:&lt;instance id&gt;" and
/// take the first N, so every machine and run picks the same instances.
/// </summary>
public static class InstanceSampler
{
    public static IReadOnlyList<Instance> Sample(IReadOnlyList<Instance> instances, int? perSubset, int seed)
    {
        if (perSubset is not { } n)
            return instances;
        return instances
            .GroupBy(i => i.Subset ?? "")
            .SelectMany(g => g.OrderBy(i => SortKey(seed, i.Id), StringComparer.Ordinal).Take(n))
            .ToList();
    }

    public static string SortKey(int seed, string instanceId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{instanceId}")));
}
