using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Inference.Onnx.Graph;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>
/// An encoder package (ONNX with input_ids and attention_mask in, logits out, no cache) scored by
/// pseudo-log-likelihood: a request with an empty context gets the sum over its inner tokens of log p(token | the
/// text with that token masked) (Salazar et al. 2020), or PLL-word-l2r when its variant asks (Kauf and Ivanova 2023).
/// A conditional request has no meaning here and is refused.
/// </summary>
public sealed class MaskedLanguageModel : ILanguageModel
{
    public const string ConditionalNotSupported =
        "conditional continuation is not applicable to a masked LM: it scores a whole text (an empty context) by pseudo-log-likelihood";

    private readonly InferenceSession session;
    private readonly HfTokenizer tokenizer;
    private readonly MaskedSentenceTokenizer sentenceTokenizer;
    private readonly MaskedBatchScorer scorer;

    private MaskedLanguageModel(InferenceSession session, HfTokenizer tokenizer, MaskedSentenceTokenizer sentenceTokenizer,
        MaskedBatchScorer scorer, ModelInfo info, ExecutionProviderChoice provider)
    {
        this.session = session;
        this.tokenizer = tokenizer;
        this.sentenceTokenizer = sentenceTokenizer;
        this.scorer = scorer;
        Info = info;
        Provider = provider;
    }

    public ModelInfo Info { get; }

    public ExecutionProviderChoice Provider { get; }

    /// <summary>Positions per model call: the context length unless a smaller window was asked for.</summary>
    public int Window => scorer.Window;

    /// <param name="window">Positions per row, at most the context length; a smaller one makes tests of the windowing cheap.</param>
    public static MaskedLanguageModel Load(string directory, InferenceOptions? options = null, int? window = null)
    {
        options ??= new InferenceOptions();
        var package = ModelPackage.Open(directory);
        // A half-precision model gets a float32 boundary; either is loaded from memory with the package as its external-data base.
        var bytes = PackageGraph.Read(package);
        var half = HalfPrecisionModel.Find(bytes);
        var headed = options.ScoreInGraph ? WithScoringHead(bytes, half) : null;
        var (sessionOptions, provider) = ExecutionProviderSelector.Create(options);
        InferenceSession session;
        try
        {
            using (sessionOptions)
            {
                session = (headed is null ? null : TryHeadedSession(package, headed, sessionOptions))
                    ?? (half is null ? PackageGraph.Session(package, bytes, sessionOptions)
                        : HalfPrecisionModel.Session(package, bytes, half, sessionOptions));
                if (!session.InputMetadata.ContainsKey(MaskedScoringHead.Positions))
                    headed = null;
            }
        }
        catch (OnnxRuntimeException e) when (half is not null)
        {
            throw HalfPrecisionModel.Refusal(ModelPackage.ModelFile, half, provider.Name, e);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelPackageException($"{ModelPackage.ModelFile} cannot be loaded by ONNX Runtime: {e.Message}", e);
        }

        HfTokenizer? tokenizer = null;
        try
        {
            var signature = DecoderSignature.Read(session, ModelPackage.ModelFile,
                headed is null ? null : [MaskedScoringHead.Positions, MaskedScoringHead.Targets]);
            if (signature.HasPast)
                throw new ModelPackageException($"{ModelPackage.ModelFile} has a key/value cache: a decoder, not a masked LM");
            if (signature.Int32Inputs is { Count: > 0 } || signature.HasUseCacheBranch)
                throw new ModelPackageException($"{ModelPackage.ModelFile}: a masked LM must take int64 inputs and no {UseCacheBranch.Input}; re-export it so");
            var info = ModelInfoReader.Read(package, session, signature) with { Kind = ModelKinds.Masked };
            var length = window ?? info.ContextLength;
            if (length < 3 || length > info.ContextLength)
                throw new ArgumentOutOfRangeException(nameof(window), length, $"the window must be 3..{info.ContextLength} positions");
            tokenizer = new HfTokenizer(package.TokenizerPath);
            var vocabulary = TokenizerVocabulary.Read(package.TokenizerPath);
            var specials = MaskedSpecialTokens.Resolve(package, vocabulary, info.EosTokenId);
            var sentenceTokenizer = new MaskedSentenceTokenizer(tokenizer, vocabulary, info.BosTokenId, info.EosTokenId);
            return new MaskedLanguageModel(session, tokenizer, sentenceTokenizer,
                new MaskedBatchScorer(session, specials, length, options), info, provider);
        }
        catch
        {
            tokenizer?.Dispose();
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The session of the graph with the scoring head, or null where ONNX Runtime refuses it or a probe call fails: the
    /// head is a rewrite of someone else's graph, so a shape it did not foresee costs speed, never the model.
    /// </summary>
    private static InferenceSession? TryHeadedSession(ModelPackage package, byte[] headed, SessionOptions options)
    {
        InferenceSession session;
        try
        {
            session = PackageGraph.Session(package, headed, options);
        }
        catch (OnnxRuntimeException)
        {
            return null;
        }
        if (MaskedHeadProbe.Runs(session))
            return session;
        session.Dispose();
        return null;
    }

    /// <summary>The model (with its float32 boundary if half) and the masked scoring head; null where the head does not fit.</summary>
    private static byte[]? WithScoringHead(byte[] bytes, OnnxModelFile? half)
    {
        try
        {
            var boundary = half is null ? bytes : HalfPrecisionModel.WithFloat32Boundary(bytes, half);
            return MaskedScoringHead.TryAppend(boundary, OnnxModelFile.Parse(boundary));
        }
        catch (InvalidDataException)
        {
            // Not a readable ONNX file: ONNX Runtime's refusal of the original says why.
            return null;
        }
    }

    /// <summary>The ids the model sees for a text, its special tokens included.</summary>
    public int[] Tokenize(string text) => sentenceTokenizer.Encode(text);

    public MaskedSentence TokenizeSentence(string text, ScoringVariant variant = ScoringVariant.Default) =>
        sentenceTokenizer.Tokenize(text, variant);

    /// <summary>Per inner token PLL terms; identical sentences share one result.</summary>
    public IReadOnlyList<TokenScores> ScoreSentences(IReadOnlyList<MaskedSentence> sentences, IProgress<int>? done = null,
        CancellationToken cancellationToken = default)
    {
        var keyIndex = new Dictionary<string, int>();
        var unique = new List<MaskedSentence>();
        var map = new int[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            if (!keyIndex.TryGetValue(sentences[i].Key, out var u))
            {
                u = unique.Count;
                keyIndex[sentences[i].Key] = u;
                unique.Add(sentences[i]);
            }
            map[i] = u;
        }
        var uniqueDone = done is null || unique.Count == 0 ? null
            : new SyncProgress<int>(n => done.Report((int)((long)n * sentences.Count / unique.Count)));
        var scores = scorer.Score(unique, uniqueDone, cancellationToken);
        return map.Select(u => scores[u]).ToList();
    }

    public Task<IReadOnlyList<LogLikelihoodResult>> LogLikelihoodAsync(IReadOnlyList<LogLikelihoodRequest> requests,
        IProgress<int>? requestsDone = null, CancellationToken cancellationToken = default)
    {
        if (requests.Any(r => r.Context.Length > 0))
            return Task.FromException<IReadOnlyList<LogLikelihoodResult>>(new NotSupportedException(ConditionalNotSupported));
        return Task.Run(() =>
        {
            var sentences = requests.Select(r => sentenceTokenizer.Tokenize(r.Continuation, r.Variant)).ToList();
            var scores = ScoreSentences(sentences, requestsDone, cancellationToken);
            return (IReadOnlyList<LogLikelihoodResult>)scores
                .Select(s => new LogLikelihoodResult(s.Total, s.LogProbs.Length, s.IsGreedy, s.LogProbs))
                .ToList();
        }, cancellationToken);
    }

    public void Dispose()
    {
        session.Dispose();
        tokenizer.Dispose();
    }
}
