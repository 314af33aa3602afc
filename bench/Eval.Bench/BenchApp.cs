namespace Eval.Bench;

/// <summary>Benchmark commands; exit codes as the CLI's: 0 done, 2 bad arguments, 1 anything else.</summary>
public static class BenchApp
{
    public const string Usage = """
        usage: dotnet run --project bench/Eval.Bench -c Release -- blimp --model <model folder> [--limit N]
                   [--peer-batch 64] [--no-peer] [--device auto|cpu|cuda] [--max-batch-tokens auto|N]
                   [--max-batch-size N] [--no-share-prefixes] [--no-score-in-graph] [--threads N]
               dotnet run --project bench/Eval.Bench -c Release -- pll --model <masked model folder> [--limit N]
                   [--peer-batch 16] [--no-peer] [--device ...] [--max-batch-tokens auto|N] [--max-batch-size N]
                   [--no-score-in-graph] [--threads N]
               dotnet run --project bench/Eval.Bench -c Release -- generate --model <causal model folder> [--limit 100]
                   [--batch-size N] [--no-peer] [--device auto|cpu|cuda] [--threads N]
               dotnet run --project bench/Eval.Bench -c Release -- suite [--data <empty folder>] [--keep] [--models a,b]
                   [--timeout-minutes 60] [--set Eval:Section:Key=value ...]
               dotnet run --project bench/Eval.Bench -c Release -- sizes [--limit 300] [--sizes 3m,30m,124m] [--models <folder to keep>]
                   [--peer-batch 64] [--no-peer] [--device ...] [--max-batch-tokens auto|N] [--max-batch-size N]
                   [--no-share-prefixes] [--no-score-in-graph] [--threads N]
        """;

    // Sentences per peer batch: the decoder peer's 64; the masked peer's batch also holds every masked copy of each.
    private const int BlimpPeerBatch = 64;
    private const int PllPeerBatch = 16;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        BlimpArguments? parsed = null;
        GenerateArguments? generate = null;
        SuiteArguments? suite = null;
        SizesArguments? sizes = null;
        try
        {
            if (args.Length == 0 || args[0] is not ("blimp" or "pll" or "generate" or "suite" or "sizes"))
                throw new ArgumentException("the commands are 'blimp', 'pll', 'generate', 'suite' and 'sizes'");
            if (args[0] == "suite")
                suite = SuiteArguments.Parse(args[1..]);
            else if (args[0] == "sizes")
                sizes = SizesArguments.Parse(args[1..], BlimpPeerBatch);
            else if (args[0] == "generate")
                generate = GenerateArguments.Parse(args[1..]);
            else
                parsed = BlimpArguments.Parse(args[1..], args[0] == "pll" ? PllPeerBatch : BlimpPeerBatch);
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync(e.Message);
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            if (suite is not null)
                return await SuiteBenchmark.RunAsync(suite, stdout, stderr);
            if (generate is not null)
                return await GenerateBenchmark.RunAsync(generate, stdout, stderr);
            if (sizes is not null)
                return await SizesBenchmark.RunAsync(sizes, stdout, stderr);
            return args[0] == "pll"
                ? await PllBenchmark.RunAsync(parsed!, stdout, stderr)
                : await BlimpBenchmark.RunAsync(parsed!, stdout, stderr);
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
