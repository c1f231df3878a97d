using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hypergrid.Trials.Code;

namespace Hypergrid.Trials.Tests;

/// <summary>
/// run.json's fast reader gives the serializer's answer for every file: the same record where the serializer reads one,
/// a refusal where it refuses (RunJson gives up and the serializer decides). Compared over records as workers write
/// them, the same with their members reordered, renamed, retyped, duplicated and escaped, numbers and dates in every
/// form, and damaged files (each prefix, each byte changed).
/// </summary>
public class RunJsonTests
{
    private static readonly JsonSerializerOptions Compact = new(TrialJson.Default.Options) { WriteIndented = false };

    [Fact]
    public void Records_as_workers_write_them_are_read_by_the_fast_reader_as_the_serializer_reads_them()
    {
        var fast = 0;
        for (var seed = 0; seed < 400; seed++)
        {
            var record = Generated(new Random(seed));
            foreach (var text in new[] { JsonSerializer.Serialize(record, TrialJson.Default.RunRecord), JsonSerializer.Serialize(record, Compact) })
            {
                Same(text);
                Assert.True(RunJson.TryFast(Encoding.UTF8.GetBytes(text), out _), $"a plain record was left to the serializer: {text}");
                fast++;
            }
        }
        Assert.Equal(800, fast);
    }

    [Fact]
    public void A_file_with_members_missing_reordered_unknown_or_null_gets_the_serializers_record()
    {
        for (var seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var members = JsonNode.Parse(JsonSerializer.Serialize(Generated(random), TrialJson.Default.RunRecord))!.AsObject()
                .Select(kv => (kv.Key, Value: kv.Value?.ToJsonString())).ToList();
            // Some members left out, the others shuffled, unknown ones and nulls put in.
            members = members.Where(_ => random.Next(4) > 0).OrderBy(_ => random.Next()).ToList();
            for (var i = random.Next(3); i > 0; i--)
                members.Insert(random.Next(members.Count + 1), (Pick(random, ["unknown", "Status", "STATUS", "run-id", "finals", "x"]), Pick(random, AnyValues)));
            for (var i = random.Next(3); i > 0 && members.Count > 0; i--)
            {
                var at = random.Next(members.Count);
                members[at] = (members[at].Key, "null");
            }
            Same("{" + string.Join(",", members.Select(m => $"\"{m.Key}\":{m.Value ?? "null"}")) + "}");
        }
    }

    // Values of every kind, for any member: the serializer refuses most of them for most members, and so must the reader.
    private static readonly string[] AnyValues =
    [
        "null", "true", "false", "0", "-0", "1", "-1", "1.0", "1.5", "1e3", "1E+3", "1e-3", "-1.25e-7", "2147483647", "2147483648", "-2147483648",
        "-2147483649", "1e400", "-1e400", "1e-400", "123456789012345678901234567890", "0.30000000000000004", "5e-324",
        "\"\"", "\"x\"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"nan\"", "\"infinity\"", "\"+Infinity\"", "\" NaN\"", "\"N\\u0061N\"", "\"1\"", "\"1.5\"",
        "\"complete\"", "\"Complete\"", "\"COMPLETE\"", "\"c\\u006fmplete\"", "\"failed\"", "\"paused\"", "\"lost\"", "\"interrupted\"", "\"running\"", "\"complete, failed\"",
        "\"2024-05-06T07:08:09Z\"", "\"2024-05-06T07:08:09+02:00\"", "\"2024-05-06T07:08:09.1234567-05:30\"", "\"2024-05-06T07:08:09.12345678Z\"", "\"2024-05-06\"",
        "\"2024-05-06T07:08\"", "\"2024-05-06 07:08:09\"", "\"2024-13-06T07:08:09Z\"", "\"2024-05-06t07:08:09z\"", "\"0001-01-01T00:00:00+00:00\"", "\"9999-12-31T23:59:59.9999999+14:00\"",
        "\"h\\u00e9llo\\n\\\"q\\\"\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"a\\/b\"",
        "[]", "[1,2.5]", "[\"NaN\",1]", "[null]", "[\"a\",null]", "[\"a\",\"b\"]", "[1,\"a\"]", "[[1]]",
        "{}", "{\"a\":1}", "{\"a\":null}", "{\"a\":\"NaN\"}", "{\"a\":\"x\"}", "{\"a\":1,\"a\":2}", "{\"a\":\"x\",\"a\":\"y\"}", "{\"a\":{\"b\":[1,{}]}}", "{\"\\u0061\":1}",
        "{\"name\":\"mnist\",\"source\":\"s\",\"train_samples\":10,\"val_samples\":2,\"checksum\":\"c\"}", "{\"name\":null}", "{\"train_samples\":1.5}", "{\"name\":\"a\",\"name\":\"b\"}",
        "{\"sha256\":\"abcdef0123\",\"files\":{\"b.py\":\"2\",\"a.py\":\"1\"},\"root\":\"/r\"}", "{\"path\":\"/usr/bin/python3\",\"real\":null,\"version\":\"3.11\"}",
    ];

    [Fact]
    public void Every_member_with_every_kind_of_value_gets_the_serializers_answer()
    {
        var names = Names();
        Assert.True(names.Count >= 31, string.Join(",", names));
        foreach (var name in names.Append("unknown"))
            foreach (var value in AnyValues)
            {
                Same($"{{\"{name}\":{value}}}");
                Same($"{{\"status\":\"complete\",\"{name}\":{value},\"host\":\"h\"}}");
            }
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("1")]
    [InlineData("\"x\"")]
    [InlineData("{}")]
    [InlineData("{} ")]
    [InlineData("{}\n\t\r ")]
    [InlineData("{} x")]
    [InlineData("{}{}")]
    [InlineData("{},")]
    [InlineData("{\"status\":\"complete\",}")]
    [InlineData("{\"status\":\"complete\" // a comment\n}")]
    [InlineData("{\"status\":\"complete\" /* a comment */}")]
    [InlineData("{\"status\":\"complete\",\"status\":\"failed\"}")]
    [InlineData("{\"final\":{\"val_acc\":1,\"val_acc\":2}}")]
    [InlineData("{\"versions\":{\"a\":\"1\",\"a\":\"2\"}}")]
    [InlineData("{\"st\\u0061tus\":\"failed\"}")]
    [InlineData("{\"$id\":\"1\",\"status\":\"failed\"}")]
    [InlineData("{\"$type\":\"x\"}")]
    [InlineData("{\"status\":'complete'}")]
    [InlineData("{status:\"complete\"}")]
    [InlineData("{\"status\":\"complete\"")]
    [InlineData("{\"final\":{\"val_acc\":NaN}}")]
    [InlineData("{\"final\":{\"val_acc\":-Infinity}}")]
    [InlineData("{\"final\":{\"val_acc\":01}}")]
    [InlineData("{\"final\":{\"val_acc\":.5}}")]
    [InlineData("{\"final\":{\"val_acc\":1.}}")]
    [InlineData("{\"final\":{\"val_acc\":+1}}")]
    [InlineData("{\"final\":{\"val_acc\":0x10}}")]
    [InlineData("{\"final\":{\"\":1}}")]
    [InlineData("{\"final\":{\"a\\u0000b\":1}}")]
    [InlineData("{\"host\":\"\\u0000\"}")]
    [InlineData("{\"host\":\"tab\there\"}")]
    [InlineData("{\"config\":{\"a\":1,\"a\":2}}")]
    [InlineData("{\"config\":[1]}")]
    [InlineData("{\"config\":{\"lr\":\"NaN\",\"x\":{\"y\":[true,null]}}}")]
    [InlineData("{\"code\":{\"sha256\":null,\"globs\":[\"*.py\"],\"files\":{}}}")]
    [InlineData("{\"code\":{\"files\":null}}")]
    [InlineData("{\"interpreter\":{\"path\":\"p\",\"path\":\"q\"}}")]
    [InlineData("{\"program_versions\":{\"torch\":\"2.1\",\"numpy\":\"1.26\"}}")]
    [InlineData("{\"data\":{\"name\":\"a\",\"extra\":[1,{}],\"train_samples\":-0}}")]
    [InlineData("{\"data\":{\"Name\":\"a\"}}")]
    [InlineData("{\"data\":{\"n\\u0061me\":\"a\"}}")]
    [InlineData("{\"data\":{}}")]
    [InlineData("{\"attempt_seconds\":[1,\"NaN\",\"-Infinity\",1e308]}")]
    [InlineData("{\"attempt_seconds\":[1,null]}")]
    [InlineData("{\"gpus\":[\"0\",null]}")]
    [InlineData("{\"command\":[]}")]
    [InlineData("{\"yielded\":null}")]
    [InlineData("{\"yielded\":\"true\"}")]
    [InlineData("{\"pid\":null}")]
    [InlineData("{\"ended\":null,\"started\":null}")]
    public void A_hostile_file_gets_the_serializers_answer(string text) => Same(text);

    [Fact]
    public void Every_prefix_and_every_changed_byte_of_a_file_gets_the_serializers_answer()
    {
        var random = new Random(7);
        var text = JsonSerializer.Serialize(Generated(random, full: true), Compact);
        for (var i = 0; i <= text.Length; i++) Same(text[..i]);
        const string bytes = "{}[],:\"\\0123456789-+.eEtrufalsn \n/x\u00e9";
        for (var i = 0; i < text.Length; i++)
        {
            Same(text[..i] + text[(i + 1)..]);
            Same(text[..i] + bytes[random.Next(bytes.Length)] + text[(i + 1)..]);
            Same(text[..i] + bytes[random.Next(bytes.Length)] + text[i..]);
        }
    }

    [Fact]
    public void Invalid_UTF8_in_a_file_gets_the_serializers_answer()
    {
        foreach (var bad in new byte[][] { [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xEF, 0xBB, 0xBF] })
            foreach (var member in new[] { "host", "unknown", "final" })
            {
                var head = Encoding.UTF8.GetBytes(member == "final" ? "{\"final\":{\"a" : $"{{\"{member}\":\"a");
                var tail = Encoding.UTF8.GetBytes(member == "final" ? "\":1}}" : "\"}");
                Same([.. head, .. bad, .. tail]);
            }
    }

    [Fact]
    public void The_records_read_from_a_folder_are_the_serializers_also_with_a_byte_order_mark()
    {
        var dir = Directory.CreateTempSubdirectory("hypergrid-runjson-").FullName;
        try
        {
            var record = Generated(new Random(3), full: true);
            var text = JsonSerializer.Serialize(record, TrialJson.Default.RunRecord);
            File.WriteAllBytes(Path.Combine(dir, TrialFiles.Run), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
            Assert.Equal(text, JsonSerializer.Serialize(RunRecord.TryRead(dir), TrialJson.Default.RunRecord));
            File.WriteAllText(Path.Combine(dir, TrialFiles.Run), "{\"status\":\"complete\",\"status\":\"failed\"}");
            Assert.Equal(Serializer(Encoding.UTF8.GetBytes("{\"status\":\"complete\",\"status\":\"failed\"}")), Describe(RunRecord.TryRead(dir)));
        }
        finally { Directory.Delete(dir, true); }
    }

    // The fast reader either gives up or gives the serializer's record; RunJson.Read as a whole gives the serializer's answer.
    private static void Same(string text) => Same(Encoding.UTF8.GetBytes(text));

    private static void Same(byte[] bytes)
    {
        var expected = Serializer(bytes);
        if (RunJson.TryFast(bytes, out var fast))
            Assert.True(expected == Describe(fast), $"fast {Describe(fast)} but the serializer {expected} for {Encoding.UTF8.GetString(bytes)}");
        string actual;
        try { actual = Describe(RunJson.Read(bytes)); }
        catch (JsonException) { actual = "refused"; }
        Assert.True(expected == actual, $"read {actual} but the serializer {expected} for {Encoding.UTF8.GetString(bytes)}");
    }

    private static string Serializer(byte[] bytes)
    {
        try { return Describe(JsonSerializer.Deserialize(bytes, TrialJson.Default.RunRecord)); }
        catch (JsonException) { return "refused"; }
    }

    // Every member written, nulls and empties told apart, numbers in round-trip form: equal texts, equal records.
    private static string Describe(RunRecord? r) => r is null ? "null" : JsonSerializer.Serialize(r, Compact) +
        $" nulls:{r.CfgSha256 is null}{r.Host is null}{r.Device is null}{r.Versions is null}{r.Final is null}{r.Gpus is null}{r.Command is null}{r.AttemptSeconds is null}" +
        $" types:{r.AttemptSeconds?.GetType().Name},{r.Gpus?.GetType().Name},{r.Command?.GetType().Name},{r.Versions?.Comparer.GetType().Name},{r.Code?.Files?.Comparer.GetType().Name}";

    [Fact]
    public void The_fast_reader_knows_every_member_the_serializer_knows_in_its_order()
    {
        // A member added to RunRecord but not to RunJson.Names would be skipped as unknown in every plain run.json.
        var serializer = TrialJson.Default.RunRecord.Properties!.Select(p => p.Name).ToList();
        Assert.Equal(serializer, RunJson.Names.Select(n => System.Text.Encoding.UTF8.GetString(n)).ToList());
    }

    private static List<string> Names() =>
        JsonNode.Parse(JsonSerializer.Serialize(Generated(new Random(1), full: true), Compact))!.AsObject().Select(kv => kv.Key).ToList();

    private static T Pick<T>(Random random, IReadOnlyList<T> from) => from[random.Next(from.Count)];

    private static double Number(Random random) => random.Next(8) switch
    {
        0 => double.NaN,
        1 => random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
        2 => -0.0,
        3 => random.Next(),
        4 => BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d : 1e-300,
        _ => random.NextDouble() * Math.Pow(10, random.Next(-10, 10)),
    };

    private static string Text(Random random) =>
        Pick(random, ["", "cpu", "cuda:0", "host-1.example", "é ü 中文", "tab\tnew\nline \"quoted\" back\\slash", "\u0001\u001f", "</script>", "😀", "a/b"]);

    // A record as a worker writes one: any of its members set, with values of every kind they take.
    private static RunRecord Generated(Random random, bool full = false)
    {
        bool Some() => full || random.Next(2) == 0;
        var final = new Dictionary<string, double?>();
        foreach (var metric in new[] { "val_loss", "val_acc", "best_val_acc", "train_loss", "score é" })
            if (Some()) final[metric] = random.Next(6) == 0 ? null : Number(random);
        var config = new JsonObject { ["lr"] = 0.001, ["hidden"] = new JsonArray(1, 2), ["name"] = Text(random), ["opt"] = new JsonObject { ["beta"] = 0.9, ["x"] = null } };
        return new RunRecord
        {
            Status = Pick(random, Enum.GetValues<RunStatus>()),
            RunId = Some() ? Guid.NewGuid().ToString("N") : null,
            CfgSha256 = Text(random),
            ParamsSha256 = Some() ? "abc123" : null,
            EffectiveSha256 = Some() ? "def456" : null,
            Config = Some() ? config : null,
            Started = new DateTimeOffset(2020 + random.Next(10), 1 + random.Next(12), 1 + random.Next(28), random.Next(24), random.Next(60), random.Next(60), TimeSpan.FromMinutes(15 * random.Next(-40, 50))).AddTicks(random.Next(10_000_000)),
            Ended = Some() ? DateTimeOffset.UnixEpoch.AddSeconds(random.Next()) : null,
            Seconds = Some() ? Number(random) : null,
            AttemptSeconds = Some() ? [.. Enumerable.Range(0, random.Next(4)).Select(_ => Number(random))] : null,
            Host = Text(random),
            Pid = random.Next(int.MinValue, int.MaxValue),
            Threads = random.Next(64),
            Device = Text(random),
            Gpus = Some() ? [.. Enumerable.Range(0, random.Next(3)).Select(i => i.ToString(CultureInfo.InvariantCulture))] : null,
            Versions = Some() ? new Dictionary<string, string> { ["hypergrid"] = "1.0", ["torch"] = Text(random) } : [],
            Data = Some() ? new DataRecord(Text(random), Text(random), random.Next(), random.Next(int.MinValue, 0), "sha") : null,
            Final = final,
            Error = Some() ? Text(random) : null,
            SlurmJob = Some() ? "123_4" : null,
            ResumedFrom = Some() ? "epoch 3 batch 120" : null,
            Yielded = random.Next(2) == 0,
            PausedAt = Some() ? random.Next(10) : null,
            Epochs = Some() ? random.Next(10) : null,
            EpochsPastRung = Some() ? random.Next(3) : null,
            WeightsSha256 = Some() ? "w" : null,
            ExitCode = Some() ? random.Next(-1, 256) : null,
            Command = Some() ? ["python3", "train.py", Text(random)] : null,
            Code = Some() ? new CodeRecord { Sha256 = "0123456789abcdef", Files = new(StringComparer.Ordinal) { ["b.py"] = "2", ["a.py"] = "1" }, Root = "/study", GitDirty = true } : null,
            Interpreter = Some() ? new InterpreterRecord("/usr/bin/python3", null, "3.11") : null,
            ProgramVersions = Some() ? new SortedDictionary<string, string> { ["torch"] = "2.1", ["numpy"] = "1.26" } : null,
        };
    }
}
