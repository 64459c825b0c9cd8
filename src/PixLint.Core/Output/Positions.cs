using PixLint.Text;

namespace PixLint.Output;

/// <summary>A span rendered as 1-based start and end positions (end column exclusive, as SARIF and GitHub expect).</summary>
public readonly record struct Region(int Line, int Column, int EndLine, int EndColumn)
{
    public static Region Of(SourceText source, TextSpan span)
    {
        if (source.LineCount == 0)
        {
            return new Region(1, 1, 1, 1);
        }

        var start = source.GetPosition(span.Start);
        var end = span.Length == 0 ? start : source.GetPosition(span.End);
        return new Region(start.Line, start.Column, end.Line, end.Column);
    }
}
