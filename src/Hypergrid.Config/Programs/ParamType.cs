namespace Hypergrid.Config.Programs;

/// <summary>The type a program's declared parameter takes: every trial's value is checked and written in it.</summary>
public enum ParamType
{
    /// <summary>A number, always written with a '.' or an exponent (1 becomes 1.0).</summary>
    Float,

    /// <summary>A whole number (1.0 and "1" are refused).</summary>
    Int,

    /// <summary>true or false.</summary>
    Bool,

    /// <summary>Text (a number is refused: quote it).</summary>
    Str,

    /// <summary>A list (written in a sweep as a one-value list of lists, e.g. [[64, 32]]).</summary>
    List,
}
