using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Eval.Inference.Onnx;

/// <summary>
/// A package's content identity: SHA-256 over everything that changes its scores, so that the same model.onnx with
/// a corrected tokenizer.json or config.json is new content, and the same content however packaged is one model.
/// Made of the SHA-256 of model.onnx (with its .onnx.data), of tokenizer.json, and the settings scoring uses as
/// config.json and tokenizer_config.json give them (bos, eos, context, vocabulary); the ONNX metadata, the other
/// source of settings, is inside model.onnx. Other keys (a description, a model name) do not count.
/// </summary>
public sealed record PackageIdentity(string Sha256, string Description)
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    /// <param name="modelSha256">The package's <see cref="ModelPackage.ModelSha256"/>, already computed by the caller.</param>
    public static PackageIdentity Compute(ModelPackage package, string modelSha256)
    {
        TokenizerVocabulary? vocabulary = null;
        TokenizerVocabulary Vocabulary() => vocabulary ??= TokenizerVocabulary.Read(package.TokenizerPath);
        string Setting(string label, (long Value, string Source)? found) =>
            found is { } f ? $"{label} {f.Value.ToString(CultureInfo.InvariantCulture)} from {f.Source}" : $"{label} from the ONNX metadata or default";

        var model = File.Exists(package.ExternalDataPath) ? $"{ModelPackage.ModelFile} + {ModelPackage.ExternalDataFile}" : ModelPackage.ModelFile;
        string[] settings =
        [
            Setting("bos", PackageSettings.TokenId(package, NoMetadata, "bos", Vocabulary)),
            Setting("eos", PackageSettings.TokenId(package, NoMetadata, "eos", Vocabulary)),
            Setting("context", PackageSettings.ContextLength(package, NoMetadata)),
            Setting("vocab", PackageSettings.VocabSize(package, NoMetadata)),
        ];
        (string Name, string Value)[] parts =
        [
            (model, modelSha256),
            (ModelPackage.TokenizerFile, package.TokenizerSha256()),
            ("settings", string.Join("; ", settings)),
        ];
        var text = string.Concat(parts.Select(p => $"{p.Name}\n{p.Value}\n"));
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return new PackageIdentity(sha, $"{model}, {ModelPackage.TokenizerFile}, settings: {parts[2].Value}");
    }
}
