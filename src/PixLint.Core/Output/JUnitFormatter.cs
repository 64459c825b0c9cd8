using System.Globalization;
using System.Text;
using System.Xml;
using PixLint.Model;
using PixLint.Syntax;

namespace PixLint.Output;

/// <summary>
/// `--format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure Pipelines). One
/// `testsuite` per file (named by its path, with platform, version and hostname as properties); one
/// failing `testcase` per finding (`failure` with the message as `message`, the severity as `type`,
/// and the location, redacted excerpt, notes and help link as text); one passing `testcase` for a
/// file without findings; an `error` test case for a file that could not be linted (not a
/// configuration, too many unrecognised lines). Other input problems go to `system-out`.
/// Written with XmlWriter, so the document is well formed whatever the configuration holds.
/// </summary>
public sealed class JUnitFormatter : IReportFormatter
{
    private XmlWriter? _xml;
    private Stream? _output;
    private FormatOptions _options = new();

    public void Begin(ReportContext context)
    {
        _options = context.Options;
        _output = context.Output;
        _xml = XmlWriter.Create(context.Output, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            CloseOutput = false,
        });
        _xml.WriteStartDocument();
        _xml.WriteStartElement("testsuites");
        _xml.WriteAttributeString("name", ToolInfo.Name);
    }

    public void Add(FileReport file)
    {
        var xml = _xml!;
        var text = new ReportText(file, _options);
        string path = ArtifactPath.Relative(file.Path, _options.WorkingDirectory);
        var errors = file.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        int tests = file.Findings.Count + errors.Count;
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", Xml(path));
        xml.WriteAttributeString("tests", Number(Math.Max(1, tests)));
        xml.WriteAttributeString("failures", Number(file.Findings.Count));
        xml.WriteAttributeString("errors", Number(errors.Count));
        xml.WriteAttributeString("skipped", "0");
        WriteProperties(xml, file);

        foreach (var finding in file.Findings)
        {
            TimeBudget.Check();
            var region = Region.Of(file.Source, finding.Span);
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", $"{finding.RuleId} at line {region.Line} column {region.Column}");
            xml.WriteAttributeString("classname", Xml(path));
            xml.WriteAttributeString("file", Xml(path));
            xml.WriteAttributeString("line", Number(region.Line));
            xml.WriteStartElement("failure");
            string message = text.Message(finding.Message);
            xml.WriteAttributeString("message", Xml(message));
            xml.WriteAttributeString("type", finding.Severity.ToName());
            xml.WriteString(Xml(Details(file, text, path, region, finding, message)));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        foreach (var error in errors)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", $"input: {error.Code}");
            xml.WriteAttributeString("classname", Xml(path));
            xml.WriteAttributeString("file", Xml(path));
            xml.WriteStartElement("error");
            xml.WriteAttributeString("message", Xml(text.Message(error.Message)));
            xml.WriteAttributeString("type", error.Code);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        if (tests == 0)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", "no findings");
            xml.WriteAttributeString("classname", Xml(path));
            xml.WriteAttributeString("file", Xml(path));
            xml.WriteEndElement();
        }

        var warnings = file.Diagnostics.Where(d => d.Severity == Severity.Warning).ToList();
        if (warnings.Count > 0)
        {
            var sb = new StringBuilder();
            foreach (var warning in warnings)
            {
                var region = Region.Of(file.Source, warning.Span);
                sb.Append(CultureInfo.InvariantCulture, $"{path}:{region.Line}:{region.Column}: warning {warning.Code} {text.Message(warning.Message)}\n");
            }

            xml.WriteElementString("system-out", Xml(sb.ToString()));
        }

        xml.WriteEndElement();
        xml.Flush();
    }

    public void End(LintSummary summary)
    {
        var xml = _xml!;
        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Flush();
        _output!.WriteByte((byte)'\n');
    }

    public void Dispose() => _xml?.Dispose();

    private static void WriteProperties(XmlWriter xml, FileReport file)
    {
        var device = file.Model?.Device;
        var properties = new List<(string Name, string? Value)>
        {
            ("platform", device?.Platform.ToName() ?? "unknown"),
            ("osVersion", device?.Version?.Text ?? device?.VersionText),
            ("hostname", device?.Hostname),
        };
        xml.WriteStartElement("properties");
        foreach (var (name, value) in properties.Where(p => p.Value is not null))
        {
            xml.WriteStartElement("property");
            xml.WriteAttributeString("name", name);
            xml.WriteAttributeString("value", Xml(Text.LosslessUtf8.ToDisplay(value)));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static string Details(FileReport file, ReportText text, string path, Region region, Rules.Finding finding, string message)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{path}:{region.Line}:{region.Column}: {finding.Severity.ToName()} {finding.RuleId} {message}\n");
        if (file.Source.LineCount > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {region.Line} | {text.Line(region.Line - 1)}\n");
        }

        foreach (string note in finding.Notes)
        {
            sb.Append("  note: ").Append(text.Message(note)).Append('\n');
        }

        foreach (var related in finding.Related)
        {
            var at = Region.Of(file.Source, related.Span);
            sb.Append(CultureInfo.InvariantCulture, $"  see {path}:{at.Line}:{at.Column}: {text.Message(related.Message)}\n");
        }

        if (finding.HelpUri is not null)
        {
            sb.Append("  help: ").Append(finding.HelpUri).Append('\n');
        }

        return sb.ToString();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Characters XML 1.0 cannot carry (a few control characters, U+FFFE/U+FFFF, lone surrogates) as U+FFFD.</summary>
    internal static string Xml(string text)
    {
        int bad = -1;
        for (int i = 0; i < text.Length; i++)
        {
            if (!IsXmlChar(text, i))
            {
                bad = i;
                break;
            }
        }

        if (bad < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else
            {
                sb.Append(IsXmlChar(text, i) ? text[i] : '\uFFFD');
            }
        }

        return sb.ToString();
    }

    private static bool IsXmlChar(string text, int i)
    {
        char c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i > 0 && char.IsHighSurrogate(text[i - 1]);
        }

        return XmlConvert.IsXmlChar(c);
    }
}
