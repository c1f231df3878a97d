namespace Hypergrid.Training;

/// <summary>Where Hypergrid keeps derived files: $HYPERGRID_CACHE, else $XDG_CACHE_HOME/hypergrid, else ~/.cache/hypergrid.</summary>
public static class CacheFolder
{
    public static string Root
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("HYPERGRID_CACHE");
            if (!string.IsNullOrEmpty(env)) return env;
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".cache") : xdg, "hypergrid");
        }
    }
}
