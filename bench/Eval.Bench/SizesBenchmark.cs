using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Eval.Core.Adapters;
using Eval.Core.Paths;
using Eval.Core.Scenarios;
using Eval.Inference.Onnx;
using Eval.Inference.Onnx.Graph;

namespace Eval.Bench;

/// <summary>
/// Cost growth with model size: random-weight GPT-2-style models of ~3M, ~30M and ~124M parameters built by
/// bench/peer/make_size_models.py (PyTorch, the reference models' export path, gpt-mini's tokenizer), each scored on
/// the first N BLiMP pairs (eot_space) by the platform's scorer and by the PyTorch peer in the same run, with both
/// processes' memory; the sizes line last.
/// </summary>
public static partial class SizesBenchmark
{
    public const string BuildScript = "make_size_models.py";
    public const string TokenizerModel = "models/reference/gpt-mini-bpe8k";

    public static async Task<int> RunAsync(SizesArguments args, TextWriter stdout, TextWriter stderr)
    {
        var root = RepositoryPaths.FindRepositoryRoot() ?? RepositoryPaths.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("run from inside the checkout (Eval.sln not found)");
        var temporary = args.ModelsDirectory is null;
        var models = Path.GetFullPath(args.ModelsDirectory ?? Path.Combine(Path.GetTempPath(), $"eval-sizes-{Environment.ProcessId}"));
        try
        {
            var missing = args.Sizes.Where(s => !File.Exists(Path.Combine(models, s, ModelPackage.ModelFile))).ToList();
            if (missing.Count > 0)
            {
                await stderr.WriteLineAsync($"building {string.Join(", ", missing)} into {models} ...");
                var built = await PeerRunner.RunScriptAsync(root, BuildScript,
                    [models, Path.Combine(root, TokenizerModel), "--sizes", string.Join(',', missing)]);
                await stdout.WriteAsync(built);
            }

            var instances = InstanceReader.Read(ScenarioLoader.Load(Path.Combine(root, "scenarios", "blimp"))).Take(args.Limit).ToList();
            var requests = instances.SelectMany(new MinimalPairAdapter(MinimalPairConventions.EotSpace).BuildRequests).ToList();
            var threads = args.Inference.IntraOpThreads > 0 ? args.Inference.IntraOpThreads : Environment.ProcessorCount;
            var flops = SgemmProbe.Measure(threads);
            await stdout.WriteLineAsync($"sgemm {SgemmProbe.Size}^3 fp32 via ONNX Runtime MatMul (MLAS), {threads} threads: {SignificantDigits.Format(flops / 1e9)} GFLOP/s");
            await stdout.WriteLineAsync("memory: VmRSS of each process before its model loads, VmHWM (peak resident) over loading and scoring, " +
                "and VmHWM over scoring alone (the peak reset after loading: /proc/self/clear_refs); the platform's own process, the peer's python3");

            var line = new StringBuilder("sizes pairs/s:");
            var minRatio = double.PositiveInfinity;
            foreach (var size in args.Sizes)
            {
                var directory = Path.Combine(models, size);
                var weights = MatMulWeightCounter.Count(OnnxModelFile.Read(Path.Combine(directory, ModelPackage.ModelFile)));
                var eval = Score(directory, args, requests, instances.Count);
                await stdout.WriteLineAsync($"{size}: {eval.Name}, {eval.Parameters:N0} parameters (W = {weights:N0} MatMul weights), vocabulary {eval.Vocab:N0}, " +
                    $"batch tokens {args.Inference.BatchTokens(eval.Vocab)} on {eval.Provider}");
                var bound = flops / (2.0 * weights * eval.TokensPerPair);
                await stdout.WriteLineAsync($"  eval: {instances.Count} pairs in {eval.Seconds:F1}s = {SignificantDigits.Format(eval.Rate)} pairs/s " +
                    $"({SignificantDigits.Format(eval.Rate / bound)} of the sgemm bound {SignificantDigits.Format(bound)}); accuracy {eval.Accuracy:F4}; " +
                    $"memory MiB: before load {ProcessMemory.Mib(eval.Memory.Before)}, peak {ProcessMemory.Mib(eval.Memory.Peak)}, scoring peak {ProcessMemory.Mib(eval.Memory.ScoringPeak)}");
                var tag = size.ToLowerInvariant();
                line.Append(CultureInfo.InvariantCulture, $" eval_{tag}={SignificantDigits.Format(eval.Rate)}");
                if (!args.RunPeer)
                    continue;
                await stderr.WriteLineAsync($"running the PyTorch peer on {size} ...");
                var peer = await PeerRunner.RunAsync(root, directory, Path.Combine(root, BlimpBenchmark.PeerIdsFile), args.PeerBatch, instances.Count,
                    TextWriter.Null, extraArgs: ["--memory"]);
                if (peer.Pairs != instances.Count)
                    throw new InvalidOperationException($"the peer scored {peer.Pairs} pairs, the platform {instances.Count}");
                var memory = PeerMemory().Match(peer.Line);
                await stdout.WriteLineAsync($"  peer: {instances.Count} pairs = {SignificantDigits.Format(peer.PairsPerSecond)} pairs/s " +
                    $"({SignificantDigits.Format(peer.PairsPerSecond / bound)} of the bound); accuracy {peer.Accuracy:F4}; memory MiB: " +
                    (memory.Success ? $"before load {memory.Groups["before"].Value}, peak {memory.Groups["peak"].Value}, scoring peak {memory.Groups["scoring"].Value}" : "not reported"));
                var ratio = eval.Rate / peer.PairsPerSecond;
                minRatio = Math.Min(minRatio, ratio);
                await stdout.WriteLineAsync($"  ratio {SignificantDigits.Format(ratio)}");
                line.Append(CultureInfo.InvariantCulture, $" peer_{tag}={SignificantDigits.Format(peer.PairsPerSecond)} ratio_{tag}={SignificantDigits.Format(ratio)}");
            }
            if (args.RunPeer)
                line.Append(CultureInfo.InvariantCulture, $" min_ratio={SignificantDigits.Format(minRatio)}");
            await stdout.WriteLineAsync(line.ToString());
            return 0;
        }
        finally
        {
            if (temporary && Directory.Exists(models))
                Directory.Delete(models, recursive: true);
        }
    }

    private sealed record EvalFigures(string Name, long Parameters, int Vocab, string Provider, double Seconds, double Rate,
        double Accuracy, double TokensPerPair, MemoryFigures Memory);

    private sealed record MemoryFigures(long Before, long Peak, long ScoringPeak);

    /// <summary>Loads the model and scores the pairs as the blimp command does; the peer's ids must be this model's.</summary>
    private static EvalFigures Score(string directory, SizesArguments args, IReadOnlyList<Eval.Core.Models.LogLikelihoodRequest> requests, int pairs)
    {
        // The previous model's buffers go first, so the peak and the baseline are this model's.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        ProcessMemory.ResetPeak();
        var before = ProcessMemory.ResidentBytes();
        using var model = OnnxLanguageModel.Load(directory, args.Inference);
        var loadPeak = ProcessMemory.PeakBytes();
        GC.Collect();
        ProcessMemory.ResetPeak();
        var clock = Stopwatch.StartNew();
        var results = model.LogLikelihoodAsync(requests).GetAwaiter().GetResult();
        var seconds = clock.Elapsed.TotalSeconds;
        var scoringPeak = ProcessMemory.PeakBytes();
        var correct = Enumerable.Range(0, pairs).Count(i => results[2 * i].LogProb > results[2 * i + 1].LogProb);
        var tokensPerPair = results.Sum(r => r.TokenCount + 1.0) / pairs;
        if (args.RunPeer)
            BlimpBenchmark.CheckSamePairs(model, requests, Path.Combine(RepositoryPaths.FindRepositoryRoot()!, BlimpBenchmark.PeerIdsFile), pairs);
        return new EvalFigures(model.Info.Name, model.Info.Parameters ?? 0, model.Info.VocabSize, model.Provider.Name, seconds, pairs / seconds,
            (double)correct / pairs, tokensPerPair, new MemoryFigures(before, Math.Max(loadPeak, scoringPeak), scoringPeak));
    }

    [GeneratedRegex(@"rss_before_load_mib=(?<before>[\d.]+) peak_mib=(?<peak>[\d.]+) scoring_peak_mib=(?<scoring>[\d.]+)")]
    private static partial Regex PeerMemory();
}
