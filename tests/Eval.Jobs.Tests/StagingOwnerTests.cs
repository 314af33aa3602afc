using System.Diagnostics;
using Eval.Jobs.Options;
using Eval.Jobs.Uploads;
using Eval.TestKit;

namespace Eval.Jobs.Tests;

/// <summary>Which staging folders a start removes: those whose owner process on this machine is gone; never a live one's or another machine's.</summary>
public sealed class StagingOwnerTests : IDisposable
{
    private readonly TempDirectory uploads = new();

    [Fact]
    public void DeleteLeftovers_RemovesDeadOwnersFolders_KeepsLiveOnesAndOtherMachines()
    {
        using var live = new UploadStaging(uploads.Path, new UploadOptions());
        using var sleeper = Process.Start("sleep", "30");
        var dead = new StagingOwner(Environment.MachineName, sleeper.Id, sleeper.StartTime.ToUniversalTime().Ticks);
        sleeper.Kill();
        sleeper.WaitForExit();
        var killed = Folder("killed", dead);
        var reusedId = Folder("reused-id", StagingOwner.Current with { StartTicksUtc = StagingOwner.Current.StartTicksUtc - TimeSpan.TicksPerMinute });
        var otherMachine = Folder("other-machine", dead with { Machine = "another-host" });
        var unowned = Folder("unowned", null);

        UploadStaging.DeleteLeftovers(uploads.Path);

        Assert.True(Directory.Exists(live.PackageDirectory));
        Assert.False(Directory.Exists(killed));
        Assert.False(Directory.Exists(reusedId));
        Assert.True(Directory.Exists(otherMachine));
        Assert.True(Directory.Exists(unowned));
        Assert.Equal(StagingOwner.Current, StagingOwner.ReadFrom(live.Root));
    }

    private string Folder(string name, StagingOwner? owner)
    {
        var folder = Path.Combine(uploads.Path, name);
        Directory.CreateDirectory(Path.Combine(folder, "package"));
        File.WriteAllBytes(Path.Combine(folder, "package", "model.onnx"), new byte[1024]);
        owner?.WriteTo(folder);
        return folder;
    }

    public void Dispose() => uploads.Dispose();
}
