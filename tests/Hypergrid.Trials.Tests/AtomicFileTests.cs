namespace Hypergrid.Trials.Tests;

// AtomicFile writes through open/write/close/rename on Linux (an expansion writes 10,000 files): the same file, the same
// exceptions and no temp file left, as the .NET path it replaced.
public sealed class AtomicFileTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-atomic-").FullName;

    public void Dispose() => Directory.Delete(root, true);

    [Theory]
    [InlineData(false, 0)]
    [InlineData(false, 70_000)] // more than one write's worth on some filesystems
    [InlineData(true, 320)]     // replaces what was there
    public void A_write_leaves_exactly_the_bytes_and_no_temp_file(bool existing, int size)
    {
        var path = Path.Combine(root, "cfg.yaml");
        if (existing) File.WriteAllText(path, new string('x', 10_000));
        var bytes = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
        AtomicFile.WriteAllBytes(path, bytes);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(["cfg.yaml"], Directory.GetFiles(root).Select(Path.GetFileName));
        // The mode .NET gives a new file (the umask decides).
        File.WriteAllText(Path.Combine(root, "dotnet"), "");
        if (!OperatingSystem.IsWindows()) Assert.Equal(File.GetUnixFileMode(Path.Combine(root, "dotnet")), File.GetUnixFileMode(path));
        File.Delete(Path.Combine(root, "dotnet"));
    }

    [Fact]
    public void A_write_into_a_missing_folder_throws_as_dotnet_does_and_writes_nothing()
    {
        var path = Path.Combine(root, "gone", "cfg.yaml");
        Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAllText(path, "lr: 0.1\n"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public void A_write_over_a_folder_throws_an_io_error_naming_the_file_and_leaves_no_temp_file()
    {
        var path = Path.Combine(root, "cfg.yaml");
        Directory.CreateDirectory(path);
        var e = Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(path, "lr: 0.1\n"));
        Assert.Contains("cfg.yaml", e.Message);
        Assert.Equal(["cfg.yaml"], Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName));
    }

    [Fact]
    public void Temp_names_are_unique_across_threads_and_marked_as_this_process_temp_files()
    {
        var names = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 20_000, _ => names.Add(AtomicFile.TempPathFor(Path.Combine(root, "cfg.yaml"))));
        Assert.Equal(20_000, names.Distinct().Count());
        Assert.All(names, n => Assert.True(AtomicFile.IsTemp(Path.GetFileName(n)) && n.Contains($".{Environment.ProcessId}."), n));
    }
}
