using Microsoft.Playwright;

namespace Eval.E2E.Tests;

/// <summary>The upload page as a user works it: fill the form, pick files, submit, read the answer and the live progress.</summary>
public sealed class UploadPageObject(IPage page)
{
    private static readonly Dictionary<string, string> InputOfFile = new()
    {
        ["model.onnx"] = "file-model", ["tokenizer.json"] = "file-tokenizer", ["config.json"] = "file-config",
        ["tokenizer_config.json"] = "file-tokenizer_config",
    };

    public async Task OpenAsync(Uri address)
    {
        await page.GotoAsync(new Uri(address, "/upload").ToString());
        await page.Locator("[data-testid=circuit][data-connected=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.GetByTestId("upload-form").WaitForAsync();
    }

    public ILocator LocalBrowserNote => page.GetByTestId("local-browser");

    /// <summary>Picks each package file of <paramref name="folder"/> in its own file input.</summary>
    public async Task PickFilesAsync(string folder)
    {
        foreach (var file in Directory.GetFiles(folder).Where(f => InputOfFile.ContainsKey(Path.GetFileName(f))))
            await page.GetByTestId(InputOfFile[Path.GetFileName(file)]).SetInputFilesAsync(file);
    }

    public Task NameAsync(string name) => page.GetByTestId("upload-name").FillAsync(name);

    /// <summary>Leaves only <paramref name="group"/> ticked among the scenario groups.</summary>
    public async Task OnlyGroupAsync(string group)
    {
        var boxes = page.Locator("[data-testid^=upload-group-]");
        for (var i = 0; i < await boxes.CountAsync(); i++)
        {
            var box = boxes.Nth(i);
            await box.SetCheckedAsync(await box.GetAttributeAsync("data-testid") == $"upload-group-{group}");
        }
    }

    /// <summary>Submits and waits for an answer: the result panel or a problem.</summary>
    public async Task SubmitAsync()
    {
        await page.GetByTestId("upload-submit").ClickAsync();
        await page.Locator("[data-testid=upload-result], [data-testid=upload-error]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
    }

    public ILocator Error => page.GetByTestId("upload-error");

    public ILocator Progress => page.Locator("[data-testid=upload-result] [data-testid=progress]");

    public ILocator RunStatus => page.Locator("[data-testid=upload-result] [data-testid=run-status]");

    public ILocator ModelStatus => page.Locator("[data-testid=upload-result] [data-testid=model-status]");

    public Task OpenModelAsync() => page.GetByTestId("upload-model-link").ClickAsync();
}
