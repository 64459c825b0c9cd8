using System.Globalization;
using System.Text;
using PixLint.Model;
using PixLint.Rules;

namespace PixLint.Output.Html;

/// <summary>
/// The path a mail takes through the firewall for a finding, as inline SVG (no script, no external
/// asset, printable): Internet → the interface and the access-list line that admits SMTP → the
/// finding's line (the inspection that strips STARTTLS) → the NAT line → the mail server (public
/// and real address). Outbound relays are drawn the other way. Each box links to its line in the
/// finding (the excerpt row or the related-locations item, ids from <see cref="LineId"/>).
/// </summary>
internal static class MailPathSvg
{
    private const int BoxWidth = 172;
    private const int BoxHeight = 54;
    private const int Gap = 28;

    /// <summary>The id of line <paramref name="line"/> (1-based) within finding <paramref name="finding"/>.</summary>
    public static string LineId(int finding, int line) => $"f{finding.ToString(CultureInfo.InvariantCulture)}-L{line.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The picture for the finding's first (highest ranked) host; nothing when it names none.</summary>
    public static void Write(TextWriter w, Finding finding, int number, int findingLine, Func<string, string> scrub)
    {
        if (finding.Affected is not { Count: > 0 } hosts)
        {
            return;
        }

        var host = hosts[0];
        int accessLine = host.AccessLine + 1;
        var boxes = new List<(string Title, string Detail, int? Line)>
        {
            ("Internet", host.Direction == MailDirection.Inbound ? "sender" : "recipient", null),
            ($"{host.Interface} interface", $"access-list line {accessLine}", accessLine),
            ($"{finding.RuleId}", $"line {findingLine}", findingLine),
        };
        if (host.NatLine is int nat)
        {
            boxes.Add(("NAT", $"line {nat + 1}", nat + 1));
        }

        string real = host.Public == host.Real ? host.Real : $"{host.Public} → {host.Real}";
        boxes.Add((host.Direction == MailDirection.Inbound ? "mail server" : "relay", scrub(real), null));
        if (host.Direction == MailDirection.Outbound)
        {
            boxes.Reverse();
        }

        int width = (boxes.Count * BoxWidth) + ((boxes.Count - 1) * Gap) + 2;
        var svg = new StringBuilder();
        string lines = string.Join(" ", boxes.Where(b => b.Line is not null).Select(b => b.Detail));
        string numbers = string.Join(",", boxes.Where(b => b.Line is not null).Select(b => b.Line!.Value.ToString(CultureInfo.InvariantCulture)));
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"mail-path\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {BoxHeight + 24}\" width=\"{width}\" height=\"{BoxHeight + 24}\" role=\"img\" aria-label=\"Mail path, {HtmlText.Encode(host.DirectionName)}: {HtmlText.Encode(lines)}\" data-lines=\"{numbers}\">\n");
        for (int i = 0; i < boxes.Count; i++)
        {
            var (title, detail, line) = boxes[i];
            int x = 1 + (i * (BoxWidth + Gap));
            bool culprit = title == finding.RuleId;
            string box = $"<rect x=\"{x}\" y=\"1\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"6\" fill=\"{(culprit ? "#fde7e4" : "#f6f8fa")}\" stroke=\"{(culprit ? "#b3261e" : "#9aa0a6")}\"/>"
                + $"<text x=\"{x + (BoxWidth / 2)}\" y=\"22\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\">{HtmlText.Encode(Clip(title))}</text>"
                + $"<text x=\"{x + (BoxWidth / 2)}\" y=\"42\" text-anchor=\"middle\" font-size=\"11\">{HtmlText.Encode(Clip(detail))}</text>";
            svg.Append(line is null ? $"<g>{box}</g>\n" : $"<a href=\"#{LineId(number, line.Value)}\">{box}</a>\n");
            if (i + 1 < boxes.Count)
            {
                int x1 = x + BoxWidth, x2 = x + BoxWidth + Gap - 2;
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1}\" y1=\"{1 + (BoxHeight / 2)}\" x2=\"{x2}\" y2=\"{1 + (BoxHeight / 2)}\" stroke=\"#5f6368\" stroke-width=\"1.5\" />\n");
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x2 - 8},{(BoxHeight / 2) - 3} L{x2},{1 + (BoxHeight / 2)} L{x2 - 8},{(BoxHeight / 2) + 5} z\" fill=\"#5f6368\"/>\n");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"1\" y=\"{BoxHeight + 18}\" font-size=\"11\" fill=\"#5f6368\">{HtmlText.Encode(scrub(host.Describe()))}{(hosts.Count > 1 ? $" (1 of {hosts.Count.ToString(CultureInfo.InvariantCulture)} hosts)" : string.Empty)}</text>\n");
        svg.Append("</svg>");
        w.WriteLine("<figure class=\"mail-path\">");
        w.WriteLine(svg.ToString());
        w.WriteLine("</figure>");
    }

    private static string Clip(string text) => text.Length <= 28 ? text : text[..27] + "…";
}
