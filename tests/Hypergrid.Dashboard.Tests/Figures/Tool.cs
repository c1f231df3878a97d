using System.Diagnostics;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>Runs an installed tool (pdfinfo, pdftotext, pdflatex) and returns its exit code and output; a missing tool fails with its Debian package.</summary>
public static class Tool
{
    /// <summary>Compiles a pgfplots picture in a one-page paper with pdflatex (failing with its log) and returns the PDF's words (pdftotext).</summary>
    public static string Typeset(string dir, string tex)
    {
        File.WriteAllText(Path.Combine(dir, "figure.tex"), tex);
        File.WriteAllText(Path.Combine(dir, "paper.tex"),
            "\\documentclass{article}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n\\begin{document}\n\\input{figure.tex}\n\\end{document}\n");
        var (code, log) = Run("pdflatex", dir, "-interaction=nonstopmode", "-halt-on-error", "paper.tex");
        Assert.True(code == 0, log);
        return Run("pdftotext", dir, "paper.pdf", "-").Output;
    }

    public static (int Code, string Output) Run(string file, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(info)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{file} is not installed: apt-get install {(file == "pdflatex" ? "texlive-latex-base texlive-pictures" : "poppler-utils")}");
        }
        using (p)
        {
            var output = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEndAsync();
            // pdflatex of fifty grouped curves took up to 40 s in a loaded test run (7 s of CPU at the SVG's buckets, 3.5 s
            // at the file's own: bench pgfplots): the tests judge what it writes and its memory, not its speed, so only a
            // hung tool is stopped.
            if (!p.WaitForExit(300_000)) { p.Kill(true); throw new TimeoutException($"{file} ran over 300 s"); }
            return (p.ExitCode, output.Result + error.Result);
        }
    }
}
