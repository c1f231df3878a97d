using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Hypergrid.Config;
using Hypergrid.Dashboard.Api;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// The page's own scripts served as one bundle (PageBundle): the page asked 17 scripts six at a time, three rounds of
/// requests before its first line of script ran. The bundle must be those files exactly, in index.html's order, strict
/// as each was, and the served page must name it instead of them (uPlot, not ours, stays its own file).
/// </summary>
public sealed class PageBundleTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hg-bundle-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private static readonly Regex Scripts = new("""<script src="([^"]+)"></script>""");

    [Fact]
    public void The_page_names_uPlot_and_one_bundle_of_every_own_script_in_index_htmls_order()
    {
        var dashboard = RepoFiles.FindFolder("dashboard", "index.html")!;
        var html = File.ReadAllText(Path.Combine(dashboard, "index.html"));
        var own = Scripts.Matches(html).Select(m => m.Groups[1].Value).Where(s => s.StartsWith("/assets/", StringComparison.Ordinal)).ToList();
        Assert.True(own.Count > 10, string.Join(",", own));
        var bundle = PageBundle.Of(dashboard);
        Assert.Equal(["/vendor/uplot/uPlot.iife.min.js", PageBundle.Path], Scripts.Matches(bundle.Html).Select(m => m.Groups[1].Value));
        var script = Encoding.UTF8.GetString(bundle.Script);
        Assert.StartsWith("'use strict';", script); // the joined script is strict, as each file is
        var at = 0;
        foreach (var name in own)
        {
            var text = File.ReadAllText(Path.Combine(dashboard, name["/assets/".Length..]));
            Assert.StartsWith("'use strict';", text); // a file that is not strict would make its followers' strictness differ
            Assert.Equal(at, script.IndexOf(text, at, StringComparison.Ordinal));
            at += text.Length + 1;
        }
        Assert.Equal(script.Length, at);
        // index.html's lines with the first own script's line naming the bundle instead and the others' lines gone.
        var lines = html.Split('\n').ToList();
        var ownLines = lines.Select((l, i) => (l, i)).Where(x => own.Any(o => x.l.Trim() == $"<script src=\"{o}\"></script>")).Select(x => x.i).ToList();
        lines[ownLines[0]] = lines[ownLines[0]].Replace(own[0], PageBundle.Path);
        foreach (var i in ownLines.Skip(1).Reverse()) lines.RemoveAt(i);
        Assert.Equal(string.Join('\n', lines), bundle.Html);
    }

    [Fact]
    public void An_edited_script_is_in_the_next_bundle_and_changes_its_etag()
    {
        File.WriteAllText(Path.Combine(dir, "index.html"), "<p>x</p>\n<script src=\"/assets/b.js\"></script>\n<script src=\"/assets/a.js\"></script>\n<p>y</p>\n");
        File.WriteAllText(Path.Combine(dir, "a.js"), "'use strict';\nconst A = 1;");
        File.WriteAllText(Path.Combine(dir, "b.js"), "'use strict';\nconst B = 2;");
        var before = PageBundle.Of(dir);
        Assert.Equal("'use strict';\nconst B = 2;\n'use strict';\nconst A = 1;\n", Encoding.UTF8.GetString(before.Script));
        Assert.Equal($"<p>x</p>\n<script src=\"{PageBundle.Path}\"></script>\n<p>y</p>\n", before.Html);
        File.WriteAllText(Path.Combine(dir, "a.js"), "'use strict';\nconst A = 3;");
        var after = PageBundle.Of(dir);
        Assert.EndsWith("const A = 3;\n", Encoding.UTF8.GetString(after.Script));
        Assert.NotEqual(before.ETag, after.ETag);
        Assert.Equal(after.ETag, PageBundle.Of(dir).ETag); // the same files, the same tag
    }

    [Fact]
    public async Task The_served_page_asks_the_bundle_which_revalidates_by_its_etag()
    {
        using var tree = new LogTree();
        await using var server = await TestServer.StartAsync(tree);
        var page = await server.Http.GetStringAsync("/");
        Assert.Contains($"<script src=\"{PageBundle.Path}\"></script>", page);
        Assert.DoesNotContain("/assets/app.js", page);
        using var first = await server.Http.GetAsync(PageBundle.Path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/javascript", first.Content.Headers.ContentType?.MediaType);
        Assert.Contains("function refresh(", await first.Content.ReadAsStringAsync());
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        using var again = new HttpRequestMessage(HttpMethod.Get, PageBundle.Path);
        again.Headers.IfNoneMatch.Add(etag);
        using var second = await server.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/assets/app.js")).StatusCode); // each file is still served (tests, tools)
    }
}
