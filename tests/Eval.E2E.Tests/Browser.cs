using Microsoft.Playwright;

namespace Eval.E2E.Tests;

/// <summary>Debian's chromium driven by Playwright (never `playwright install`), with STACK.md pitfall 6's flags.</summary>
public sealed class Browser : IAsyncLifetime
{
    public const string DefaultExecutable = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Instance { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("EVAL_CHROMIUM") ?? DefaultExecutable;
        if (!File.Exists(executable))
            throw new InvalidOperationException($"{executable} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does");
        playwright = await Playwright.CreateAsync();
        Instance = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Instance.DisposeAsync();
        playwright?.Dispose();
    }

    /// <summary>Playwright .NET has no toPass(): retry an interaction a few times (a click can beat the circuit).</summary>
    public static async Task RetryAsync(Func<Task> action, int attempts = 5)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception) when (i < attempts)
            {
                await Task.Delay(300);
            }
        }
    }
}
