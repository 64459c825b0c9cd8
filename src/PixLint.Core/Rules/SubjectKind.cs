using PixLint.Model;

namespace PixLint.Rules;

/// <summary>What a property getter sees besides its subject.</summary>
public sealed record EvalContext(ConfigModel Model);

/// <summary>A typed, documented property of a subject kind. Node properties name the kind they lead to.</summary>
public sealed record PropertyDef(string Name, ValueType Type, string Description, Func<object, EvalContext, Value> Get, string? Target = null);

/// <summary>
/// A kind of thing a rule can match (`find:` in YAML): how to enumerate the subjects of a model,
/// their properties, and the line a finding points at by default. Kinds are registered explicitly
/// in <see cref="SubjectKinds"/>: no reflection, so Native AOT and trimming work.
/// </summary>
public sealed class SubjectKind
{
    public SubjectKind(string name, string description, Func<ConfigModel, IEnumerable<object>> enumerate, IEnumerable<PropertyDef> properties)
    {
        Name = name;
        Description = description;
        Enumerate = enumerate;
        Properties = properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public string Name { get; }

    public string Description { get; }

    /// <summary>The subjects of a model, in file order (null for kinds reachable only through a property).</summary>
    public Func<ConfigModel, IEnumerable<object>> Enumerate { get; }

    public IReadOnlyDictionary<string, PropertyDef> Properties { get; }
}
