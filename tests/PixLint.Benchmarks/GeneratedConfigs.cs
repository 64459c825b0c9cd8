using System.Diagnostics;

namespace PixLint.Benchmarks;

/// <summary>
/// Large realistic ASA configurations made by gen_asa_config.py (deterministic for a seed), cached
/// under the system temp folder so that repeated benchmark runs do not regenerate them.
/// </summary>
public static class GeneratedConfigs
{
    public static string PathFor(int lines, string mode = "asa", string smtp = "inspect")
    {
        string dir = Path.Combine(Path.GetTempPath(), "pixlint-bench");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"{mode}-{smtp}-{lines}.cfg");
        if (File.Exists(path))
        {
            return path;
        }

        string script = Path.Combine(AppContext.BaseDirectory, "gen_asa_config.py");
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        var psi = new ProcessStartInfo("python3", [script, "-n", lines.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "1", "--mode", mode, "--smtp", smtp, "-o", temp])
        {
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start python3");
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"gen_asa_config.py failed: {error}");
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }
}
