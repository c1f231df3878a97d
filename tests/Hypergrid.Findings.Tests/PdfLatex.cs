using System.Diagnostics;

namespace Hypergrid.Findings.Tests;

/// <summary>The real pdflatex, never shell-escaping, recording every file it opens; a host without it fails with one line saying what to install.</summary>
internal static class PdfLatex
{
    public static (int Code, string Output) Run(string dir, string file)
    {
        var exe = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(p => Path.Combine(p, "pdflatex")).FirstOrDefault(File.Exists);
        if (exe is null) Assert.Fail("pdflatex is not installed: apt-get install texlive-latex-base texlive-latex-recommended (the LaTeX export, with booktabs, is compiled in tests)");
        var start = new ProcessStartInfo(exe, ["-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "-recorder", file])
        { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(true); Assert.Fail("pdflatex did not finish in 60 s"); }
        return (p.ExitCode, output.GetAwaiter().GetResult());
    }
}
