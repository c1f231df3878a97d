using System.Diagnostics;
using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>Messages that say what happened: invisible characters shown, the dashboard's real address and port.</summary>
public class MessageTests
{
    [Theory]
    [InlineData("lr\u200b: 0.1\n", "lr\\u{200B}")]
    [InlineData("l\u0430: 0.1\n", "l\\u{0430}")]
    [InlineData("dropout\u00a0: 0.1\n", "dropout\\u{00A0}")]
    public void A_key_with_an_invisible_or_confusable_character_is_shown_escaped(string yaml, string shown)
    {
        using var study = new Study().Write("", "seed: 0\n").Write("sweep/synthetic/mlp/adam", yaml);
        var (code, output) = study.Run("expand");
        Assert.Equal(2, code);
        Assert.Contains($"key '{shown}'", output);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("machine")]
    public void The_dashboard_prints_the_port_it_got_and_for_a_name_the_addresses_it_listens_on(string host)
    {
        if (host == "machine") host = Environment.MachineName;
        using var study = new Study();
        Directory.CreateDirectory(study.Log);
        using var p = study.Start("dashboard", "--port", "0", "--host", host);
        try
        {
            var line = p.StandardOutput.ReadLine() ?? "";
            Assert.DoesNotContain(":0/", line);
            Assert.Matches($@"http://{System.Text.RegularExpressions.Regex.Escape(host)}:\d+/", line);
            if (host != "127.0.0.1" && host != "localhost") Assert.Contains("listening on http://", line);
        }
        finally
        {
            p.Kill(true);
        }
    }
}
