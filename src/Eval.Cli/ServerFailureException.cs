namespace Eval.Cli;

/// <summary>The server could not be reached or failed (not a 4xx refusal): exit code 1 with one line.</summary>
public sealed class ServerFailureException(string message) : Exception(message);
