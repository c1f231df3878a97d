namespace Hypergrid.Trials.Tests;

// The same refusals and reads where openat2 is missing (before Linux 5.6, or refused by a seccomp filter): each folder
// opened from its parent without following a link.
public sealed class SafeFilesWalkTests : IDisposable
{
    private readonly SafeFilesSwappedFolderTests cases = new();

    public SafeFilesWalkTests()
    {
        Hypergrid.Trials.Posix.Beneath.WalkOnThisThread = true;
        Assert.False(Hypergrid.Trials.Posix.Beneath.UseOpenat2);
    }

    public void Dispose()
    {
        Hypergrid.Trials.Posix.Beneath.WalkOnThisThread = false;
        cases.Dispose();
    }

    [Theory]
    [MemberData(nameof(SafeFilesSwappedFolderTests.Swapped), MemberType = typeof(SafeFilesSwappedFolderTests))]
    public void A_folder_replaced_by_a_link_out_is_refused(string which, string name) =>
        cases.A_folder_read_before_and_then_replaced_by_a_link_out_is_not_trusted_for_its_files(which, name);

    [Theory]
    [MemberData(nameof(SafeFilesSwappedFolderTests.Swapped), MemberType = typeof(SafeFilesSwappedFolderTests))]
    public void A_folder_replaced_by_a_link_inside_is_followed(string which, string name) =>
        cases.A_folder_read_before_and_replaced_by_a_link_that_stays_under_the_root_is_followed(which, name);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_file_linking_out_is_refused(bool absolute) => cases.A_file_in_a_folder_read_before_that_links_out_reads_as_absent(absolute);

    [Fact]
    public void A_path_climbing_out_with_dots_is_refused() => cases.A_path_that_climbs_out_of_the_root_with_dots_reads_as_absent();

    [Fact]
    public void A_plain_file_and_a_link_inside_read_as_with_openat2()
    {
        var log = Directory.CreateTempSubdirectory("hypergrid-safe-walk-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(log, "a", "t"));
            File.WriteAllText(Path.Combine(log, "a", "t", "run.json"), "{}");
            File.CreateSymbolicLink(Path.Combine(log, "a", "t", "alias.json"), Path.Combine(log, "a", "t", "run.json")); // absolute, inside
            Directory.CreateSymbolicLink(Path.Combine(log, "b"), "a"); // a folder link, relative, inside
            Assert.Equal("{}"u8.ToArray(), SafeFiles.ReadAll(log, Path.Combine(log, "a", "t", "run.json")));
            Assert.Equal("{}"u8.ToArray(), SafeFiles.ReadAll(log, Path.Combine(log, "a", "t", "alias.json")));
            Assert.Equal("{}"u8.ToArray(), SafeFiles.ReadAll(log, Path.Combine(log, "b", "t", "run.json")));
        }
        finally
        {
            Directory.Delete(log, true);
        }
    }
}
