using System.Text;

namespace Hypergrid.Trials.Posix;

/// <summary>
/// A TextWriter over an <see cref="AppendFile"/> that writes whole lines: text is held until its newline and then
/// appended in one write, so lines of several writers (an old holder that resumes, a new one) never cut into each other.
/// A line not ended when the writer is disposed is appended then, with its newline.
/// </summary>
public sealed class AppendLineWriter(AppendFile file) : TextWriter
{
    private readonly StringBuilder line = new();

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Opens a file for appending whole lines.</summary>
    public static AppendLineWriter Open(string path) => new(AppendFile.Open(path)) { NewLine = "\n" };

    public override void Write(char value)
    {
        line.Append(value);
        if (value == '\n') Emit();
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        line.Append(value);
        if (value.Contains('\n')) Emit();
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write((value ?? "") + "\n");

    // Everything up to the last newline goes out in one write; the rest waits for its end.
    private void Emit()
    {
        var text = line.ToString();
        var end = text.LastIndexOf('\n') + 1;
        file.Write(Encoding.UTF8.GetBytes(text[..end]));
        line.Remove(0, end);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (line.Length > 0) Write("\n");
            file.Dispose();
        }
        base.Dispose(disposing);
    }
}
