namespace PixLint.Text;

/// <summary>How a line ends in the file. <see cref="None"/> is only possible on the last line.</summary>
public enum LineEnding : byte
{
    None = 0,
    Lf = 1,
    CrLf = 2,
    Cr = 3,
}

public static class LineEndingExtensions
{
    public static int Length(this LineEnding ending) => ending switch
    {
        LineEnding.None => 0,
        LineEnding.CrLf => 2,
        _ => 1,
    };

    public static string Text(this LineEnding ending) => ending switch
    {
        LineEnding.Lf => "\n",
        LineEnding.CrLf => "\r\n",
        LineEnding.Cr => "\r",
        _ => string.Empty,
    };
}
