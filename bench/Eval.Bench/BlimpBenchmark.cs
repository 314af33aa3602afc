using System.Diagnostics;
using System.Globalization;
using Eval.Core.Adapters;
using Eval.Core.Models;
using Eval.Core.Paths;
using Eval.Core.Scenarios;
using Eval.Inference.Onnx;
using Eval.Inference.Onnx.Graph;

namespace Eval.Bench;

/// <summary>
/// The BLiMP throughput benchmark (CONTRACTS.md, "Benchmark line"): the platform's scorer and the PyTorch peer on
/// the same pairs (the first N in BLiMP file order, the order of the peer's file), sgemm FLOP/s and W in the same
/// run, and the benchmark line last.
/// </summary>
public static class BlimpBenchmark
{
    public const string PeerIdsFile = "bench/peer/data/blimp_ids_bpe8k_space.jsonl.gz";

    public static async Task<int> RunAsync(BlimpArguments args, TextWriter stdout, TextWriter stderr)
    {
        var root = RepositoryPaths.FindRepositoryRoot() ?? RepositoryPaths.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("run from inside the checkout (Eval.sln not found)");
        var modelDirectory = Path.GetFullPath(args.Model);
        var scenario = ScenarioLoader.Load(Path.Combine(root, "scenarios", "blimp"));
        // InstanceReader reads the data files in ordinal name order, line by line: the order of the peer's file.
        var instances = InstanceReader.Read(scenario);
        if (args.Limit > 0)
            instances = instances.Take(args.Limit).ToList();
        var adapter = new MinimalPairAdapter(MinimalPairConventions.EotSpace);
        var requests = instances.SelectMany(adapter.BuildRequests).ToList();

        var threads = args.Inference.IntraOpThreads > 0 ? args.Inference.IntraOpThreads : Environment.ProcessorCount;
        var flops = SgemmProbe.Measure(threads);
        await stdout.WriteLineAsync($"sgemm {SgemmProbe.Size}^3 fp32 via ONNX Runtime MatMul (MLAS), {threads} threads: {SignificantDigits.Format(flops / 1e9)} GFLOP/s");
        var weights = MatMulWeightCounter.Count(OnnxModelFile.Read(Path.Combine(modelDirectory, ModelPackage.ModelFile)));
        await stdout.WriteLineAsync($"W (MatMul/Gemm weight elements) = {weights.ToString("N0", CultureInfo.InvariantCulture)}");

        double evalRate, tokensPerPair, evalAccuracy;
        using (var model = OnnxLanguageModel.Load(modelDirectory, args.Inference))
        {
            await stdout.WriteLineAsync($"model {model.Info.Name} on {model.Provider.Name}; {instances.Count} pairs; " +
                $"batch tokens {args.Inference.BatchTokens(model.Info.VocabSize)}, share prefixes {args.Inference.SharePrefixes}, score in graph {args.Inference.ScoreInGraph}");
            await stderr.WriteLineAsync($"scoring {instances.Count} pairs ...");
            var clock = Stopwatch.StartNew();
            var results = await model.LogLikelihoodAsync(requests);
            var seconds = clock.Elapsed.TotalSeconds;
            evalRate = instances.Count / seconds;
            tokensPerPair = results.Sum(r => r.TokenCount + 1.0) / instances.Count;
            var correct = Enumerable.Range(0, instances.Count).Count(i => results[2 * i].LogProb > results[2 * i + 1].LogProb);
            evalAccuracy = (double)correct / instances.Count;
            await stdout.WriteLineAsync($"eval: {instances.Count} pairs in {seconds:F1}s = {SignificantDigits.Format(evalRate)} pairs/s; " +
                $"accuracy {evalAccuracy:F4}; T = {tokensPerPair:F2} tokens per pair (with bos)");
            // After the timed run: tokenizing first would warm the tokenizer's cache for it.
            if (args.RunPeer)
                CheckSamePairs(model, requests, Path.Combine(root, PeerIdsFile), instances.Count);
        }

        double peerRate = double.NaN;
        if (args.RunPeer)
        {
            await stderr.WriteLineAsync($"running the PyTorch peer on the same {instances.Count} pairs ...");
            var peer = await PeerRunner.RunAsync(root, modelDirectory, Path.Combine(root, PeerIdsFile), args.PeerBatch, instances.Count, stdout);
            if (peer.Pairs != instances.Count)
                throw new InvalidOperationException($"the peer scored {peer.Pairs} pairs, the platform {instances.Count}");
            peerRate = peer.PairsPerSecond;
        }

        var flopsPerPair = 2.0 * weights * tokensPerPair;
        var bound = flops / flopsPerPair;
        await stdout.WriteLineAsync($"F = 2 x W x T = {SignificantDigits.Format(flopsPerPair / 1e6)} MFLOP per pair; sgemm bound B = {SignificantDigits.Format(bound)} pairs/s");
        await stdout.WriteLineAsync($"blimp pairs/s: eval={SignificantDigits.Format(evalRate)} peer={SignificantDigits.Format(peerRate)} " +
            $"ratio={SignificantDigits.Format(evalRate / peerRate)} flop_bound_fraction={SignificantDigits.Format(evalRate / bound)}");
        return 0;
    }

    /// <summary>The peer reads pre-tokenized ids: they must be this model's tokens for the same pairs, in the same order.</summary>
    internal static void CheckSamePairs(OnnxLanguageModel model, IReadOnlyList<LogLikelihoodRequest> requests, string idsFile, int pairs)
    {
        var peer = PeerPair.Read(idsFile, pairs);
        if (peer.Count != pairs)
            throw new InvalidOperationException($"{idsFile} has {peer.Count} pairs, fewer than {pairs}");
        var differ = 0;
        for (var i = 0; i < pairs; i++)
        {
            var good = model.TokenizeRequest(requests[2 * i]).Continuation;
            var bad = model.TokenizeRequest(requests[2 * i + 1]).Continuation;
            if (!good.SequenceEqual(peer[i].Good) || !bad.SequenceEqual(peer[i].Bad))
                differ++;
        }
        if (differ > 0)
            throw new InvalidOperationException($"{differ} of {pairs} pairs tokenize differently from {idsFile}: the file was made with "
                + "another tokenizer (gpt-mini's); remake it with bench/peer/tokenize_blimp.js, or run with --no-peer");
    }
}
