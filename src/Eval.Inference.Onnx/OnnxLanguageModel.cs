using Eval.Core.Models;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>A decoder package (ONNX + tokenizer.json) on ONNX Runtime, on CUDA when it loads, else the CPU.</summary>
public sealed class OnnxLanguageModel : ILanguageModel
{
    private readonly InferenceSession session;
    private readonly HfTokenizer tokenizer;
    private readonly RequestTokenizer requestTokenizer;
    private readonly BatchScorer scorer;

    private OnnxLanguageModel(InferenceSession session, HfTokenizer tokenizer, ModelInfo info, DecoderSignature signature,
        ExecutionProviderChoice provider, InferenceOptions options)
    {
        this.session = session;
        this.tokenizer = tokenizer;
        Info = info;
        Signature = signature;
        Provider = provider;
        requestTokenizer = new RequestTokenizer(tokenizer, info.BosTokenId, info.ContextLength);
        scorer = new BatchScorer(session, signature, info.EosTokenId, options);
    }

    public ModelInfo Info { get; }

    public ExecutionProviderChoice Provider { get; }

    public DecoderSignature Signature { get; }

    public static OnnxLanguageModel Load(string directory, InferenceOptions? options = null)
    {
        options ??= new InferenceOptions();
        var package = ModelPackage.Open(directory);
        var (sessionOptions, provider) = ExecutionProviderSelector.Create(options);
        InferenceSession session;
        try
        {
            using (sessionOptions)
                session = new InferenceSession(package.ModelPath, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelPackageException($"{ModelPackage.ModelFile} cannot be loaded by ONNX Runtime: {e.Message}", e);
        }

        HfTokenizer? tokenizer = null;
        try
        {
            var signature = DecoderSignature.Read(session, ModelPackage.ModelFile);
            tokenizer = new HfTokenizer(package.TokenizerPath);
            var info = ModelInfoReader.Read(package, session, signature);
            return new OnnxLanguageModel(session, tokenizer, info, signature, provider, options);
        }
        catch
        {
            tokenizer?.Dispose();
            session.Dispose();
            throw;
        }
    }

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

    public void Dispose()
    {
        session.Dispose();
        tokenizer.Dispose();
    }
}
