using System.Security.Cryptography;
using System.Text;

namespace Eval.Core.Scenarios.Perturbations;

/// <summary>
/// What a perturbation keeps while it rewrites one instance: a generator seeded by SHA-256 of
/// "&lt;perturbation&gt;:&lt;instance id&gt;" and the substitutions chosen so far, so a name replaced in the input is
/// replaced the same way in the references.
/// </summary>
public sealed class PerturbationState(string perturbation, string instanceId)
{
    public Random Random { get; } = new(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{perturbation}:{instanceId}")), 0));

    public Dictionary<string, string> Substitutions { get; } = new(StringComparer.OrdinalIgnoreCase);
}
