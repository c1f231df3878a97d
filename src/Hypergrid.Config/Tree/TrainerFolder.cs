namespace Hypergrid.Config.Tree;

/// <summary>
/// A trainer folder's name: the trainer, optionally followed by '@' and a label (<c>adam@lr=0.01,layers=2</c>), so that
/// several experiment leaves of one trainer can sit side by side (promote --top K names them by what differs). A
/// built-in trainer is looked up by the part before the first '@'; a program's trainer folder is only a name.
/// </summary>
public static class TrainerFolder
{
    /// <summary>What separates the trainer from the label.</summary>
    public const char LabelSeparator = '@';

    /// <summary>The trainer a folder name names: <c>adam@lr=0.01</c> is <c>adam</c>; a name without a label is itself.</summary>
    public static string Trainer(string folder) => folder.IndexOf(LabelSeparator) is var i and >= 0 ? folder[..i] : folder;

    /// <summary>The folder of <paramref name="trainer"/> labelled <paramref name="label"/> (a folder that has a label gets it appended after a comma).</summary>
    public static string Labelled(string trainer, string label) =>
        trainer + (trainer.Contains(LabelSeparator) ? "," : LabelSeparator.ToString()) + label;
}
