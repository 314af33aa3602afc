using Eval.TestKit;
using Eval.Web.Tests;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Eval.E2E.Tests;

public sealed class UploadBrowserTests(ITestOutputHelper output, Browser browser) : IClassFixture<Browser>, IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task UploadForm_ExplainsARefusal_ThenUploadsAModel_AndShowsItsProgressLiveTo100Percent()
    {
        // No reference models (their files would be duplicates) and a small quick suite, so the run takes a few seconds.
        using var factory = new EvalWebFactory(new Dictionary<string, string?>
        {
            ["Eval:FirstStart:RegisterReferenceModels"] = "false",
            ["Eval:Suites:Quick:MaxInstancesPerSubset"] = "5",
            ["Eval:Worker:ChunkSize"] = "50",
        });
        var address = factory.StartRealServer();
        await using var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var upload = new UploadPageObject(page);
        await upload.OpenAsync(address);
        // The browser is on the server's machine: no API key is asked for.
        await Assertions.Expect(upload.LocalBrowserNote).ToBeVisibleAsync();

        var broken = ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), temp.File("broken"));
        File.WriteAllText(Path.Combine(broken, "model.onnx"), "not an ONNX model");
        await upload.PickFilesAsync(broken);
        await upload.SubmitAsync();
        await Assertions.Expect(upload.Error).ToHaveAttributeAsync("data-code", "onnx_unreadable");
        await Assertions.Expect(upload.Error).ToContainTextAsync("Not an ONNX model");
        await Screenshots.TakeAsync(page, "upload-refused");

        await upload.NameAsync("browser-nano");
        // One group, so the model is finished when its one run is (the quick suite spans nine scenarios).
        await upload.OnlyGroupAsync("blimp");
        await upload.PickFilesAsync(ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), temp.File("nano")));
        await upload.SubmitAsync();
        await Assertions.Expect(upload.Error).ToHaveCountAsync(0);

        // Watch the pushed updates: no reload happens, the page re-renders as the run moves.
        var seen = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var status = await upload.RunStatus.CountAsync() > 0 ? await upload.RunStatus.First.InnerTextAsync() : "none";
            var progress = await upload.Progress.CountAsync() > 0 ? await upload.Progress.First.InnerTextAsync() : "";
            if (seen.Count == 0 || seen[^1] != $"{status} {progress}")
                seen.Add($"{status} {progress}");
            if (status == "finished")
                break;
            await Task.Delay(200);
        }
        output.WriteLine("seen: " + string.Join(" | ", seen));
        Assert.Equal("finished 100%", seen[^1]);
        Assert.True(seen.Count >= 2, "the page showed only the final state: " + string.Join(" | ", seen));
        await Assertions.Expect(upload.ModelStatus).ToHaveTextAsync("finished");
        await Screenshots.TakeAsync(page, "upload-finished");

        await upload.OpenModelAsync();
        await Assertions.Expect(page.GetByTestId("model-name")).ToHaveTextAsync("browser-nano");
        await Assertions.Expect(page.GetByTestId("model-status")).ToHaveTextAsync("finished");
    }

    public void Dispose() => temp.Dispose();
}
