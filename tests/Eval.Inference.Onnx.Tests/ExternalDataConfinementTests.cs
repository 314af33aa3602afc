using Eval.Core.Models;
using Eval.Inference.Onnx.Graph;
using Eval.Inference.Onnx.Validation;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// Issue #12 item 1: a graph whose external data names a file outside its own folder (an absolute path, "..", a
/// symbolic link out, or a bare name ONNX Runtime would look up in the server's working directory) is refused
/// before any session is built, by the loader the CLI and worker use and by upload validation, for decoder and
/// encoder, float32 and float16 alike; no message carries a server path.
/// </summary>
public sealed class ExternalDataConfinementTests
{
    public static TheoryData<string, bool, string> Attacks()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var model in new[] { "decoder", "encoder" })
            foreach (var half in new[] { false, true })
                foreach (var attack in new[] { "absolute", "dotdot", "symlink" })
                    data.Add(model, half, attack);
        return data;
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Load_RefusesExternalDataOutsideThePackage(string model, bool half, string attack)
    {
        using var temp = new TempDirectory();
        var package = Package(temp, model, half, attack);

        var loaded = Assert.Throws<ModelValidationException>(() => LanguageModelLoader.Load(package, new InferenceOptions { Device = InferenceOptions.Cpu }));
        var validated = Assert.Throws<ModelValidationException>(() => ModelValidator.Validate(package));

        foreach (var e in new[] { loaded, validated })
        {
            Assert.Equal(ValidationCodes.ExternalDataOutsidePackage, e.Code);
            Assert.DoesNotContain(temp.Path, e.Message.Replace(temp.File("outside.bin"), ""));
        }
    }

    [Theory]
    [InlineData("decoder", false)]
    [InlineData("decoder", true)]
    [InlineData("encoder", true)]
    public void Load_RefusesABareNameTheWorkingDirectoryHas_ButThePackageDoesNot(string model, bool half)
    {
        // The reported attack: a name such as appsettings.json, resolved against the server's working directory.
        using var temp = new TempDirectory();
        var name = "eval-attack-" + Guid.NewGuid().ToString("N")[..8] + ".bin";
        var package = Package(temp, model, half, name);
        var stolen = Path.Combine(Environment.CurrentDirectory, name);
        File.Move(Path.Combine(package, name), stolen);
        try
        {
            var loaded = Assert.Throws<ModelValidationException>(() => LanguageModelLoader.Load(package, new InferenceOptions { Device = InferenceOptions.Cpu }));
            var validated = Assert.Throws<ModelValidationException>(() => ModelValidator.Validate(package));

            foreach (var e in new[] { loaded, validated })
            {
                Assert.Equal(ValidationCodes.ExternalDataMissing, e.Code);
                Assert.Contains($"'{name}'", e.Message);
                Assert.DoesNotContain(Environment.CurrentDirectory, e.Message);
                Assert.DoesNotContain(temp.Path, e.Message);
            }
        }
        finally
        {
            File.Delete(stolen);
        }
    }

    [Fact]
    public void Locations_AreFoundInSubgraphsToo()
    {
        // An If branch's own initializer is a tensor ONNX Runtime loads like any other.
        var branch = new OnnxGraphBuilder().Node("Identity", ["w"], ["y"]).Output("y", OnnxElementType.Float).GraphFields();
        var tensor = new ProtoWriter().Varint(1, 1).Varint(2, OnnxElementType.Float).String(8, "w")
            .Message(13, e => e.String(1, "location").String(2, "/etc/passwd")).Varint(14, 1).ToArray();
        var withInitializer = new ProtoWriter().Verbatim(branch).Bytes(5, tensor).ToArray();
        var ifNode = new ProtoWriter().String(1, "c").String(2, "out").String(4, "If")
            .Message(5, a => a.String(1, "then_branch").Bytes(6, withInitializer).Varint(20, 5))
            .Message(5, a => a.String(1, "else_branch").Bytes(6, withInitializer).Varint(20, 5)).ToArray();
        var model = new ProtoWriter().Varint(1, 8).Message(7, g => g.Bytes(1, ifNode)).ToArray();

        var found = ExternalDataLocations.Read(model);

        Assert.Equal([("w", "/etc/passwd"), ("w", "/etc/passwd")], found);
    }

    /// <summary>A package whose model.onnx keeps every weight in external data at the attack's location; the bytes really are there.</summary>
    private static string Package(TempDirectory temp, string model, bool half, string attack)
    {
        var source = model == "decoder" ? Repo.ReferenceModel(TestModels.Nano) : Repo.ReferenceModel(Repo.ReferenceEncoder);
        var package = Directory.CreateDirectory(temp.File("package")).FullName;
        ModelFixtures.Copy(source, package);
        var bytes = File.ReadAllBytes(Path.Combine(source, "model.onnx"));
        if (half)
            bytes = new HalfPrecisionConverter(OnnxElementType.Float16).Model(bytes);
        var outside = temp.File("outside.bin");
        var location = attack switch
        {
            "absolute" => outside,
            "dotdot" => "../outside.bin",
            "symlink" => "weights.bin",
            _ => attack,
        };
        if (attack == "symlink")
        {
            File.WriteAllBytes(outside, []);
            File.CreateSymbolicLink(Path.Combine(package, location), outside);
        }
        ExternalDataExport.Write(bytes, Path.Combine(package, "model.onnx"), ExternalDataExport.OneFile(location));
        return package;
    }
}
