using System.Globalization;
using System.Text.RegularExpressions;

namespace Hypergrid.Config.Expansion;

/// <summary>Names of trial folders and the files in them.</summary>
public static partial class TrialFolder
{
    public const string ConfigFile = "cfg.yaml";

    /// <summary>trial_000 … trial_999, wider only past 999.</summary>
    public static string Name(int number) => "trial_" + number.ToString("D3", CultureInfo.InvariantCulture);

    public static bool TryParse(string folderName, out int number)
    {
        number = 0;
        var m = Pattern().Match(folderName);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    [GeneratedRegex(@"^trial_([0-9]{3,9})$")]
    private static partial Regex Pattern();
}
