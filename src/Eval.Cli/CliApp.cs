namespace Eval.Cli;

/// <summary>
/// Dispatches the command (evaluate, upload) and maps failures to CONTRACTS.md's exit codes: 2 usage (and a server's
/// 4xx refusal of an upload), 1 anything else.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadUsage = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            if (args.Length > 0 && args[0] == "upload")
                return await UploadCommand.RunAsync(UploadArguments.Parse(args[1..], Environment.GetEnvironmentVariable(UploadArguments.ApiKeyVariable)),
                    stdout, stderr, cancellationToken);
            if (args.Length == 0 || args[0] != "evaluate")
                throw new UsageException((args.Length == 0 ? "no command" : $"unknown command '{args[0]}'") + $"; {EvaluateArguments.Usage} | {UploadArguments.Usage}");
            var arguments = EvaluateArguments.Parse(args[1..]);
            return arguments.Reproduce is not null
                ? await ReproduceCommand.RunAsync(arguments, stdout, stderr, cancellationToken)
                : await EvaluateCommand.RunAsync(arguments, stdout, stderr, cancellationToken);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return BadUsage;
        }
        catch (ServerFailureException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Failure;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: cancelled");
            return Failure;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            return Failure;
        }
    }
}
