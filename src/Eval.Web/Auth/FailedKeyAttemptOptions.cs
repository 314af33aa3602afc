namespace Eval.Web.Auth;

/// <summary>Eval:Auth:FailedKeyAttempts: after PermitLimit wrong keys from one address within WindowSeconds, its key attempts are 429.</summary>
public sealed class FailedKeyAttemptOptions
{
    public int PermitLimit { get; set; } = 10;

    public int WindowSeconds { get; set; } = 60;
}
