using System.Text.RegularExpressions;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Tests.Yaml;

/// <summary>
/// Scalars resolve as the YAML 1.2 core schema's patterns say, matched by hand: the same kind as the regular expressions
/// (read as .NET reads them) for every text of up to four characters from the characters that matter, and for longer,
/// signed, exponent, infinity, NaN, hex, octal, non-ASCII digit and newline-ended ones.
/// </summary>
public class ScalarResolverTests
{
    private static readonly Regex Int = new(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
    private static readonly Regex Float = new(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$");

    private static ScalarKind ByPattern(string plain)
    {
        if (plain is "" or "~" or "null" or "Null" or "NULL") return ScalarKind.Null;
        if (plain is "true" or "True" or "TRUE" or "false" or "False" or "FALSE") return ScalarKind.Bool;
        return Int.IsMatch(plain) ? ScalarKind.Int : Float.IsMatch(plain) ? ScalarKind.Float : ScalarKind.String;
    }

    [Fact]
    public void Every_short_text_resolves_as_the_core_schemas_patterns_resolve_it()
    {
        const string alphabet = "0189+-.eExoaf\n ";
        var texts = new List<string> { "" };
        for (var length = 1; length <= 4; length++)
            texts.AddRange(texts.Where(t => t.Length == length - 1).SelectMany(t => alphabet.Select(c => t + c)).ToList());
        Assert.True(texts.Count > 50_000);
        foreach (var text in texts)
            Assert.True(ByPattern(text) == ScalarResolver.Resolve(text), $"'{Regex.Escape(text)}': {ScalarResolver.Resolve(text)}, the patterns say {ByPattern(text)}");
    }

    [Theory]
    [InlineData("1e-5")]
    [InlineData("-1.5E+10")]
    [InlineData("+.5")]
    [InlineData("1.")]
    [InlineData(".5e3")]
    [InlineData("1.e5")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData(".")]
    [InlineData("-.")]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData("+.INF")]
    [InlineData(".iNf")]
    [InlineData(".nan")]
    [InlineData("-.nan")]
    [InlineData(".NaN")]
    [InlineData(".Nan")]
    [InlineData("0x1F")]
    [InlineData("0X1F")]
    [InlineData("0x")]
    [InlineData("-0x1")]
    [InlineData("0xg")]
    [InlineData("0o17")]
    [InlineData("0o8")]
    [InlineData("+0o7")]
    [InlineData("0o")]
    [InlineData("007")]
    [InlineData("12\n")]
    [InlineData("1.5\n")]
    [InlineData("12\n\n")]
    [InlineData("\n12")]
    [InlineData("12\r")]
    [InlineData("١٢")]
    [InlineData("１２")]
    [InlineData("1_000")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("yes")]
    [InlineData("null\n")]
    [InlineData("true\n")]
    [InlineData("~")]
    [InlineData("1e-5 ")]
    public void A_tricky_text_resolves_as_the_patterns_resolve_it(string text) => Assert.Equal(ByPattern(text), ScalarResolver.Resolve(text));

    [Fact]
    public void Random_longer_texts_resolve_as_the_patterns_resolve_them()
    {
        var random = new Random(11);
        const string alphabet = "0123456789+-.eEoxXaAbfFinINnN\n";
        for (var i = 0; i < 20_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(5, 14)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            Assert.True(ByPattern(text) == ScalarResolver.Resolve(text), $"'{Regex.Escape(text)}'");
        }
    }
}
