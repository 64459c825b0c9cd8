using System.Globalization;
using System.Text;
using System.Xml;
using PixLint.Syntax;

namespace PixLint.Output;

/// <summary>
/// `--format checkstyle`: Checkstyle XML, read by reviewdog (`-f=checkstyle`), Jenkins Warnings NG
/// and many CI servers. One `file` per linted file (also a clean one), one `error` per finding
/// (`line`, `column`, `severity` error|warning|info, `message`, `source` `pixlint.RULE`) and per
/// input problem at warning or above (`source` `pixlint.CODE`). Written with XmlWriter, so the
/// document is well formed whatever the configuration holds.
/// </summary>
public sealed class CheckstyleFormatter : IReportFormatter
{
    private XmlWriter? _xml;
    private FormatOptions _options = new();

    public void Begin(ReportContext context)
    {
        _options = context.Options;
        _xml = XmlWriter.Create(context.Output, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            CloseOutput = false,
            CheckCharacters = true,
        });
        _xml.WriteStartDocument();
        _xml.WriteStartElement("checkstyle");
        _xml.WriteAttributeString("version", "4.3");
    }

    public void Add(FileReport file)
    {
        var xml = _xml!;
        var text = new ReportText(file, _options);
        xml.WriteStartElement("file");
        xml.WriteAttributeString("name", ArtifactPath.Relative(file.Path, _options.WorkingDirectory));
        var items = file.Findings.Select(f => (f.Span, f.Severity, Source: "pixlint." + f.RuleId, f.Message))
            .Concat(file.Diagnostics.Where(d => d.Severity >= Severity.Warning).Select(d => (d.Span, d.Severity, Source: "pixlint." + d.Code, d.Message)))
            .OrderBy(x => x.Span.Start);
        foreach (var (span, severity, source, message) in items)
        {
            TimeBudget.Check();
            var region = Region.Of(file.Source, span);
            xml.WriteStartElement("error");
            xml.WriteAttributeString("line", region.Line.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("column", region.Column.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("severity", severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" });
            xml.WriteAttributeString("message", JUnitFormatter.Xml(text.Message(message)));
            xml.WriteAttributeString("source", source);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.Flush();
    }

    public void End(LintSummary summary)
    {
        _xml!.WriteEndElement();
        _xml.WriteEndDocument();
        _xml.Flush();
        _xml.Dispose();
        _xml = null;
    }

    public void Dispose() => _xml?.Dispose();
}
