namespace Eval.Data.Entities;

public static class ModelSources
{
    public const string Reference = "reference";
    public const string Upload = "upload";
}
