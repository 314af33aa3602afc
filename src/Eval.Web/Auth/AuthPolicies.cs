namespace Eval.Web.Auth;

/// <summary>Authorization policies of the API: writers (any key) and admins.</summary>
public static class AuthPolicies
{
    public const string Writer = "writer";
    public const string Admin = "admin";
}
