using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Eval.Core.Adapters;
using Eval.Core.Models;
using Eval.Core.Paths;
using Eval.Core.Scenarios;
using Eval.Inference.Onnx;

namespace Eval.Bench;

/// <summary>
/// Greedy generation on truthfulqa_gen's prompts (its max tokens and stop sequences) with the KV cache, against the
/// PyTorch peer doing the same on the same prompt ids: at batch 1 and at the scenario's batch size (the rows one call
/// holds under the default token budget for these prompts), prompts sorted by length so both batch them alike.
/// Prints prefill and decode tokens/s of each side, whether the outputs are identical token for token, and last the
/// benchmark line.
/// </summary>
public static partial class GenerateBenchmark
{
    public const string PeerScript = "peer_torch_generate.py";

    private const string Scenario = "truthfulqa_gen";

    public static async Task<int> RunAsync(GenerateArguments args, TextWriter stdout, TextWriter stderr)
    {
        var root = RepositoryPaths.FindRepositoryRoot() ?? RepositoryPaths.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("run from inside the checkout (Eval.sln not found)");
        var modelDirectory = Path.GetFullPath(args.Model);
        var scenario = ScenarioLoader.Load(Path.Combine(root, "scenarios", Scenario));
        var adapter = new GenerationAdapter(scenario.Generation);
        var requests = InstanceReader.Read(scenario).Take(args.Limit).Select(adapter.BuildRequest).ToList();

        int[][] prompts;
        int batch, vocab;
        using (var probe = OnnxLanguageModel.Load(modelDirectory, args.Inference))
        {
            prompts = requests.Select(r => probe.Tokenize(r.Context)).ToArray();
            vocab = probe.Info.VocabSize;
        }
        // Sorted by length (then order), as the generator sorts its rows: fixed-size batches are then the same on both sides.
        var order = Enumerable.Range(0, prompts.Length).OrderBy(i => prompts[i].Length).ThenBy(i => i).ToArray();
        requests = order.Select(i => requests[i]).ToList();
        prompts = order.Select(i => prompts[i]).ToArray();
        batch = args.BatchSize ?? Math.Max(1, new InferenceOptions().BatchTokens(vocab) / prompts.Max(p => p.Length));
        await stdout.WriteLineAsync($"{Scenario}: {prompts.Length} prompts of {prompts.Min(p => p.Length)}-{prompts.Max(p => p.Length)} tokens, " +
            $"max tokens {scenario.Generation.MaxTokens}, stop {JsonSerializer.Serialize(scenario.Generation.Stop)}; scenario batch size {batch}");

        var promptsFile = Path.Combine(Path.GetTempPath(), $"eval-generate-prompts-{Environment.ProcessId}.jsonl");
        var peerOut = Path.Combine(Path.GetTempPath(), $"eval-generate-peer-{Environment.ProcessId}.jsonl");
        try
        {
            await File.WriteAllLinesAsync(promptsFile, prompts.Select(p => JsonSerializer.Serialize(new { ids = p })));
            var sizes = batch == 1 ? new[] { 1 } : [1, batch];
            var ratios = new Dictionary<int, (double Eval, double Peer)>();
            var identical = true;
            foreach (var size in sizes)
            {
                var (figures, tokens) = await RunEvalAsync(modelDirectory, args.Inference, requests, prompts, size, stderr);
                await stdout.WriteLineAsync($"eval batch {size}: {figures.Describe()}");
                var peerRate = double.NaN;
                if (args.RunPeer)
                {
                    await stderr.WriteLineAsync($"running the PyTorch peer at batch {size} ...");
                    var peer = await RunPeerAsync(root, modelDirectory, promptsFile, peerOut, scenario, size, prompts, stdout);
                    var peerTokens = File.ReadAllLines(peerOut).Select(l => JsonSerializer.Deserialize<int[]>(l)!).ToArray();
                    var same = Enumerable.Range(0, prompts.Length).Count(i => tokens[i].SequenceEqual(peerTokens[i]));
                    identical &= same == prompts.Length;
                    await stdout.WriteLineAsync($"peer batch {size}: {peer.Describe()}");
                    await stdout.WriteLineAsync($"batch {size}: {same} of {prompts.Length} outputs identical token for token");
                    peerRate = peer.TokensPerSecond;
                }
                ratios[size] = (figures.TokensPerSecond, peerRate);
            }

            var (eval, peerTotal) = ratios[batch];
            var (eval1, peer1) = ratios[1];
            await stdout.WriteLineAsync($"generate tokens/s: eval={SignificantDigits.Format(eval)} peer={SignificantDigits.Format(peerTotal)} " +
                $"ratio={SignificantDigits.Format(eval / peerTotal)} identical={(args.RunPeer && identical ? "true" : "false")} " +
                $"batch={batch} ratio_batch1={SignificantDigits.Format(eval1 / peer1)}");
            return 0;
        }
        finally
        {
            File.Delete(promptsFile);
            File.Delete(peerOut);
        }
    }

    /// <summary>A prefill-only pass (max tokens 1) then the full generation, each timed, after an untimed warm-up.</summary>
    private static async Task<(GenerationFigures Figures, IReadOnlyList<int>[] Tokens)> RunEvalAsync(string modelDirectory,
        InferenceOptions baseOptions, List<GenerationRequest> requests, int[][] prompts, int size, TextWriter stderr)
    {
        var options = baseOptions.Clone();
        options.MaxBatchSize = size;
        options.MaxBatchTokens = size * prompts.Max(p => p.Length);
        using var model = OnnxLanguageModel.Load(modelDirectory, options);
        await stderr.WriteLineAsync($"generating {requests.Count} completions at batch {size} ...");
        await model.GenerateAsync(requests.Take(Math.Min(size * 2, requests.Count)).ToList());

        var clock = Stopwatch.StartNew();
        await model.GenerateAsync(requests.Select(r => r with { MaxTokens = 1 }).ToList());
        var prefill = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var results = await model.GenerateAsync(requests);
        var total = clock.Elapsed.TotalSeconds;
        var generated = results.Sum(r => (long)r.TokenIds.Count);
        var figures = new GenerationFigures(requests.Count, prompts.Sum(p => (long)p.Length), prefill, generated, total);
        return (figures, results.Select(r => r.TokenIds).ToArray());
    }

    private static async Task<GenerationFigures> RunPeerAsync(string root, string modelDirectory, string promptsFile, string outFile,
        ScenarioDefinition scenario, int size, int[][] prompts, TextWriter log)
    {
        var output = await PeerRunner.RunScriptAsync(root, PeerScript,
        [
            modelDirectory, promptsFile, outFile, "--max-tokens", scenario.Generation.MaxTokens.ToString(CultureInfo.InvariantCulture),
            "--stop", JsonSerializer.Serialize(scenario.Generation.Stop), "--batch", size.ToString(CultureInfo.InvariantCulture),
        ]);
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => PeerLine().IsMatch(l))
            ?? throw new InvalidOperationException($"unexpected peer output: {output.Trim()}");
        await log.WriteLineAsync("peer: " + line);
        var m = PeerLine().Match(line);
        double Number(string group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        return new GenerationFigures(prompts.Length, (long)Number("prefillTokens"), Number("prefill"), (long)Number("tokens"), Number("total"));
    }

    [GeneratedRegex(@"(?<prompts>\d+) prompts, (?<tokens>\d+) tokens in (?<total>[\d.]+)s; prefill (?<prefillTokens>\d+) tokens in (?<prefill>[\d.]+)s")]
    private static partial Regex PeerLine();
}
