using Eval.Jobs.Options;
using Eval.Jobs.Uploads;
using Eval.TestKit;
using Xunit.Abstractions;

namespace Eval.Web.Tests;

/// <summary>
/// kill -9 in the middle of an upload leaves its staging folder (hundreds of MB for a real model). The next start
/// removes it, because its owner process is gone, while a live process's upload on the same machine stays.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class StagingOrphanTests(ITestOutputHelper log)
{
    private const string Key = "orphan-test-admin-key";

    [Fact]
    public async Task UploadKilledMidway_ItsStagingFolderIsRemovedAtTheNextStart_ALiveUploadStays()
    {
        using var data = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Eval__DataDirectory"] = data.Path,
            // Nothing to register or evaluate: the test is about the uploads folder, and each start costs less.
            ["Eval__FirstStart__RegisterReferenceModels"] = "false",
            ["Eval__FirstStart__EvaluateReferenceModels"] = "false",
            ["Eval__Inference__Device"] = "cpu",
            ["EVAL_API_KEY"] = Key,
        };
        var uploads = Path.Combine(data.Path, "uploads");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var first = await ChildHost.StartWebAsync(environment))
        {
            using var client = new HttpClient { BaseAddress = first.Address };
            client.DefaultRequestHeaders.Add("X-Api-Key", Key);
            var content = new MultipartFormDataContent { { new StreamContent(new StalledStream(1 << 20)), "model", "model.onnx" } };
            using var stop = new CancellationTokenSource();
            var sending = client.PostAsync("/api/models", content, stop.Token);
            await Eventually.WaitForAsync(() => Task.FromResult(StagedBytes(uploads)), n => n >= 512 * 1024, TimeSpan.FromSeconds(60), "the upload being staged");
            log.WriteLine($"{clock.Elapsed}: staged, killing process {first.ProcessId}");
            first.Kill();
            stop.Cancel();
            await Assert.ThrowsAnyAsync<Exception>(() => sending);
        }
        var killed = Assert.Single(Directory.GetDirectories(uploads));
        using var live = new UploadStaging(uploads, new UploadOptions());

        log.WriteLine($"{clock.Elapsed}: starting again");
        using var second = await ChildHost.StartWebAsync(environment);
        log.WriteLine($"{clock.Elapsed}: started");

        await Eventually.WaitForAsync(() => Task.FromResult(Directory.Exists(killed)), exists => !exists, TimeSpan.FromSeconds(30),
            "the killed upload's staging folder being removed");
        Assert.True(Directory.Exists(live.PackageDirectory));
    }

    private static long StagedBytes(string uploads) =>
        Directory.Exists(uploads) ? Directory.GetFiles(uploads, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

    /// <summary>A request body that sends some bytes, then nothing, as a client does whose server is killed mid-upload.</summary>
    private sealed class StalledStream(int bytes) : Stream
    {
        private int sent;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => sent; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (sent >= bytes)
                await Task.Delay(Timeout.Infinite, cancellationToken);
            var count = Math.Min(buffer.Length, bytes - sent);
            buffer.Span[..count].Fill(7);
            sent += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
