using Eval.TestKit;

namespace Eval.Jobs.Tests;

public sealed class TokenizerKindTests
{
    [Theory]
    [InlineData("gpt-nano-bpe4k", "byte-level BPE")]
    [InlineData("llama-mini-bpe8k", "byte-level BPE")]
    [InlineData("bert-mini-bpe8k", "byte-level BPE")]
    // 257 tokens (the 256 bytes and <|endoftext|>) and no merges: every token it emits is one byte.
    [InlineData("byte-gpt-mini", "bytes")]
    public void Describe_NamesTheReferenceModelsTokenizers(string model, string expected) =>
        Assert.Equal(expected, TokenizerKind.Describe(Path.Combine(Repo.ReferenceModel(model), "tokenizer.json")));
}
