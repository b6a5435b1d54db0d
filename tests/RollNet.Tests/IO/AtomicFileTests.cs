using RollNet.IO;
using RollNet.Tests.Model;
using Xunit;

namespace RollNet.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Trait("Category", "Hostile")]
    [Fact]
    public void AFailedWriteLeavesNothingAndNamesTheFileAskedFor()
    {
        File.WriteAllText(_directory.File("plain"), "a file, not a folder");
        string path = Path.Combine(_directory.File("plain"), "song.mid");

        var error = Assert.ThrowsAny<IOException>(() => AtomicFile.Write(path, stream => stream.WriteByte(1)));

        Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp-", error.Message, StringComparison.Ordinal);
        Assert.Equal(["plain"], _directory.Listing());
    }

    // The rename failed only after the whole file was written, in .NET's words ("Is a directory : '…'").
    [Trait("Category", "Hostile")]
    [Fact]
    public void AFolderWhereTheFileShouldBeIsRefusedByNameBeforeAnythingIsWritten()
    {
        string path = _directory.File("song.mid");
        Directory.CreateDirectory(path);
        bool wrote = false;

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream => wrote = true));

        Assert.Equal($"{path}: a folder, not a file to write", error.Message);
        Assert.False(wrote);
        Assert.Empty(_directory.Listing());
        Assert.Empty(Directory.EnumerateFileSystemEntries(path));
    }

    [Fact]
    public void AWriteThatThrowsKeepsTheOldContentsAndLeavesNoTemporaryFile()
    {
        string path = _directory.File("metrics.csv");
        File.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.WriteByte(1);
            throw new InvalidOperationException("interrupted");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["metrics.csv"], _directory.Listing());
    }

    [Trait("Category", "Hostile")]
    [Fact]
    public void RemoveLeftoversDeletesOnlyTheTemporaryFilesOfThatPath()
    {
        string[] leftovers = ["last.rollnet.tmp-0123456789abcdef", "last.rollnet.tmp-fedcba9876543210"];
        string[] kept = ["last.rollnet", "last.rollnet.tmp-notahexnumber!!", "last.rollnet.tmp-0123", "best.rollnet.tmp-0123456789abcdef", "notes.txt"];
        foreach (string name in leftovers.Concat(kept))
        {
            File.WriteAllText(_directory.File(name), name);
        }

        Assert.Equal(2, AtomicFile.RemoveLeftovers(_directory.File("last.rollnet")));

        Assert.Equal(kept.Order(StringComparer.Ordinal), _directory.Listing().Order(StringComparer.Ordinal));
        Assert.Equal(0, AtomicFile.RemoveLeftovers(Path.Combine(_directory.File("absent"), "last.rollnet")));
    }

    public void Dispose() => _directory.Dispose();
}
