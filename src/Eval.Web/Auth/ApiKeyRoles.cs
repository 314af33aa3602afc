namespace Eval.Web.Auth;

/// <summary>An API key's role: a user may upload, evaluate, cancel and retry; an admin may also delete.</summary>
public static class ApiKeyRoles
{
    public const string User = "user";
    public const string Admin = "admin";

    public static bool IsKnown(string? role) => role is User or Admin;
}
