using System.IO.Hashing;
using System.Text;
using System.Text.RegularExpressions;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// The page's own scripts in one file. index.html names 17 scripts of dashboard/ one by one (each small, each testable
/// by itself in node); a browser asks six at a time from one server, so the page waited three rounds of requests before
/// its first line of script ran (about 150 ms of the 500 ms the page of 200 trials took to be ready on a quiet host).
/// Served, the page names one bundle instead: the same files, in index.html's order, joined by a newline. Every one
/// of them begins with 'use strict', so the joined script is strict as each file was; uPlot (not strict, not ours)
/// stays its own file. Built from the files as they are at each request (an edited dashboard/ is served at once);
/// its ETag is the joined bytes' hash, so a page opened again revalidates one file, not 17.
/// </summary>
public sealed partial class PageBundle
{
    /// <summary>The path the page asks the bundle at.</summary>
    public const string Path = "/assets/page.bundle.js";

    // The joined scripts are read only when asked: serving "/" needs index.html alone, not 17 files read and hashed.
    private readonly Lazy<(byte[] Script, string ETag)> joined;

    private PageBundle(string html, Lazy<(byte[], string)> joined) => (Html, this.joined) = (html, joined);

    /// <summary>index.html with the lines of its own scripts' tags replaced by one line naming the bundle, where the first of them was.</summary>
    public string Html { get; }

    /// <summary>The scripts joined, UTF-8.</summary>
    public byte[] Script => joined.Value.Script;

    /// <summary>The strong ETag of <see cref="Script"/> (quoted hex of its XXH3).</summary>
    public string ETag => joined.Value.ETag;

    [GeneratedRegex("""(?m)^([ \t]*)<script src="/assets/([A-Za-z0-9_.-]+\.js)"></script>\r?\n?""")]
    private static partial Regex OwnScript();

    /// <summary>The bundle of dashboard/ as it is now: index.html's own scripts, in its order (read when first asked).</summary>
    public static PageBundle Of(string dashboardDir)
    {
        var html = File.ReadAllText(System.IO.Path.Combine(dashboardDir, "index.html"));
        var names = OwnScript().Matches(html).Select(m => m.Groups[2].Value).ToList();
        var first = true;
        var page = OwnScript().Replace(html, m =>
        {
            if (!first) return "";
            first = false;
            return $"{m.Groups[1].Value}<script src=\"{Path}\"></script>\n";
        });
        return new PageBundle(page, new Lazy<(byte[], string)>(() =>
        {
            var joined = new StringBuilder();
            foreach (var name in names)
                joined.Append(File.ReadAllText(System.IO.Path.Combine(dashboardDir, name))).Append('\n');
            var script = Encoding.UTF8.GetBytes(joined.ToString());
            return (script, $"\"{XxHash3.HashToUInt64(script):x16}\"");
        }));
    }
}
