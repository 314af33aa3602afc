using Eval.Inference.Onnx.Validation;

namespace Eval.Web.Api;

/// <summary>RFC 7807 problem details with CONTRACTS.md's stable `code`.</summary>
public static class ApiProblems
{
    public static IResult NotFound(string detail) => Problem(404, "Not found", detail, ProblemCodes.NotFound);

    public static IResult Conflict(string detail) => Problem(409, "Conflict", detail, ProblemCodes.Conflict);

    public static IResult Problem(int status, string title, string detail, string code) =>
        Results.Problem(statusCode: status, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>A refused upload: the status and title its code stands for (<see cref="ProblemCodes"/>), the reason as detail.</summary>
    public static IResult From(ModelValidationException e)
    {
        var (status, title) = ProblemCodes.Describe(e.Code);
        return Problem(status, title, e.Message, e.Code);
    }
}
