using PixLint.Model;
using PixLint.Rules;
using PixLint.Text;

namespace PixLint.Remediation;

/// <summary>
/// Checks a fixture's `NAME.fixed.cfg` (semgrep's `.fixed` test files, ruff's convergence check):
/// fixing `NAME.cfg` must give the fixed file byte for byte, and fixing the fixed file must change
/// nothing. Annotation comments are ordinary comments to the fixer, so they stay in the fixed file.
/// </summary>
public static class FixFixtureHarness
{
    /// <summary>`NAME.cfg` → `NAME.fixed.cfg`.</summary>
    public static string FixedPathFor(string fixture) =>
        Path.ChangeExtension(fixture, null) + ".fixed.cfg";

    /// <summary>
    /// Checks the fixture as written, then flattened and re-indented with tabs: fixing each variant
    /// must give the same variant of the fixed file (a fix on a flat file inserts flat lines, on a
    /// tab-indented one tab-indented lines) and converge.
    /// </summary>
    public static IReadOnlyList<FixtureFailure> Run(string displayPath, byte[] bytes, byte[] expected, RuleSet rules, ModelOptions options)
    {
        var failures = new List<FixtureFailure>(RunOnce(displayPath, bytes, expected, rules, options));
        var expectedVariants = FixtureVariants.Of(expected).ToDictionary(v => v.Name, v => v.Bytes);
        foreach (var (name, variant) in FixtureVariants.Of(bytes))
        {
            if (expectedVariants.TryGetValue(name, out byte[]? fixedVariant))
            {
                failures.AddRange(RunOnce(displayPath, variant, fixedVariant, rules, options).Select(f => f with { Problem = $"{name}: {f.Problem}" }));
            }
        }

        return failures;
    }

    private static List<FixtureFailure> RunOnce(string displayPath, byte[] bytes, byte[] expected, RuleSet rules, ModelOptions options)
    {
        var failures = new List<FixtureFailure>();
        var fixer = new FileFixer(new Linter(options, rules));
        var result = fixer.Fix(SourceText.From(displayPath, bytes));
        byte[] actual = result.Text.ToBytes();
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            int line = FirstDifferentLine(actual, expected);
            failures.Add(new FixtureFailure(displayPath, line, "fix", $"fixing it does not give {Path.GetFileName(FixedPathFor(displayPath))} (first difference at line {line} of the fixed file)"));
            return failures;
        }

        if (fixer.Fix(SourceText.From(displayPath, actual)).Changed)
        {
            failures.Add(new FixtureFailure(displayPath, 1, "fix", "fixing the fixed file changes it again (the fixes do not converge)"));
        }

        return failures;
    }

    private static int FirstDifferentLine(byte[] a, byte[] b)
    {
        int line = 1;
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return line;
            }

            if (a[i] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }
}
