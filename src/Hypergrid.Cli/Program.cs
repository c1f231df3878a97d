using System.CommandLine;
using Hypergrid.Cli;

var root = new RootCommand("Hypergrid: expand a tree of YAML configs into trials, train them, and watch them.")
{
    ExpandVerb.Create(),
    StatusVerb.Create(),
};
return root.Parse(args).Invoke();
