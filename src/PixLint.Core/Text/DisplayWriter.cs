using System.Text;

namespace PixLint.Text;

/// <summary>
/// A writer for output people read on a terminal or in a CI log (`parse`'s tree, `fix`'s commands,
/// `diagnose`'s text): whatever is written goes through <see cref="LosslessUtf8.ToDisplay(ReadOnlySpan{char}, bool)"/>
/// with line breaks kept, so that an escape sequence, a C1 control or a bidirectional override in
/// a hostname or a map name is shown as U+FFFD instead of acting on the terminal.
/// Values that must stay on one line (file names) go through ToDisplay without line breaks first.
/// With <paramref name="keepLineBreaks"/> false (standard error: one message a line), a line break
/// inside a message is neutralised too, so that a file name cannot start a line of its own (a forged
/// `::error` workflow command in a CI log); only WriteLine ends a line.
/// </summary>
public sealed class DisplayWriter(TextWriter inner, bool keepLineBreaks = true) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public override void Write(char value) => inner.Write(LosslessUtf8.ToDisplay([value], keepLineBreaks));

    public override void Write(string? value)
    {
        if (value is not null)
        {
            inner.Write(LosslessUtf8.ToDisplay(value, keepLineBreaks));
        }
    }

    public override void Write(char[] buffer, int index, int count) => inner.Write(LosslessUtf8.ToDisplay(buffer.AsSpan(index, count), keepLineBreaks));

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override void WriteLine() => inner.WriteLine();

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
