using PixLint.Model;
using PixLint.Remediation;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Rules;

/// <summary>
/// A rule's verdict on one place in a configuration: rule id, severity, the one-sentence message,
/// the span it points at, and (when the rule has one) a fix. Lines and columns are computed from
/// <see cref="Span"/> when rendering.
/// </summary>
public sealed record Finding(string RuleId, Severity Severity, string Message, TextSpan Span)
{
    /// <summary>The rule's documentation link.</summary>
    public string? HelpUri { get; init; }

    /// <summary>Values the rule captured (policy, class, map, ports...), for templates and JSON.</summary>
    public IReadOnlyDictionary<string, string> Captures { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra facts shown with the finding (e.g. that a built-in default was assumed and how to check it).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Other places that explain the finding (the inspect map's line, the service-policy line...).</summary>
    public IReadOnlyList<RelatedLocation> Related { get; init; } = [];

    /// <summary>The mail hosts the finding affects (null when the rule does not say; empty when the file shows none).</summary>
    public IReadOnlyList<MailExposure>? Affected { get; init; }

    /// <summary>A stable identity of the matched subject (rule, normalised command, block path): survives unrelated lines moving.</summary>
    public string Identity { get; init; } = string.Empty;

    /// <summary>How to fix it (device commands and text edits), when the rule's strategies can fix it on this device.</summary>
    public Fix? Fix { get; init; }
}

/// <summary>A finding with the rule that made it and the model subject it is about (what remediation works from).</summary>
public sealed record RuleHit(Rule Rule, object Subject, Finding Finding);

/// <summary>A secondary location of a finding, with what it shows.</summary>
public sealed record RelatedLocation(TextSpan Span, string Message);
