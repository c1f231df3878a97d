namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// How different two sRGB colours look: CIEDE2000 (Sharma, Wu and Dalal 2005) over CIELAB under D65, and the colour a
/// viewer with a full dichromacy sees (Machado, Oliveira and Fernandes 2009, severity 1, in linear RGB).
/// </summary>
internal static class ColourDifference
{
    private static readonly Dictionary<string, double[,]> Deficiencies = new()
    {
        ["deuteranopia"] = new[,] { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } },
        ["protanopia"] = new[,] { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } },
        ["tritanopia"] = new[,] { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 }, { 0.004733, 0.691367, 0.303900 } },
    };

    public static IEnumerable<string> DeficiencyNames => Deficiencies.Keys;

    /// <summary>The colour as seen with that deficiency (linear RGB clamped to the gamut).</summary>
    public static double[] Seen(string hex, string? deficiency)
    {
        var lin = Linear(hex);
        if (deficiency is null) return lin;
        var m = Deficiencies[deficiency];
        return Enumerable.Range(0, 3).Select(r => Math.Clamp(m[r, 0] * lin[0] + m[r, 1] * lin[1] + m[r, 2] * lin[2], 0, 1)).ToArray();
    }

    public static double De2000(double[] linA, double[] linB)
    {
        var (l1, a1, b1) = Lab(linA);
        var (l2, a2, b2) = Lab(linB);
        double Rad(double d) => d * Math.PI / 180;
        var cBar = (Math.Sqrt(a1 * a1 + b1 * b1) + Math.Sqrt(a2 * a2 + b2 * b2)) / 2;
        var g = 0.5 * (1 - Math.Sqrt(Math.Pow(cBar, 7) / (Math.Pow(cBar, 7) + Math.Pow(25, 7))));
        double a1p = (1 + g) * a1, a2p = (1 + g) * a2;
        double c1p = Math.Sqrt(a1p * a1p + b1 * b1), c2p = Math.Sqrt(a2p * a2p + b2 * b2);
        double Hue(double b, double a) => b == 0 && a == 0 ? 0 : (Math.Atan2(b, a) * 180 / Math.PI + 360) % 360;
        double h1 = Hue(b1, a1p), h2 = Hue(b2, a2p);
        var dh = c1p * c2p == 0 ? 0 : h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 < -180 ? h2 - h1 + 360 : h2 - h1;
        var dH = 2 * Math.Sqrt(c1p * c2p) * Math.Sin(Rad(dh / 2));
        double lBar = (l1 + l2) / 2, cBarP = (c1p + c2p) / 2;
        var hBar = c1p * c2p == 0 ? h1 + h2 : Math.Abs(h1 - h2) <= 180 ? (h1 + h2) / 2 : h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
        var t = 1 - 0.17 * Math.Cos(Rad(hBar - 30)) + 0.24 * Math.Cos(Rad(2 * hBar)) + 0.32 * Math.Cos(Rad(3 * hBar + 6)) - 0.20 * Math.Cos(Rad(4 * hBar - 63));
        var dTheta = 30 * Math.Exp(-Math.Pow((hBar - 275) / 25, 2));
        var rc = 2 * Math.Sqrt(Math.Pow(cBarP, 7) / (Math.Pow(cBarP, 7) + Math.Pow(25, 7)));
        var sl = 1 + 0.015 * Math.Pow(lBar - 50, 2) / Math.Sqrt(20 + Math.Pow(lBar - 50, 2));
        var sc = 1 + 0.045 * cBarP;
        var sh = 1 + 0.015 * cBarP * t;
        var rt = -Math.Sin(Rad(2 * dTheta)) * rc;
        double dl = (l2 - l1) / sl, dc = (c2p - c1p) / sc, dhh = dH / sh;
        return Math.Sqrt(dl * dl + dc * dc + dhh * dhh + rt * dc * dhh);
    }

    private static double[] Linear(string hex) =>
        Enumerable.Range(0, 3).Select(i => Convert.ToInt32(hex.Substring(1 + 2 * i, 2), 16) / 255.0)
            .Select(c => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4)).ToArray();

    private static (double L, double A, double B) Lab(double[] lin)
    {
        var x = (0.4124564 * lin[0] + 0.3575761 * lin[1] + 0.1804375 * lin[2]) / 0.95047;
        var y = 0.2126729 * lin[0] + 0.7151522 * lin[1] + 0.0721750 * lin[2];
        var z = (0.0193339 * lin[0] + 0.1191920 * lin[1] + 0.9503041 * lin[2]) / 1.08883;
        double F(double v) => v > 216.0 / 24389 ? Math.Cbrt(v) : (24389.0 / 27 * v + 16) / 116;
        return (116 * F(y) - 16, 500 * (F(x) - F(y)), 200 * (F(y) - F(z)));
    }
}
