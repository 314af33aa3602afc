using System.IO.Compression;
using System.Text;
using Eval.Inference.Onnx.Validation;
using Eval.Jobs.Options;
using Eval.Jobs.Uploads;
using Eval.TestKit;

namespace Eval.Jobs.Tests;

/// <summary>Which files a zip gives the package, and how a zip lying about its sizes is stopped.</summary>
public sealed class ZipPackageExtractorTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Extract_TakesThePackageFiles_FromAnOnnxSubfolderAndItsParent_AndIgnoresTheRest()
    {
        var zip = ModelFixtures.CraftedZip(temp.File("export.zip"),
            ("export/onnx/model.onnx", "onnx"u8.ToArray(), CompressionLevel.Optimal, null),
            ("export/tokenizer.json", "{}"u8.ToArray(), CompressionLevel.Optimal, null),
            ("export/config.json", "{\"a\":1}"u8.ToArray(), CompressionLevel.Optimal, null),
            ("export/README.md", "ignored"u8.ToArray(), CompressionLevel.Optimal, null),
            ("export/vocab.json", "ignored"u8.ToArray(), CompressionLevel.Optimal, null));
        var target = Directory.CreateDirectory(temp.File("package")).FullName;

        await ZipPackageExtractor.ExtractAsync(zip, target, new UploadOptions(), CancellationToken.None);

        Assert.Equal(["config.json", "model.onnx", "tokenizer.json"], Directory.GetFiles(target).Select(Path.GetFileName).Order());
        Assert.Equal("onnx", File.ReadAllText(Path.Combine(target, "model.onnx")));
    }

    [Fact]
    public async Task Extract_NeverWritesMoreThanAnEntryDeclares()
    {
        var zip = ModelFixtures.CraftedZip(temp.File("liar.zip"), ("model.onnx", new byte[100_000], CompressionLevel.Optimal, null));
        // Rewrite the declared uncompressed size (central directory and local header) from 100,000 to 1,000.
        var bytes = File.ReadAllBytes(zip);
        var found = 0;
        for (var i = 0; i + 4 <= bytes.Length; i++)
            if (BitConverter.ToInt32(bytes, i) == 100_000)
            {
                BitConverter.GetBytes(1_000).CopyTo(bytes, i);
                found++;
            }
        Assert.Equal(2, found);
        File.WriteAllBytes(zip, bytes);

        var target = Directory.CreateDirectory(temp.File("out")).FullName;
        try
        {
            await ZipPackageExtractor.ExtractAsync(zip, target, new UploadOptions(), CancellationToken.None);
        }
        catch (ModelValidationException e) when (e.Code is ValidationCodes.ZipTooLarge or ValidationCodes.ZipUnreadable)
        {
            return;
        }
        // Not refused: then no more than the declared size was written (the size limits were checked on it).
        Assert.True(new FileInfo(Path.Combine(target, "model.onnx")).Length <= 1_000);
    }

    [Fact]
    public async Task Extract_RefusesTwoModels()
    {
        var zip = ModelFixtures.CraftedZip(temp.File("two.zip"),
            ("a/model.onnx", Encoding.UTF8.GetBytes("a"), CompressionLevel.Optimal, null),
            ("b/model.onnx", Encoding.UTF8.GetBytes("b"), CompressionLevel.Optimal, null));

        var e = await Assert.ThrowsAsync<ModelValidationException>(() =>
            ZipPackageExtractor.ExtractAsync(zip, Directory.CreateDirectory(temp.File("out2")).FullName, new UploadOptions(), CancellationToken.None));

        Assert.Equal(ValidationCodes.FieldInvalid, e.Code);
        Assert.Contains("2 model.onnx files", e.Message);
    }

    public void Dispose() => temp.Dispose();
}
