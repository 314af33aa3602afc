using Eval.TestKit;
using Microsoft.Playwright;

namespace Eval.E2E.Tests;

/// <summary>Screenshots of each page, kept under artifacts/screenshots for CI and for a person to look at.</summary>
public static class Screenshots
{
    public static string Directory { get; } = Path.Combine(Repo.Root, "artifacts", "screenshots");

    public static async Task<string> TakeAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
