using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

/// <summary>
/// A batch log's header judged by its bytes where its names are plain ASCII gives the answer of reading its names: sound
/// exactly when <c>Read(handle)</c> has no problem, and the same length, for headers of every shape (names missing,
/// empty, twice, quoted, non-ASCII, a byte-order mark, CR, no newline, longer than a first read, more than 64 names).
/// </summary>
public sealed class BatchLogHeaderSoundTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hypergrid-header-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private void Same(byte[] bytes)
    {
        var path = Path.Combine(dir, "batch_log.csv");
        File.WriteAllBytes(path, bytes);
        using var handle = File.OpenHandle(path);
        var header = BatchLogHeader.Read(handle);
        var sound = BatchLogHeader.IsSound(handle, out var length);
        var text = Encoding.UTF8.GetString(bytes).Replace("\r", "\\r").Replace("\n", "\\n");
        Assert.True(sound == header is { Problem: null }, $"sound {sound}, but read: {header?.Problem ?? "no header"} for '{text}'");
        if (sound) Assert.True(length == header!.Length, $"length {length}, read {header.Length} for '{text}'");
    }

    private void Same(string text) => Same(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("epoch,mode,batch\n1,train,0\n")]
    [InlineData("batch,loss,mode,epoch\n")]
    [InlineData("epoch,mode,batch")]
    [InlineData("epoch,mode,batch\r\n1,train,0\r\n")]
    [InlineData("epoch,mode\n")]
    [InlineData("epoch,mode,batch,\n")]
    [InlineData(",epoch,mode,batch\n")]
    [InlineData("epoch,mode,batch,loss,loss\n")]
    [InlineData("epoch,mode,batch,epoch\n")]
    [InlineData("Epoch,mode,batch\n")]
    [InlineData("epoch ,mode,batch\n")]
    [InlineData("\"epoch\",mode,batch\n")]
    [InlineData("\"ep\"\"och\",mode,batch\n")]
    [InlineData("epoch,mode,batch,\"a,b\"\n")]
    [InlineData("epoch,mode,batch,caf\u00e9,cafe\u0301\n")]
    [InlineData("epoch,mode,batch,\u00e9,\u00e9\n")]
    [InlineData("\uFEFFepoch,mode,batch\n")]
    [InlineData("\uFEFF\uFEFFepoch,mode,batch\n")]
    [InlineData("epoch,mode,batch\r\r\n")]
    [InlineData("epoch,mo\rde,batch\n")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("")]
    [InlineData(",\n")]
    [InlineData("epoch,mode,batch,\0,x\0\n")]
    public void A_header_is_sound_exactly_when_its_names_read_so(string text) => Same(text);

    [Fact]
    public void Invalid_UTF8_names_are_judged_as_their_strings_are()
    {
        // Two different invalid bytes both read as U+FFFD: twice, as strings.
        Same([.. "epoch,mode,batch,"u8, 0xFF, (byte)',', 0xFE, (byte)'\n']);
        Same([.. "epoch,mode,batch,"u8, 0xC3, (byte)'\n']);
    }

    [Fact]
    public void Long_headers_and_many_names_are_judged_as_read()
    {
        foreach (var names in new[] { 3, 20, 63, 64, 65, 70, 200 })
        {
            var line = string.Join(',', new[] { "epoch", "mode", "batch" }.Concat(Enumerable.Range(0, names - 3).Select(i => $"metric_{i}")));
            Same(line + "\n1,train,0\n");
            Same(line + ",metric_0\n");
            Same(line);
        }
        Same(string.Join(',', Enumerable.Repeat("x", 300)) + ",epoch,mode,batch\n");
    }

    // Quoted, non-ASCII, longer than a first read (512 bytes) or than the reader's first buffer (2048), or no newline.
    public static TheoryData<string> NotPlain => new()
    {
        "\"epoch\",mode,batch\n1,train,0\n",
        "epoch,mode,batch,caf\u00e9\n",
        string.Join(',', ["epoch", "mode", "batch", .. Enumerable.Range(0, 100).Select(i => $"m{i}")]) + "\n",
        string.Join(',', ["\"epoch\"", "mode", "batch", .. Enumerable.Range(0, 600).Select(i => $"m{i}")]) + "\n1,train,0\n",
        string.Join(',', Enumerable.Range(0, 200).Select(i => $"m{i}")),
    };

    [Theory]
    [MemberData(nameof(NotPlain))]
    public void A_header_whose_names_must_be_made_is_read_once(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var times = new int[bytes.Length];
        var sound = BatchLogHeader.IsSound((into, at) =>
        {
            var n = (int)Math.Min(into.Length, Math.Max(0, bytes.Length - at));
            bytes.AsSpan((int)at, n).CopyTo(into);
            for (var i = 0; i < n; i++) times[at + i]++;
            return n;
        }, out var length);
        Assert.True(times.Max() == 1, $"a byte read {times.Max()} times");
        var header = BatchLogHeader.Read(bytes);
        Assert.Equal(header is { Problem: null }, sound);
        Assert.Equal(sound ? header!.Length : 0, sound ? length : 0);
    }

    [Fact]
    public void Random_headers_are_judged_as_read()
    {
        var random = new Random(5);
        string[] parts = ["epoch", "mode", "batch", "loss", "acc", "", "\"q\"", "\u00e9", "\r", "Epoch", "time"];
        for (var i = 0; i < 2000; i++)
        {
            var line = string.Join(',', Enumerable.Range(0, random.Next(1, 8)).Select(_ => parts[random.Next(parts.Length)]));
            Same(random.Next(4) == 0 ? line : line + "\n" + (random.Next(2) == 0 ? "1,train,0\n" : ""));
        }
    }
}
