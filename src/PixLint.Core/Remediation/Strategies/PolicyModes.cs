using PixLint.Model;

namespace PixLint.Remediation.Strategies;

/// <summary>The configuration sub-modes fixes are typed in, written as the device expects them.</summary>
internal static class PolicyModes
{
    /// <summary>[`policy-map P`, `class C`]: where an `inspect` line of a layer 3/4 policy lives.</summary>
    public static IReadOnlyList<string> Class(InspectEntry entry) => [$"policy-map {entry.Policy.Name}", $"class {entry.Class.ClassName}"];

    /// <summary>`policy-map type inspect esmtp NAME`.</summary>
    public static string InspectMap(string protocol, string name) => $"policy-map type inspect {protocol} {name}";

    /// <summary>`show running-config policy-map NAME`.</summary>
    public static string ShowPolicyMap(string name) => $"show running-config policy-map {name}";

    public const string ShowServicePolicyEsmtp = "show service-policy inspect esmtp";

    /// <summary>The [verify] caveat for `no inspect PROTO MAP` when the line names a map.</summary>
    public static string NoInspectWithMapNote(string inspectText) =>
        $"`no {inspectText}` repeats the map name, as removing a line normally needs its arguments; if the device refuses it, "
        + $"`no inspect {inspectText.Split(' ')[1]}` alone [verify]";
}
