using System.Text.RegularExpressions;
using Eval.Core.Models;
using Eval.Core.Scenarios;
using Eval.TestKit;

namespace Eval.Core.Tests.Scenarios;

/// <summary>What each adapter is lives in AdapterKind, and no layer above Eval.Core decides it again from the adapter's name.</summary>
public sealed class AdapterKindTests
{
    [Fact]
    public void EveryAdapterId_HasAKind_WithItsConventions()
    {
        Assert.Equal(KnownAdapters.Conventions.Keys.Order(StringComparer.Ordinal), AdapterKind.All.Select(k => k.Id).Order(StringComparer.Ordinal));
        Assert.Equal("eot_space", AdapterKind.MinimalPair.Conventions[0]);
    }

    [Theory]
    [InlineData("minimal_pair", true, true, false, 2)]
    [InlineData("multiple_choice_separate", false, true, false, 2)]
    [InlineData("generation", false, true, true, 1)]
    [InlineData("efficiency", false, false, false, 1)]
    public void Kind_SaysWhatTheAdapterAccepts_CachesAndCaps(string id, bool masked, bool cacheable, bool caps, int requests)
    {
        var kind = AdapterKind.Of(id);
        var instance = new Instance("i", "input", [new Reference("a", true), new Reference("b", false)], null);

        Assert.Equal(masked, kind.Accepts(ModelKind.Masked));
        Assert.True(kind.Accepts(ModelKind.Causal));
        Assert.Equal(cacheable, kind.Cacheable);
        Assert.Equal(caps, kind.CapsQuickSample);
        Assert.Equal(requests, kind.RequestsPerInstance(instance));
    }

    [Fact]
    public void NoLayerAboveCore_ComparesAdapterNames()
    {
        // scenario.Adapter == KnownAdapters.X decides again what the AdapterKind already says.
        var pattern = new Regex(@"\.Adapter\s*[!=]=|KnownAdapters\.(MinimalPair|MultipleChoiceSeparate|Generation|Efficiency)\b");
        var offenders = new[] { "Eval.Data", "Eval.Jobs", "Eval.Web", "Eval.Cli", "Eval.Worker" }
            .Select(p => Path.Combine(Repo.Root, "src", p))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => pattern.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Repo.Root, f))
            .ToList();

        Assert.Empty(offenders);
    }
}
