using System.Diagnostics;
using Hypergrid.Trials.Code;

namespace Hypergrid.Trials.Tests.Code;

/// <summary>What a program reports about itself is read link-safely and kept only in a plain form.</summary>
public sealed class ProgramInfoTests : IDisposable
{
    private readonly string attempt = Directory.CreateTempSubdirectory("hypergrid-info-").FullName;

    public void Dispose() => Directory.Delete(attempt, true);

    private string InfoPath => Path.Combine(attempt, ProgramInfo.File);

    [Fact]
    public void Plain_names_and_versions_are_kept()
    {
        var versions = ProgramInfo.Parse("""{"versions": {"python": "3.11.2", "torch": "2.1.0+cpu", "numpy": "1.24.2"}}""", out var problem);
        Assert.Null(problem);
        Assert.Equal(new SortedDictionary<string, string> { ["numpy"] = "1.24.2", ["python"] = "3.11.2", ["torch"] = "2.1.0+cpu" }, versions);
    }

    [Theory]
    [InlineData("""{"versions": {"python": "3.11", "bad name": "1"}}""", "bad name")]
    [InlineData("""{"versions": {"python": "3.11", "torch": 2}}""", "torch")]
    [InlineData("""{"versions": {"python": "3.11", "x": "<script>alert(1)</script>"}}""", "x")]
    public void Entries_of_another_form_are_left_out_and_named(string json, string named)
    {
        var versions = ProgramInfo.Parse(json, out var problem);
        Assert.Equal(["python"], versions!.Keys);
        Assert.Contains(named, problem);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""["versions"]""")]
    [InlineData("""{"versions": "3.11"}""")]
    public void A_file_that_is_not_a_versions_object_is_ignored_and_said_so(string text)
    {
        Assert.Null(ProgramInfo.Parse(text, out var problem));
        Assert.Contains("ignored", problem);
    }

    [Fact]
    public void A_link_to_a_file_outside_is_not_followed()
    {
        var outside = Path.Combine(Path.GetTempPath(), $"hypergrid-outside-{Guid.NewGuid():N}.json");
        File.WriteAllText(outside, """{"versions": {"secret": "1.0"}}""");
        try
        {
            File.CreateSymbolicLink(InfoPath, outside);
            Assert.Null(ProgramInfo.Read(attempt, out var problem));
            Assert.Contains("not a regular file", problem);
        }
        finally { File.Delete(outside); }
    }

    [Fact]
    public async Task A_fifo_in_its_place_does_not_block_the_reader()
    {
        using (var p = Process.Start("mkfifo", InfoPath)) p.WaitForExit();
        var read = Task.Run(() => ProgramInfo.Read(attempt, out _));
        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.Null(await read);
    }

    [Fact]
    public void A_file_over_the_limit_is_ignored()
    {
        File.WriteAllText(InfoPath, "{\"versions\": {\"python\": \"3.11\"}, \"pad\": \"" + new string('x', ProgramInfo.MaxBytes) + "\"}");
        Assert.Null(ProgramInfo.Read(attempt, out var problem));
        Assert.Contains("over", problem);
    }

    [Fact]
    public void No_file_is_no_versions_and_no_problem()
    {
        Assert.Null(ProgramInfo.Read(attempt, out var problem));
        Assert.Null(problem);
    }
}
