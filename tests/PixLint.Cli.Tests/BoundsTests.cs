using System.Diagnostics;
using System.Text;
using PixLint.Cli;
using PixLint.Cli.Commands;
using PixLint.Output;
using PixLint.Text;

namespace PixLint.Tests;

/// <summary>
/// Time and memory bounded for every input (issue 19): the hostile shapes end within --timeout, the
/// budget covers writing the report, large reports stream, and standard input, `.pixlint.yaml` and
/// baselines have size limits. Shapes are generated at test time (tests/perf/gen_hostile.py makes the
/// same ones for the growth measurements).
/// </summary>
public class BoundsTests
{
    private const string Header = "ASA Version 9.8(4)\nhostname hostile\n";

    /// <summary>The shapes of tests/perf/gen_hostile.py, at size <paramref name="n"/>.</summary>
    internal static string Shape(string shape, int n)
    {
        var t = new StringBuilder(Header);
        switch (shape)
        {
            case "service-dag" or "network-dag" or "protocol-dag":
                string kind = shape.Split('-')[0], typed = kind == "service" ? " tcp" : string.Empty;
                string[] leaves = kind switch
                {
                    "service" => ["port-object eq smtp", "port-object eq 587"],
                    "network" => ["network-object host 192.0.2.25", "network-object host 192.0.2.26"],
                    _ => ["protocol-object udp", "protocol-object tcp"],
                };
                t.Append($"object-group {kind} L0A{typed}\n {leaves[0]}\nobject-group {kind} L0B{typed}\n {leaves[1]}\n");
                for (int i = 1; i <= n; i++)
                {
                    t.Append($"object-group {kind} L{i}A{typed}\n group-object L{i - 1}A\n group-object L{i - 1}B\n");
                    t.Append($"object-group {kind} L{i}B{typed}\n group-object L{i - 1}A\n group-object L{i - 1}B\n");
                }

                t.Append(kind switch
                {
                    "service" => $"access-list MAIL extended permit tcp any any object-group L{n}A\naccess-list IN extended permit tcp any host 192.0.2.25 object-group L{n}A\n",
                    "network" => $"access-list MAIL extended permit tcp any object-group L{n}A eq smtp\naccess-list IN extended permit tcp any object-group L{n}A eq smtp\n",
                    _ => $"access-list MAIL extended permit object-group L{n}A any any eq smtp\naccess-list IN extended permit object-group L{n}A any host 192.0.2.25 eq smtp\n",
                });
                t.Append("access-group IN in interface outside\nclass-map MAIL\n match access-list MAIL\npolicy-map global_policy\n class MAIL\n  inspect esmtp\nservice-policy global_policy global\n");
                break;
            case "classmaps":
                for (int i = 0; i < n; i++)
                {
                    t.Append($"access-list A{i} extended permit tcp any any eq smtp\n");
                }

                for (int i = 0; i < n; i++)
                {
                    t.Append($"class-map C{i}\n match access-list A{i}\n");
                }

                t.Append("policy-map global_policy\n");
                for (int i = 0; i < n; i++)
                {
                    t.Append($" class C{i}\n  inspect esmtp\n");
                }

                t.Append("service-policy global_policy global\n");
                break;
            case "reentered":
                for (int i = 0; i < n; i++)
                {
                    t.Append($"class-map C{i}\n match port tcp eq {1 + (i % 65000)}\n");
                }

                for (int i = 0; i < n; i++)
                {
                    t.Append($"policy-map global_policy\n class C{i}\n  inspect esmtp\n");
                }

                t.Append("service-policy global_policy global\n");
                break;
            case "applied":
                t.Append("class-map MAIL\n match port tcp eq smtp\n");
                for (int i = 0; i < n; i++)
                {
                    t.Append($"interface GigabitEthernet0/{i}\n nameif if{i}\n");
                }

                for (int i = 0; i < n; i++)
                {
                    t.Append($"policy-map P{i}\n class MAIL\n  inspect esmtp\n");
                }

                for (int i = 0; i < n; i++)
                {
                    t.Append($"service-policy P{i} interface if{i}\n");
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, null);
        }

        return t.ToString();
    }

    /// <summary>
    /// Each shape at a size that ran for minutes (the DAGs: 2^64 paths) or past a minute (80,000 blocks)
    /// before issue 19: `--timeout 3` returns within 3 s plus a wide margin for a loaded machine, with
    /// the findings (exit 1) or the budget's message (exit 2), never anything else.
    /// </summary>
    [Theory]
    [InlineData("service-dag", 64)]
    [InlineData("network-dag", 64)]
    [InlineData("protocol-dag", 64)]
    [InlineData("classmaps", 80_000)]
    [InlineData("reentered", 80_000)]
    [InlineData("applied", 80_000)]
    public void Timeout_3_holds_on_every_hostile_shape(string shape, int n)
    {
        using var dir = new TempDir();
        dir.Write("h.cfg", Shape(shape, n));
        foreach (string command in new[] { "lint", "fix" })
        {
            var clock = Stopwatch.StartNew();
            var result = CliRunner.Run([command, "h.cfg", "--timeout", "3"], dir.Path);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3 + 12), $"{command} {shape}: took {clock.Elapsed}");
            if (result.ExitCode == 2)
            {
                Assert.Matches(@"^h\.cfg: error: linting took longer than the time budget of 3 s per file \(--timeout\); stopped( while writing its (report|fix).*)?\n(pixlint fix: .*\n)?$", result.Stderr);
            }
            else
            {
                // lint: findings (1); fix: fixes shown (0), or findings it cannot fix (1).
                Assert.True(result.ExitCode == 1 || (command == "fix" && result.ExitCode == 0), $"{command} {shape}: exit {result.ExitCode}: {result.Stderr}");
            }
        }
    }

    [Theory]
    [InlineData("service-dag", "class ports: 25, 587")]
    [InlineData("protocol-dag", "class ports: 25")]
    public void The_dags_are_resolved_not_given_up(string shape, string expected)
    {
        using var dir = new TempDir();
        dir.Write("h.cfg", Shape(shape, 64));
        var result = CliRunner.Run(["lint", "h.cfg", "--timeout", "20"], dir.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// A clock that runs a second per read on the thread that writes the report and a millisecond on
    /// the lint workers: linting fits in the budget, writing the report does not.
    /// </summary>
    private sealed class SlowWritingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() =>
            Interlocked.Add(ref _ticks, Thread.CurrentThread.Name?.StartsWith("pixlint-worker", StringComparison.Ordinal) == true ? 1 : 1000);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("html")]
    [InlineData("junit")]
    [InlineData("github")]
    public void The_budget_covers_writing_the_report_and_an_output_file_is_not_replaced(string format)
    {
        using var dir = new TempDir();
        dir.Write("h.cfg", Shape("classmaps", 40));
        dir.Write("report.out", "the previous report\n");
        var result = CliRunner.RunInProcess(["lint", "h.cfg", "--jobs", "1", "--timeout", "10", "-f", format, "-o", "report.out"], dir.Path,
            env => env with { Time = new SlowWritingClock() });
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("h.cfg: error: linting took longer than the time budget of 10 s per file (--timeout); stopped while writing its report; the report is incomplete\n", result.Stderr);
        Assert.Equal("the previous report\n", File.ReadAllText(Path.Combine(dir.Path, "report.out")));
        Assert.Equal(["h.cfg", "report.out"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // The same file with the real clock writes its report.
        Assert.Equal(1, CliRunner.Run(["lint", "h.cfg", "-f", format, "-o", "report.out"], dir.Path).ExitCode);
    }

    /// <summary>Counts the writes a formatter makes and the largest one.</summary>
    private sealed class WriteRecorder : Stream
    {
        public long Total { get; private set; }

        public int Largest { get; private set; }

        public int Writes { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Total;

        public override long Position { get => Total; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Total += buffer.Length;
            Largest = Math.Max(Largest, buffer.Length);
            Writes++;
        }
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void A_large_report_of_one_file_streams_in_pieces(string format)
    {
        var rules = Rules.RuleSet.Load(true, [], TestPaths.RepoRoot, []);
        var linter = new Linter(new Model.ModelOptions(Rules.DefaultsLoader.Default), rules);
        var report = new LintReport([linter.Lint(SourceText.FromString("h.cfg", Shape("classmaps", 4000)))]);
        var sink = new WriteRecorder();
        using (var formatter = LintCommand.Formatters[format]())
        {
            formatter.Write(report, sink, new FormatOptions());
        }

        Assert.True(sink.Total > 8 * JsonFormatter.FlushThreshold, $"{sink.Total:N0} bytes");
        Assert.True(sink.Largest < 2 * JsonFormatter.FlushThreshold, $"one write of {sink.Largest:N0} bytes: the file's report was held whole");
    }

    /// <summary>A stream of configuration lines that never ends (`yes 'name 192.0.2.1 mx' | pixlint lint -`).</summary>
    private sealed class EndlessInput : Stream
    {
        private static readonly byte[] Line = "name 192.0.2.1 mx\n"u8.ToArray();
        private long _position;

        public long Given => _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = Line[(_position + i) % Line.Length];
            }

            _position += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("fix")]
    [InlineData("parse")]
    [InlineData("diagnose")]
    public void Standard_input_is_capped_like_a_file(string command)
    {
        using var dir = new TempDir();
        var input = new EndlessInput();
        var result = CliRunner.RunInProcess([command, "-"], dir.Path, env => env with { OpenStdin = () => input, MaxInputBytes = 4 << 20 });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: standard input is over 4 MiB; the limit is 4 MiB", result.Stderr, StringComparison.Ordinal);
        Assert.InRange(input.Given, 4 << 20, (4 << 20) + (1 << 20)); // it stopped reading at the limit

        // The default limit is the files' limit, and a file over it gets the same words.
        Assert.Equal(InputReader.MaxBytes, CliEnvironment.FromConsole().MaxInputBytes);
        dir.Write("big.cfg", new string('!', (1 << 20) + 1));
        var file = CliRunner.RunInProcess([command, "big.cfg"], dir.Path, env => env with { MaxInputBytes = 1 << 20 });
        Assert.Equal(2, file.ExitCode);
        Assert.Contains("big.cfg: error: the file is 1 MiB; the limit is 1 MiB", file.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_configuration_or_rule_file_over_16_MiB_is_refused()
    {
        using var dir = new TempDir();
        dir.Write("a.cfg", Shape("service-dag", 1));
        Sparse(dir, ".pixlint.yaml", BoundedFile.MaxYamlBytes + 1);
        var result = CliRunner.Run(["lint", "a.cfg", "--config", ".pixlint.yaml"], dir.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(".pixlint.yaml: error: the file is 16 MiB; the limit is 16 MiB: not read as a project configuration\n", result.Stderr);

        Sparse(dir, "big.yaml", BoundedFile.MaxYamlBytes + 1);
        var rules = CliRunner.Run(["lint", "a.cfg", "--no-config", "--rules", "big.yaml"], dir.Path);
        Assert.Equal(2, rules.ExitCode);
        Assert.Contains("big.yaml:1:1: error: the file is 16 MiB; the limit is 16 MiB: not read as a rule file", rules.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A file of <paramref name="length"/> zero bytes that takes no disk (and no time to write).</summary>
    private static void Sparse(TempDir dir, string name, long length)
    {
        using var sparse = new FileStream(Path.Combine(dir.Path, name), FileMode.CreateNew);
        sparse.SetLength(length);
    }

    [Fact]
    public void A_baseline_over_256_MiB_is_refused_without_reading_it()
    {
        using var dir = new TempDir();
        dir.Write("a.cfg", Shape("service-dag", 1));
        Sparse(dir, "huge.json", BoundedFile.MaxBaselineBytes + 1);

        var result = CliRunner.Run(["lint", "a.cfg", "--baseline", "huge.json"], dir.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("huge.json: error: the file is 256 MiB; the limit is 256 MiB: not read as a baseline\n", result.Stderr);
    }
}
