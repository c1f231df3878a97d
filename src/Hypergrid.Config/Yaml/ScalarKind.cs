namespace Hypergrid.Config.Yaml;

/// <summary>The type a scalar resolves to under the YAML 1.2 core schema.</summary>
public enum ScalarKind { Null, Bool, Int, Float, String }
