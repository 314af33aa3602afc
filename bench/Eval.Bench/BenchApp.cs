namespace Eval.Bench;

/// <summary>Benchmark commands; exit codes as the CLI's: 0 done, 2 bad arguments, 1 anything else.</summary>
public static class BenchApp
{
    public const string Usage = """
        usage: dotnet run --project bench/Eval.Bench -c Release -- blimp --model <model folder> [--limit N]
                   [--peer-batch 64] [--no-peer] [--device auto|cpu|cuda] [--max-batch-tokens auto|N]
                   [--max-batch-size N] [--no-share-prefixes] [--no-score-in-graph] [--threads N]
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        BlimpArguments parsed;
        try
        {
            if (args.Length == 0 || args[0] != "blimp")
                throw new ArgumentException("the only command is 'blimp'");
            parsed = BlimpArguments.Parse(args[1..]);
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync(e.Message);
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            return await BlimpBenchmark.RunAsync(parsed, stdout, stderr);
        }
        catch (Exception e) when (e is Eval.Inference.Onnx.ModelPackageException or Eval.Inference.Onnx.CudaUnavailableException)
        {
            await stderr.WriteLineAsync(e.Message);
            return 2;
        }
        catch (InvalidOperationException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
