using System.CommandLine;
using Hypergrid.Config;
using Hypergrid.Training.Data;
using Spectre.Console;

namespace Hypergrid.Cli;

/// <summary>hypergrid data fetch mnist: downloads the full MNIST into the data folder.</summary>
public static class DataVerb
{
    public static Command Create()
    {
        var fetch = new Command("fetch", "Download a dataset's files, checked against their checksums, atomically");
        var name = new Argument<string>("dataset") { Description = "mnist" };
        var from = new Option<string>("--from") { Description = "Base URL of a mirror", DefaultValueFactory = _ => MnistFetcher.DefaultSource };
        var data = new Option<string>("--data") { Description = "Folder to put the files in", DefaultValueFactory = _ => "data" };
        var checksums = new Option<string?>("--checksums") { Description = "md5sum-style file for a mirror that serves other files" };
        fetch.Arguments.Add(name);
        fetch.Options.Add(from);
        fetch.Options.Add(data);
        fetch.Options.Add(checksums);
        fetch.SetAction((r, cancel) => Exit.GuardAsync(async () =>
        {
            if (r.GetValue(name) != "mnist") throw new UsageException($"'{r.GetValue(name)}' cannot be fetched; known: mnist");
            var md5 = r.GetValue(checksums) is { } file ? MnistFetcher.ReadChecksums(file) : MnistFetcher.KnownMd5;
            var dir = r.GetValue(data)!;
            IReadOnlyList<string> files;
            if (Console.IsOutputRedirected)
            {
                files = await MnistFetcher.FetchAsync(dir, r.GetValue(from)!, md5, cancel: cancel);
            }
            else
            {
                files = [];
                await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                    .StartAsync(async ctx =>
                    {
                        var tasks = md5.Keys.ToDictionary(k => k, k => ctx.AddTask(k, autoStart: false));
                        files = await MnistFetcher.FetchAsync(dir, r.GetValue(from)!, md5, (f, got, total) =>
                        {
                            var t = tasks[f];
                            if (!t.IsStarted) t.StartTask();
                            t.MaxValue = total ?? Math.Max(got, 1);
                            t.Value = got;
                        }, cancel: cancel);
                    });
            }
            foreach (var f in files) Console.WriteLine($"fetched {f}");
            Console.WriteLine(MnistSource.DescribeFor(dir));
            return Exit.Ok;
        }));
        return new Command("data", "Datasets: fetch their files") { fetch };
    }
}
