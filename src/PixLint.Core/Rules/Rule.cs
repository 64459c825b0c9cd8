using PixLint.Model;
using PixLint.Syntax;

namespace PixLint.Rules;

/// <summary>Which devices a rule applies to (everything when empty; an unknown platform or version is not excluded).</summary>
public sealed record RuleScope(InspectionGeneration? Generation, IReadOnlyList<DevicePlatform> Platforms, VersionRange Versions)
{
    public static readonly RuleScope Any = new(null, [], VersionRange.Any);

    public bool Covers(DeviceIdentity device) =>
        (Generation is null || device.Generation == InspectionGeneration.Unknown || device.Generation == Generation)
        && (Platforms.Count == 0 || device.Platform == DevicePlatform.Unknown || Platforms.Contains(device.Platform))
        && (device.Version is null || Versions.Contains(device.Version));
}

/// <summary>The `command` subject's matcher: word patterns, enclosing blocks, and required or forbidden children.</summary>
public sealed record CommandMatcher(
    IReadOnlyList<CommandPattern> Patterns,
    IReadOnlyList<CommandPattern> Within,
    IReadOnlyList<CommandPattern> Child,
    IReadOnlyList<CommandPattern> NoChild);

/// <summary>A note added to a finding when its condition holds (e.g. "the default was assumed").</summary>
public sealed record RuleNote(Condition When, Template Text);

/// <summary>A secondary location shown with a finding.</summary>
public sealed record RelatedSpec(PropertyPath Path, Template Message);

/// <summary>A rule's documentation (what `pixlint rules show` prints and SARIF carries as help).</summary>
public sealed record RuleDocs(string Summary, string Why, string? Example, string? Fix, IReadOnlyList<string> References);

/// <summary>How a finding of this rule is fixed: strategies by preference, or why there is no automatic fix.</summary>
public sealed record RemediationSpec(IReadOnlyList<string> Strategies, string? Manual);

/// <summary>A loaded, validated rule. Everything about it is data from its YAML file.</summary>
public sealed class Rule
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Title { get; init; }

    public required Severity Severity { get; init; }

    /// <summary>0.0-10.0 for GitHub code scanning (derived from the severity when the file does not say).</summary>
    public double SecuritySeverity { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public RuleScope Scope { get; init; } = RuleScope.Any;

    public required SubjectKind Kind { get; init; }

    public CommandMatcher? Command { get; init; }

    public Condition Where { get; init; } = Condition.True;

    /// <summary>Where findings point: the first of these paths that yields a line in the file.</summary>
    public required IReadOnlyList<PropertyPath> Report { get; init; }

    public required Template Message { get; init; }

    public IReadOnlyList<RuleNote> Notes { get; init; } = [];

    public IReadOnlyList<RelatedSpec> Related { get; init; } = [];

    /// <summary>The property listing the mail hosts a finding affects (`affected:` in YAML), if any.</summary>
    public PropertyPath? Affected { get; init; }

    /// <summary>Rules whose findings on the same subject this rule replaces.</summary>
    public IReadOnlyList<string> Suppresses { get; init; } = [];

    /// <summary>Report only the first match in each file.</summary>
    public bool FirstOnly { get; init; }

    public required RuleDocs Docs { get; init; }

    public RemediationSpec Remediation { get; init; } = new([], null);

    /// <summary>The file the rule came from (`rules/SMTP010.yaml`, or a user's path).</summary>
    public required string SourcePath { get; init; }

    /// <summary>Where the `id` is written (for duplicate-id errors).</summary>
    public (int Line, int Column) IdPosition { get; init; } = (1, 1);

    public string HelpUri => Output.ToolInfo.RuleHelpUri(Id);
}
