using Eval.Core.Scenarios;

namespace Eval.Core.Tests.Scenarios;

/// <summary>CONTRACTS.md's seeded sample: per subset, the first N by lower-case hex SHA-256 of "&lt;seed&gt;:&lt;instance id&gt;".</summary>
public sealed class InstanceSamplerTests
{
    private static Instance Make(string id, string? subset = "s") => new(id, "", [new Reference("x", true)], subset);

    [Fact]
    public void SortKey_IsLowerCaseHexSha256OfSeedColonId()
    {
        // sha256("0:adjunct_island-0"), computed independently (Python hashlib).
        Assert.Equal("0cf7ced61488aa24cb5d1021b03d37cbca4ed2632ee06cb33d42090d42aa8d53", InstanceSampler.SortKey(0, "adjunct_island-0"));
    }

    [Fact]
    public void Sample_TakesTheLowestKeysInKeyOrder_WithSeed0()
    {
        // Keys for seed 0: d 7d98..., a 9df3..., c be08..., b e021..., e e078...
        var instances = new[] { "a", "b", "c", "d", "e" }.Select(id => Make(id)).ToList();

        var sample = InstanceSampler.Sample(instances, 2, 0);

        Assert.Equal(["d", "a"], sample.Select(i => i.Id));
    }

    [Fact]
    public void Sample_FollowsTheSeed()
    {
        // Keys for seed 7: c 18ec..., e 3da2..., a 82d9..., d d3a3..., b ec2a...
        var instances = new[] { "a", "b", "c", "d", "e" }.Select(id => Make(id)).ToList();

        var sample = InstanceSampler.Sample(instances, 3, 7);

        Assert.Equal(["c", "e", "a"], sample.Select(i => i.Id));
    }

    [Fact]
    public void Sample_TakesNFromEverySubset()
    {
        var instances = new[] { "a", "b", "c" }.Select(id => Make(id, "x")).Concat(new[] { "d", "e" }.Select(id => Make(id, "y"))).ToList();

        var sample = InstanceSampler.Sample(instances, 1, 0);

        Assert.Equal(["a", "d"], sample.Select(i => i.Id));
    }

    [Fact]
    public void Sample_ReturnsEverything_WithoutALimit()
    {
        var instances = new[] { "a", "b" }.Select(id => Make(id)).ToList();

        Assert.Same(instances, InstanceSampler.Sample(instances, null, 0));
    }
}
