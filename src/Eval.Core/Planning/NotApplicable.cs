namespace Eval.Core.Planning;

/// <summary>Which rule says a scenario does not apply to a model (or to the asked spec).</summary>
public enum NotApplicable
{
    /// <summary>Applicable: there is a plan.</summary>
    None,

    /// <summary>The scenario's adapter needs what the model's kind lacks (a masked LM cannot generate or continue text).</summary>
    ModelKind,

    /// <summary>The asked convention is not one of the scenario's.</summary>
    UnknownConvention,

    /// <summary>The asked convention is for the other kind of model (pll for a decoder, eot_space for a masked LM).</summary>
    ConventionForOtherKind,

    /// <summary>The adapter accepts the model's kind, but none of the scenario's conventions suits it.</summary>
    NoConventionForKind,
}
