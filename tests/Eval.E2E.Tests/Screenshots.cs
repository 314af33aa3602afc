using Eval.TestKit;
using Microsoft.Playwright;

namespace Eval.E2E.Tests;

/// <summary>Screenshots of each page, kept under artifacts/screenshots for CI and for a person to look at.</summary>
public static class Screenshots
{
    public static string Directory { get; } = Path.Combine(Repo.Root, "artifacts", "screenshots");

    /// <summary>The whole page, or only what the window shows (pages thousands of pixels long time out whole).</summary>
    public static async Task<string> TakeAsync(IPage page, string name, bool fullPage = true)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    /// <summary>One element of the page, e.g. a chart below the fold.</summary>
    public static async Task<string> TakeAsync(ILocator element, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        return path;
    }
}
