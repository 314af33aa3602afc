namespace Eval.Cli;

/// <summary>Bad arguments, an unreadable model folder or an unknown scenario, a server's 4xx refusal: exit code 2 with one line.</summary>
public sealed class UsageException(string message) : Exception(message);
