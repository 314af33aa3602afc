namespace Eval.Web.Api;

/// <summary>RFC 7807 problem details with CONTRACTS.md's stable `code`.</summary>
public static class ApiProblems
{
    public static IResult NotFound(string detail) => Problem(404, "Not found", detail, "not_found");

    public static IResult Problem(int status, string title, string detail, string code) =>
        Results.Problem(statusCode: status, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = code });
}
