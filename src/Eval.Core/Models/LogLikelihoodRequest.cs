namespace Eval.Core.Models;

public sealed record LogLikelihoodRequest(string Context, string Continuation);
