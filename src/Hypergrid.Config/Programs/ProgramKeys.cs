namespace Hypergrid.Config.Programs;

/// <summary>The keys of a trial trained by a program of the user's own (the <c>command</c> key): the one place they are named.</summary>
public static class ProgramKeys
{
    /// <summary>The program to run per trial, a string with {key} placeholders; never an axis, never a hyperparameter.</summary>
    public const string Command = "command";

    /// <summary>Seconds a program may take to stop after SIGTERM before it is killed; not a hyperparameter.</summary>
    public const string StopGrace = "stop_grace_seconds";

    /// <summary>
    /// Globs of the files that are a program's code, relative to the folder that holds cfg/ (<c>code: ["*.py", "lib/**/*.py"]</c>):
    /// their contents are part of a result's identity. Default (not set): the files the command names there
    /// (<c>python3 train.py</c>: train.py). A list of values, never an axis; not a hyperparameter.
    /// </summary>
    public const string Code = "code";

    /// <summary>
    /// The program's parameters, declared once (<c>params: {lr: float, gamma: {type: float, default: 0.7}}</c>): with a
    /// declaration every other trial key is an error and values take the declared type; never an axis, never a hyperparameter.
    /// </summary>
    public const string Params = "params";

    /// <summary>The grace period when <see cref="StopGrace"/> is not set.</summary>
    public const double DefaultStopGrace = 30;

    /// <summary>The largest grace period accepted (an hour).</summary>
    public const double MaxStopGrace = 3600;
}
