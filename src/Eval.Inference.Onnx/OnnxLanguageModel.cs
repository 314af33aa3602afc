using Eval.Core.Models;
using Eval.Inference.Onnx.Graph;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>
/// A decoder package (ONNX + tokenizer.json) on ONNX Runtime, on CUDA when it loads, else the CPU. Loading reads the
/// file into memory and appends the scoring head (<see cref="ScoringHead"/>) to the graph there; the file itself is
/// never changed. A float16 export gets float32 inputs and outputs there too (<see cref="HalfPrecisionModel"/>) and
/// is refused with the operator ONNX Runtime has no kernel for where the provider cannot run it.
/// </summary>
public sealed class OnnxLanguageModel : ILanguageModel
{
    private readonly DecoderSession decoder;
    private readonly HfTokenizer tokenizer;
    private readonly RequestTokenizer requestTokenizer;
    private readonly BatchScorer scorer;
    private readonly TextGenerator generator;
    private readonly RollingScorer rolling;
    private readonly string directory;
    private readonly InferenceOptions options;

    private OnnxLanguageModel(DecoderSession decoder, HfTokenizer tokenizer, ModelInfo info, ExecutionProviderChoice provider,
        InferenceOptions options, string directory)
    {
        this.directory = directory;
        this.options = options.Clone();
        this.decoder = decoder;
        this.tokenizer = tokenizer;
        Info = info;
        Provider = provider;
        requestTokenizer = new RequestTokenizer(tokenizer, info.BosTokenId, info.ContextLength);
        scorer = new BatchScorer(decoder, info.EosTokenId, options, info.ContextLength);
        generator = new TextGenerator(decoder, tokenizer, info, options);
        rolling = new RollingScorer(scorer, tokenizer, info);
    }

    public ModelInfo Info { get; }

    public ExecutionProviderChoice Provider { get; }

    public DecoderSignature Signature => decoder.Signature;

    public static OnnxLanguageModel Load(string directory, InferenceOptions? options = null)
    {
        options ??= new InferenceOptions();
        var package = ModelPackage.Open(directory);
        var bytes = PackageGraph.Read(package);
        OnnxModelFile file;
        try
        {
            file = OnnxModelFile.Parse(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new ModelPackageException($"{ModelPackage.ModelFile} is not an ONNX model: {e.Message}", e);
        }

        var (sessionOptions, provider) = ExecutionProviderSelector.Create(options);
        InferenceSession session;
        using (sessionOptions)
        {
            var half = HalfPrecisionModel.IsHalf(file);
            bytes = HalfPrecisionModel.WithFloat32Boundary(bytes, file);
            if (options.ScoreInGraph && file.Outputs.ContainsKey(DecoderSignature.Logits))
                bytes = ScoringHead.Append(bytes);
            try
            {
                session = PackageGraph.Session(package, bytes, sessionOptions);
            }
            catch (OnnxRuntimeException e) when (half)
            {
                throw HalfPrecisionModel.Refusal(ModelPackage.ModelFile, file, provider.Name, e);
            }
            catch (OnnxRuntimeException e)
            {
                throw new ModelPackageException($"{ModelPackage.ModelFile} cannot be loaded by ONNX Runtime: {e.Message}", e);
            }
        }
        ReleaseGraphCopies(ref bytes);

        HfTokenizer? tokenizer = null;
        try
        {
            var signature = DecoderSignature.Read(session, ModelPackage.ModelFile);
            // Requests, generation and rolling windows get the BOS from the scoring convention, never from the tokenizer.
            tokenizer = HfTokenizer.WithoutSpecialTokens(package.TokenizerPath);
            var info = ModelInfoReader.Read(package, session, signature) with { Footprint = Footprint(package, file) };
            if (signature.VocabSize > 0 && signature.VocabSize != info.VocabSize)
                throw new ModelPackageException($"{ModelPackage.ModelFile} has {signature.VocabSize} logits per position but the vocabulary size is {info.VocabSize} ({info.Source})");
            return new OnnxLanguageModel(new DecoderSession(session, signature, info.VocabSize), tokenizer, info, provider, options, directory);
        }
        catch
        {
            tokenizer?.Dispose();
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The session holds its own weights; the graph as read and as edited (twice the file, for inline weights) are
    /// garbage once it is built. For a large graph they are returned now: left to the collector, a 124M-parameter
    /// model's ~950 MB of copies stayed resident beside its ~900 MB session.
    /// </summary>
    private static void ReleaseGraphCopies(ref byte[] bytes)
    {
        var large = bytes.Length >= LargeGraphBytes;
        bytes = [];
        if (large)
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private const int LargeGraphBytes = 64 << 20;

    /// <summary>Counted from the file as stored (before the scoring head is appended in memory).</summary>
    private static ModelFootprint Footprint(ModelPackage package, OnnxModelFile file) =>
        new(file.Initializers.Sum(i => i.Elements),
            package.GraphBytes());

    public ILanguageModel LoadCopy() => Load(directory, options);

    public int[] Tokenize(string text) => tokenizer.Encode(text);

    public string Decode(IReadOnlyList<int> ids) => tokenizer.Decode(ids);

    public TokenSequence TokenizeRequest(LogLikelihoodRequest request) => requestTokenizer.Tokenize(request);

    public IReadOnlyList<TokenScores> ScoreTokens(IReadOnlyList<TokenSequence> sequences, IProgress<int>? done = null,
        CancellationToken cancellationToken = default) => scorer.Score(sequences, done, cancellationToken);

    public Task<IReadOnlyList<LogLikelihoodResult>> LogLikelihoodAsync(IReadOnlyList<LogLikelihoodRequest> requests,
        IProgress<int>? requestsDone = null, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            var sequences = requests.Select(requestTokenizer.Tokenize).ToList();
            var scores = scorer.Score(sequences, requestsDone, cancellationToken);
            return (IReadOnlyList<LogLikelihoodResult>)scores
                .Select((s, i) => new LogLikelihoodResult(s.Total, s.LogProbs.Length, s.IsGreedy, s.LogProbs) { Truncated = sequences[i].Truncated })
                .ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<LogLikelihoodRollingResult>> LogLikelihoodRollingAsync(IReadOnlyList<LogLikelihoodRollingRequest> requests,
        IProgress<int>? requestsDone = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => rolling.Score(requests, requestsDone, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests,
        IProgress<int>? requestsDone = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => generator.Generate(requests, requestsDone, cancellationToken), cancellationToken);

    public void Dispose()
    {
        decoder.Dispose();
        tokenizer.Dispose();
    }
}
