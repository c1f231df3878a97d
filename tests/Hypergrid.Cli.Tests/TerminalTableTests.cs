using Spectre.Console;
using static Hypergrid.Cli.TerminalTable;

namespace Hypergrid.Cli.Tests;

/// <summary>The report's terminal table: Spectre's square table to the character where it fits, and within the width, whole and inert where it does not.</summary>
public sealed class TerminalTableTests
{
    private static TerminalTable Of(string? title, string[] heads, string[][] rows)
    {
        var table = new TerminalTable(title, heads);
        foreach (var row in rows) table.Add([.. row.Select(c => new[] { new Part(c) })]);
        return table;
    }

    // What Spectre draws for the same table on a console of that width without ANSI (a file or a pipe).
    private static string Spectre(string? title, string[] heads, string[][] rows, int width)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(writer) });
        console.Profile.Width = width;
        var table = new Table();
        if (title is not null) table.Title = new TableTitle(Markup.Escape(title));
        foreach (var h in heads) table.AddColumn(Markup.Escape(h));
        foreach (var row in rows) table.AddRow([.. row.Select(Markup.Escape)]);
        console.Write(table);
        return writer.ToString().Replace("\r\n", "\n");
    }

    public static TheoryData<string?, string[], string[][]> Tables => new()
    {
        { "sweep/mnist", ["trainer", "lr", "val_acc"], [["adam", "0.001", "0.9772 ± 0.0028 (n=5)"], ["sgd", "0.1", "0.91 ≈"]] },
        { null, ["a"], [["x"], [""], ["a longer cell [with brackets]"]] },
        { "数据 ünïcode", ["名前", "Δ 95% CI"], [["中文字", "[-0.0070, 0.0023]"], ["ascii", "é"]] },
        { "empty", ["only", "heads"], [] },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void A_table_that_fits_is_drawn_as_Spectre_draws_it(string? title, string[] heads, string[][] rows)
    {
        Assert.Equal(Spectre(title, heads, rows, 400), Of(title, heads, rows).Render(400, ansi: false));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(31)]
    [InlineData(12)]
    public void A_table_wider_than_the_terminal_wraps_its_cells_within_the_width_and_loses_no_word(int width)
    {
        string[] heads = ["trainer", "lr", "val_acc", "95% CI (bootstrap)"];
        string[][] rows = [["adam-with-a-long-name", "0.001", "0.9772 ± 0.0028 (n=5)", "[0.9752, 0.9792]"], ["中文字 字", "0.1", "0.91", ""]];
        var lines = Of("title", heads, rows).Render(width, ansi: false).TrimEnd('\n').Split('\n');
        var widths = lines.Skip(1).Select(TerminalTable.Width).Distinct().ToList();
        Assert.Single(widths); // every line of the box alike
        Assert.True(widths[0] <= Math.Max(width, 3 * heads.Length + 1 + 2 * heads.Length), $"{widths[0]} columns at width {width}");
        // Read column by column, the pieces put back together are the cells (a cut word rejoins without a space).
        var body = lines.SkipWhile(l => !l.StartsWith('├')).Skip(1).TakeWhile(l => !l.StartsWith('└')).ToList();
        var joined = string.Concat(body.Select(l => l.Split('│')[1].Trim()));
        Assert.Equal(string.Concat((rows[0][0] + rows[1][0]).Where(c => c != ' ')), joined.Replace(" ", ""));
    }

    [Fact]
    public void Control_characters_from_a_config_never_reach_the_terminal()
    {
        var table = Of("t\u001b]0;owned\u0007", ["lr"], [["\u001b[2J0.1"], ["ok\r\nforged row"]]);
        foreach (var ansi in new[] { false, true })
        {
            var text = table.Render(200, ansi);
            Assert.DoesNotContain('\u001b', text);
            Assert.DoesNotContain('\u0007', text);
            Assert.DoesNotContain('\r', text);
            Assert.Contains("\uFFFD[2J0.1", text);
            Assert.Contains("ok\uFFFD\uFFFDforged row", text);
        }
    }

    [Fact]
    public void The_best_is_bold_green_and_the_mark_yellow_only_on_a_terminal_that_takes_ANSI()
    {
        var table = new TerminalTable(null, ["v"]);
        table.Add([[new Part("0.97", TerminalTable.Style.Best)]]);
        table.Add([[new Part("0.96 "), new Part("≈", TerminalTable.Style.Mark)]]);
        var styled = table.Render(80, ansi: true);
        Assert.Contains("\u001b[1;32m0.97\u001b[0m", styled);
        Assert.Contains("0.96 \u001b[33m≈\u001b[0m", styled);
        Assert.Contains("\u001b[1m0.97\u001b[0m", table.Render(80, ansi: true, colour: false));
        Assert.DoesNotContain("\u001b[33m", table.Render(80, ansi: true, colour: false));
        Assert.DoesNotContain('\u001b', table.Render(80, ansi: false));
        Assert.Equal(Spectre(null, ["v"], [["0.97"], ["0.96 ≈"]], 80), table.Render(80, ansi: false));
    }

    [Fact]
    public void Without_unicode_the_box_is_ASCII()
    {
        var text = Of("t", ["a", "b"], [["1", "2"]]).Render(80, ansi: false, unicode: false);
        Assert.All(text, c => Assert.True(c < 128, $"'{c}' in {text}"));
        Assert.Contains("+---+---+", text);
    }
}
