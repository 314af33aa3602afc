namespace Eval.Core.Scenarios.CrowsPairs;

/// <summary>Which reference of a pair is the more stereotypical sentence (marked correct) and which the less.</summary>
public static class CrowsPair
{
    public static (int More, int Less) Sentences(Instance instance)
    {
        if (instance.References.Count != 2)
            throw new ArgumentException($"instance {instance.Id} is not a pair", nameof(instance));
        return instance.References[0].IsCorrect ? (0, 1) : (1, 0);
    }
}
