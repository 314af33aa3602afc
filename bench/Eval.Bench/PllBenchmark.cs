using System.Diagnostics;
using System.Text.Json;
using Eval.Core.Adapters;
using Eval.Core.Paths;
using Eval.Core.Scenarios;
using Eval.Inference.Onnx;

namespace Eval.Bench;

/// <summary>
/// The masked-LM BLiMP throughput benchmark: the platform's PLL scorer and the PyTorch peer (minicons' way) on the
/// first N pairs in BLiMP file order, the peer fed the platform's own token ids; the benchmark line last.
/// </summary>
public static class PllBenchmark
{
    public const string PeerScript = "peer_torch_pll.py";

    private const int FullBlimpPairs = 67_000;

    public static async Task<int> RunAsync(BlimpArguments args, TextWriter stdout, TextWriter stderr)
    {
        var root = RepositoryPaths.FindRepositoryRoot() ?? RepositoryPaths.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("run from inside the checkout (Eval.sln not found)");
        var modelDirectory = Path.GetFullPath(args.Model);
        var instances = InstanceReader.Read(ScenarioLoader.Load(Path.Combine(root, "scenarios", "blimp")));
        if (args.Limit > 0)
            instances = instances.Take(args.Limit).ToList();
        var adapter = new MinimalPairAdapter(MinimalPairConventions.Pll);
        var requests = instances.SelectMany(adapter.BuildRequests).ToList();

        double evalRate, evalAccuracy;
        var idsFile = Path.Combine(Path.GetTempPath(), $"eval-pll-ids-{Environment.ProcessId}.jsonl");
        try
        {
            using (var model = MaskedLanguageModel.Load(modelDirectory, args.Inference))
            {
                await stdout.WriteLineAsync($"model {model.Info.Name} on {model.Provider.Name}; {instances.Count} pairs; " +
                    $"max batch tokens {(args.Inference.MaxBatchTokens > 0 ? args.Inference.MaxBatchTokens : "auto")}, score in graph {args.Inference.ScoreInGraph}");
                await stderr.WriteLineAsync($"scoring {instances.Count} pairs by PLL ...");
                var clock = Stopwatch.StartNew();
                var results = await model.LogLikelihoodAsync(requests);
                var seconds = clock.Elapsed.TotalSeconds;
                evalRate = instances.Count / seconds;
                var correct = Enumerable.Range(0, instances.Count).Count(i => results[2 * i].LogProb > results[2 * i + 1].LogProb);
                evalAccuracy = (double)correct / instances.Count;
                await stdout.WriteLineAsync($"eval: {instances.Count} pairs in {seconds:F1}s = {SignificantDigits.Format(evalRate)} pairs/s; " +
                    $"accuracy {evalAccuracy:F4}; full BLiMP ({FullBlimpPairs:N0} pairs) at this rate: {FullBlimpPairs / evalRate / 60:F1} min");
                if (args.RunPeer)
                    await WriteIdsAsync(model, requests, idsFile);
            }

            var peerRate = double.NaN;
            if (args.RunPeer)
            {
                await stderr.WriteLineAsync($"running the PyTorch peer on the same {instances.Count} pairs ...");
                var peer = await PeerRunner.RunAsync(root, modelDirectory, idsFile, args.PeerBatch, instances.Count, stdout, PeerScript);
                if (peer.Pairs != instances.Count)
                    throw new InvalidOperationException($"the peer scored {peer.Pairs} pairs, the platform {instances.Count}");
                peerRate = peer.PairsPerSecond;
            }
            await stdout.WriteLineAsync($"pll pairs/s: eval={SignificantDigits.Format(evalRate)} peer={SignificantDigits.Format(peerRate)} " +
                $"ratio={SignificantDigits.Format(evalRate / peerRate)}");
            return 0;
        }
        finally
        {
            File.Delete(idsFile);
        }
    }

    /// <summary>The peer reads the ids the platform's tokenizer gives (special tokens included), a pair per line.</summary>
    private static async Task WriteIdsAsync(MaskedLanguageModel model, IReadOnlyList<Eval.Core.Models.LogLikelihoodRequest> requests, string path)
    {
        await using var writer = new StreamWriter(path);
        for (var i = 0; i + 1 < requests.Count; i += 2)
            await writer.WriteLineAsync(JsonSerializer.Serialize(new
            {
                good = model.Tokenize(requests[i].Continuation),
                bad = model.Tokenize(requests[i + 1].Continuation),
            }));
    }
}
