namespace Hypergrid.Dashboard.Figures;

/// <summary>A figure as the bytes of one file format, with its media type and extension.</summary>
public static class FigureFile
{
    public static byte[] Write(Figure f, FigureSize size, string format) => format switch
    {
        "svg" => FigureLayout.Draw(f, size, new SvgCanvas()),
        "pdf" => FigureLayout.Draw(f, size, new PdfCanvas()),
        "tex" => PgfplotsWriter.Write(f, size),
        _ => throw FigureErrors.UnknownFormat(format),
    };

    public static string MediaType(string format) => format switch
    {
        "svg" => "image/svg+xml", "pdf" => "application/pdf", _ => "application/x-tex",
    };
}
