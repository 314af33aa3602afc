namespace Eval.Web.Auth;

/// <summary>One configured key: a name (shown as the uploader), the lower-case hex SHA-256 of the key (never the key), its role.</summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public string Role { get; set; } = ApiKeyRoles.User;
}
