namespace Eval.Core.Scenarios.Perturbations;

/// <summary>HELM's word lists (data/, Apache-2.0, see data/SOURCE.md), embedded so nothing is read from outside the build.</summary>
public static class PerturbationWords
{
    public static string Read(string fileName)
    {
        var assembly = typeof(PerturbationWords).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
