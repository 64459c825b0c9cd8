using PixLint.Model;
using PixLint.Remediation;
using PixLint.Syntax;

namespace PixLint.Output;

/// <summary>What an audit says of one device, worst first (the order reports rank devices in).</summary>
public enum DeviceRating : byte
{
    /// <summary>An error finding: STARTTLS is stripped or refused for mail through it.</summary>
    StripsStartTls,

    /// <summary>No error, but the inspection masks the SMTP banner.</summary>
    MasksBanner,

    /// <summary>No error, but the file could not be read in full (input problems) or names no platform.</summary>
    CouldNotTell,

    /// <summary>Nothing found that breaks STARTTLS.</summary>
    Clean,
}

/// <summary>
/// The facts of one device that the summaries of every format share (computed once per file, from
/// its findings and diagnostics): the verdict and why, the mail servers the stripping findings
/// name, whether one safe fix per finding repairs it, and whether its release accepts `allow-tls`.
/// </summary>
public sealed record DeviceVerdict(DeviceRating Verdict, string Reason, int MailServers, bool SafeFixes, bool? SupportsAllowTls)
{
    /// <summary>The rule that reports the banner mask (a note).</summary>
    public const string BannerRule = "SMTP012";

    public static DeviceVerdict Of(FileReport file)
    {
        var errors = file.Findings.Where(f => f.Severity == Severity.Error).ToList();
        var device = file.Model?.Device;
        bool? allowTls = file.Model is { } model && device is not null ? model.Defaults.SupportsAllowTls(device.Platform, device.Version) : null;
        if (errors.Count > 0)
        {
            int servers = errors.SelectMany(f => f.Affected ?? []).Where(h => h.Direction == MailDirection.Inbound)
                .Select(h => h.Public).Distinct(StringComparer.Ordinal).Count();
            bool safe = errors.All(f => f.Fix is { Applicability: FixApplicability.Safe });
            string rules = string.Join(", ", errors.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            return new DeviceVerdict(DeviceRating.StripsStartTls, $"{(errors.Count == 1 ? "1 error" : $"{errors.Count} errors")} ({rules})", servers, safe, allowTls);
        }

        if (file.Findings.Any(f => f.RuleId == BannerRule))
        {
            return new DeviceVerdict(DeviceRating.MasksBanner, "the inspection masks the SMTP banner (SMTP012)", 0, false, allowTls);
        }

        var problems = file.CountedDiagnostics.Where(d => d.Severity >= Severity.Warning).ToList();
        if (file.Model is null || problems.Count > 0)
        {
            string what = problems.Count == 0 ? "the file could not be read" : $"input problems: {problems[0].Code}{(problems.Count > 1 ? $" (and {problems.Count - 1} more)" : string.Empty)}";
            return new DeviceVerdict(DeviceRating.CouldNotTell, what, 0, false, allowTls);
        }

        if (file.Model.InputKind == InputKind.SystemContext)
        {
            return new DeviceVerdict(DeviceRating.CouldNotTell, "the system context of a multi-context device: each context's own configuration holds its policies", 0, false, allowTls);
        }

        if (device is null || device.Platform == DevicePlatform.Unknown)
        {
            return new DeviceVerdict(DeviceRating.CouldNotTell, "no platform or version line: PixLint could not tell which defaults apply", 0, false, allowTls);
        }

        return new DeviceVerdict(DeviceRating.Clean, "nothing found that breaks STARTTLS", 0, false, allowTls);
    }

    public static string Name(DeviceRating verdict) => verdict switch
    {
        DeviceRating.StripsStartTls => "strips STARTTLS",
        DeviceRating.MasksBanner => "masks the banner only",
        DeviceRating.CouldNotTell => "could not tell",
        _ => "clean",
    };

    /// <summary>The JSON name: `strips-starttls`, `masks-banner`, `could-not-tell`, `clean`.</summary>
    public static string Key(DeviceRating verdict) => verdict switch
    {
        DeviceRating.StripsStartTls => "strips-starttls",
        DeviceRating.MasksBanner => "masks-banner",
        DeviceRating.CouldNotTell => "could-not-tell",
        _ => "clean",
    };
}

/// <summary>The fleet's verdict counts (a part of <see cref="LintSummary"/>).</summary>
public sealed record VerdictTotals
{
    public int StripsStartTls { get; init; }

    public int MasksBanner { get; init; }

    public int CouldNotTell { get; init; }

    public int Clean { get; init; }

    /// <summary>Mail servers (distinct public addresses per device) behind the devices that strip STARTTLS.</summary>
    public int MailServers { get; init; }

    /// <summary>Devices that strip STARTTLS where every error has a safe automatic fix.</summary>
    public int FixedBySafeCommands { get; init; }

    /// <summary>Devices that strip STARTTLS, are not fixed by safe commands alone, and whose release does not accept `allow-tls` (an upgrade is needed).</summary>
    public int WithoutAllowTls { get; init; }

    public int Devices => StripsStartTls + MasksBanner + CouldNotTell + Clean;

    public VerdictTotals Add(DeviceVerdict v) => this with
    {
        StripsStartTls = StripsStartTls + (v.Verdict == DeviceRating.StripsStartTls ? 1 : 0),
        MasksBanner = MasksBanner + (v.Verdict == DeviceRating.MasksBanner ? 1 : 0),
        CouldNotTell = CouldNotTell + (v.Verdict == DeviceRating.CouldNotTell ? 1 : 0),
        Clean = Clean + (v.Verdict == DeviceRating.Clean ? 1 : 0),
        MailServers = MailServers + v.MailServers,
        FixedBySafeCommands = FixedBySafeCommands + (v.Verdict == DeviceRating.StripsStartTls && v.SafeFixes ? 1 : 0),
        WithoutAllowTls = WithoutAllowTls + (v.Verdict == DeviceRating.StripsStartTls && !v.SafeFixes && v.SupportsAllowTls == false ? 1 : 0),
    };

    /// <summary>
    /// The executive summary: `2 of 6 firewalls strip STARTTLS for 3 mail servers; 1 is fixed by one
    /// safe command each; 1 runs a release without allow-tls.` (or that none does).
    /// </summary>
    public string Sentence()
    {
        string Of(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
        if (Devices == 0)
        {
            return "No firewall configuration was read.";
        }

        if (StripsStartTls == 0)
        {
            string rest = MasksBanner + CouldNotTell == 0 ? string.Empty
                : $"; {string.Join(", ", new[] { (MasksBanner, "masks the banner only", "mask the banner only"), (CouldNotTell, "could not be judged", "could not be judged") }.Where(p => p.Item1 > 0).Select(p => $"{p.Item1} {(p.Item1 == 1 ? p.Item2 : p.Item3)}"))}";
            return $"None of {Of(Devices, "firewall", "firewalls")} strips STARTTLS{rest}.";
        }

        string servers = MailServers == 0 ? "for any mail through it (no access rule names a mail server)" : $"for {Of(MailServers, "mail server", "mail servers")}";
        string verb = StripsStartTls == 1 ? "strips" : "strip";
        var parts = new List<string> { $"{StripsStartTls} of {Of(Devices, "firewall", "firewalls")} {verb} STARTTLS {servers}" };
        if (FixedBySafeCommands > 0)
        {
            parts.Add($"{FixedBySafeCommands} {(FixedBySafeCommands == 1 ? "is" : "are")} fixed by safe commands alone");
        }

        if (WithoutAllowTls > 0)
        {
            parts.Add($"{WithoutAllowTls} {(WithoutAllowTls == 1 ? "runs a release" : "run releases")} without allow-tls");
        }

        string tail = MasksBanner + CouldNotTell > 0
            ? $" {string.Join(", ", new[] { (MasksBanner, "masks the banner only", "mask the banner only"), (CouldNotTell, "could not be judged", "could not be judged") }.Where(p => p.Item1 > 0).Select(p => $"{p.Item1} {(p.Item1 == 1 ? p.Item2 : p.Item3)}"))}; {Clean} {(Clean == 1 ? "is" : "are")} clean."
            : $" {Clean} {(Clean == 1 ? "is" : "are")} clean.";
        return string.Join("; ", parts) + "." + tail;
    }
}
