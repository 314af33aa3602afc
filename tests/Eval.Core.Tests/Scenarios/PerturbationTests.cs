using Eval.Core.Scenarios;
using Eval.Core.Scenarios.Perturbations;

namespace Eval.Core.Tests.Scenarios;

/// <summary>HELM-style counterfactual perturbations on fixed sentences.</summary>
public sealed class PerturbationTests
{
    private static string Perturb(string name, string text, string instanceId = "i1") =>
        KnownPerturbations.All[name]().Apply(text, new PerturbationState(name, instanceId));

    [Fact]
    public void GenderPronouns_SwapMaleForFemale_KeepingCase()
    {
        Assert.Equal("She said her cat likes her. HERSELF!", Perturb("gender_pronouns", "He said his cat likes him. HIMSELF!"));
    }

    [Fact]
    public void GenderTerms_SwapMaleTermsForFemale()
    {
        Assert.Equal("The queen asked her daughter and the waitress.", Perturb("gender_terms", "The king asked her son and the waiter."));
    }

    [Fact]
    public void GenderTerms_LeaveFemaleAndNeutralWordsAlone()
    {
        Assert.Equal("The mother asked the person.", Perturb("gender_terms", "The mother asked the person."));
    }

    [Fact]
    public void Surnames_ReplaceAWhiteSurname_TheSameWayWithinAnInstance_AndReproducibly()
    {
        var state = new PerturbationState("surnames", "q7");
        var perturbation = KnownPerturbations.All["surnames"]();

        var question = perturbation.Apply("Did Mr. Johnson meet Ms. Lee?", state);
        var answer = perturbation.Apply("Yes, JOHNSON did.", state);

        var replaced = question.Split(' ')[2];
        Assert.NotEqual("Johnson", replaced);
        Assert.Equal($"Did Mr. {replaced} meet Ms. Lee?", question);
        Assert.Equal($"Yes, {replaced.ToUpperInvariant()} did.", answer);
        Assert.Equal(question, Perturb("surnames", "Did Mr. Johnson meet Ms. Lee?", "q7"));
    }

    [Fact]
    public void Apply_RewritesInputAndReferences_ButNotThePreamble()
    {
        var instance = new Instance("q1", "He is a king.\n\nQ: Is he a father?\nA:", [new Reference("Yes, he is.", true), new Reference("No.", false)], null);

        var perturbed = KnownPerturbations.Apply(KnownPerturbations.All["gender_pronouns"](), instance, "He is a king.\n\n");

        Assert.NotNull(perturbed);
        Assert.Equal("q1~gender_pronouns", perturbed.Id);
        Assert.Equal("He is a king.\n\nQ: Is she a father?\nA:", perturbed.Input);
        Assert.Equal("Yes, she is.", perturbed.References[0].Text);
    }

    [Fact]
    public void Apply_GivesNull_WhenNothingChanges()
    {
        var instance = new Instance("q1", "Q: Is it raining?\nA:", [new Reference("Yes.", true)], null);

        Assert.Null(KnownPerturbations.Apply(KnownPerturbations.All["gender_terms"](), instance, ""));
    }
}
