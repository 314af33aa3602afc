using Eval.TestKit;

namespace Eval.Cli.Tests;

/// <summary>`evaluate --reproduce`: options that would change the run's spec, missing or unreadable files: exit 2 with one line.</summary>
public sealed class ReproduceArgumentsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData(new[] { "--reproduce", "run.json", "--responses", "r.jsonl", "--model", "m", "--scenario", "blimp" }, "--scenario cannot be given with --reproduce")]
    [InlineData(new[] { "--reproduce", "run.json", "--responses", "r.jsonl", "--model", "m", "--seed", "1" }, "--seed cannot be given with --reproduce")]
    [InlineData(new[] { "--reproduce", "run.json", "--model", "m" }, "--responses is required")]
    [InlineData(new[] { "--responses", "r.jsonl", "--model", "m", "--scenario", "blimp" }, "--responses needs --reproduce")]
    [InlineData(new[] { "--reproduce", "/nonexistent/run.json", "--responses", "r.jsonl", "--model", "m" }, "no run file /nonexistent/run.json")]
    [InlineData(new[] { "--reproduce", "http://127.0.0.1:9/api/runs/1", "--model", "m" }, "cannot read http://127.0.0.1:9/api/runs/1")]
    public async Task Reproduce_ExitsWith2AndOneLine_OnBadUsage(string[] args, string message)
    {
        var (code, stdout, stderr) = await RunAsync(["evaluate", .. args]);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, line);
    }

    [Theory]
    [InlineData("not json at all", "is not a run.json")]
    [InlineData("{\"id\": 3, \"scenario\": \"blimp\"}", "has no model.sha256")]
    [InlineData("{\"id\": \"three\"}", "id has the wrong type")]
    public async Task Reproduce_ExitsWith2_WhenRunJsonIsNotARunDocument(string content, string message)
    {
        var run = temp.File("run.json");
        await File.WriteAllTextAsync(run, content);

        var (code, _, stderr) = await RunAsync("evaluate", "--reproduce", run, "--responses", temp.File("r.jsonl"), "--model", Repo.ReferenceModel("gpt-nano-bpe4k"));

        Assert.Equal(2, code);
        Assert.Contains(message, Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    public void Dispose() => temp.Dispose();
}
