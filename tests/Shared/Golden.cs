namespace PixLint.Tests;

/// <summary>
/// Golden files: compare output with `FILE`; on a mismatch write `FILE.actual` beside it and fail.
/// Set PIXLINT_ACCEPT=1 to accept the new output (CSharpier's BaseTest habit).
/// </summary>
internal static class Golden
{
    public static void Check(string expectedPath, string actual)
    {
        bool accept = Environment.GetEnvironmentVariable("PIXLINT_ACCEPT") == "1";
        string actualPath = expectedPath + ".actual";
        if (accept)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(expectedPath, actual);
            File.Delete(actualPath);
            return;
        }

        string expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath) : string.Empty;
        if (expected == actual)
        {
            File.Delete(actualPath);
            return;
        }

        File.WriteAllText(actualPath, actual);
        Assert.Fail($"{Path.GetRelativePath(TestPaths.RepoRoot, expectedPath)} differs from the output (written to .actual); run with PIXLINT_ACCEPT=1 to accept");
    }
}
