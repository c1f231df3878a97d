using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Hypergrid.Training.Data;

using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>'hypergrid data fetch mnist' against a local HTTP server serving IDX files the test builds.</summary>
public sealed class MnistFetchTests : IDisposable
{
    private readonly Dictionary<string, byte[]> files = [];
    private readonly HttpListener server = new();
    private readonly string url;
    private readonly Study study = new();

    public MnistFetchTests()
    {
        var rng = new Random(7);
        files["train-images-idx3-ubyte.gz"] = Gz(Idx(2051, 60, rng, images: true));
        files["train-labels-idx1-ubyte.gz"] = Gz(Idx(2049, 60, rng, images: false));
        files["t10k-images-idx3-ubyte.gz"] = Gz(Idx(2051, 20, rng, images: true));
        files["t10k-labels-idx1-ubyte.gz"] = Gz(Idx(2049, 20, rng, images: false));
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        url = $"http://127.0.0.1:{port}/mirror/";
        server.Prefixes.Add(url);
        server.Start();
        _ = Task.Run(Serve);
    }

    private async Task Serve()
    {
        while (server.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await server.GetContextAsync(); } catch (Exception) { return; }
            var name = ctx.Request.Url!.Segments[^1];
            if (files.TryGetValue(name, out var body))
            {
                ctx.Response.ContentLength64 = body.Length;
                await ctx.Response.OutputStream.WriteAsync(body);
            }
            else ctx.Response.StatusCode = 404;
            ctx.Response.Close();
        }
    }

    private static byte[] Idx(int magic, int count, Random rng, bool images)
    {
        var header = images ? new[] { magic, count, 28, 28 } : new[] { magic, count };
        var body = new byte[count * (images ? 784 : 1)];
        rng.NextBytes(body);
        if (!images) for (var i = 0; i < body.Length; i++) body[i] %= 10;
        return header.SelectMany(v => new[] { (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v }).Concat(body).ToArray();
    }

    private static byte[] Gz(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(raw);
        return ms.ToArray();
    }

    private string Checksums(Func<string, byte[], string>? md5 = null)
    {
        var path = Path.Combine(study.Root, "MD5SUMS");
        File.WriteAllLines(path, files.Select(f => $"{(md5 ?? ((_, b) => Convert.ToHexStringLower(MD5.HashData(b))))(f.Key, f.Value)}  {f.Key}"));
        return path;
    }

    public void Dispose()
    {
        server.Stop();
        study.Dispose();
    }

    [Fact]
    public void Fetch_downloads_checks_and_places_the_four_files_and_training_then_uses_them()
    {
        var (code, output) = study.Run("data", "fetch", "mnist", "--from", url, "--checksums", Checksums());
        Assert.True(code == 0, output);
        var data = Path.Combine(study.Root, "data");
        Assert.Equal(files.Keys.Order(), Directory.GetFiles(data).Select(Path.GetFileName).Order()!);
        var bundle = new MnistSource(2000, null).Load(data);
        Assert.Equal((60, 20), (bundle.TrainCount, bundle.ValCount));
        Assert.StartsWith("IDX files in", bundle.Source);
    }

    [Fact]
    public void A_wrong_checksum_fails_with_exit_code_2_and_writes_nothing()
    {
        var (code, output) = study.Run("data", "fetch", "mnist", "--from", url,
            "--checksums", Checksums((name, b) => name.StartsWith("t10k-images") ? new string('0', 32) : Convert.ToHexStringLower(MD5.HashData(b))));
        Assert.Equal(2, code);
        Assert.Contains("MD5", output);
        var data = Path.Combine(study.Root, "data");
        Assert.True(!Directory.Exists(data) || Directory.GetFiles(data).Length == 0, string.Join(",", Directory.GetFiles(data)));
    }
}
