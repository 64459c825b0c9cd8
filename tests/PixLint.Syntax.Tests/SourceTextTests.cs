using System.Text;
using PixLint.Text;

namespace PixLint.Tests;

public class SourceTextTests
{
    [Fact]
    public void Lines_keep_their_exact_endings()
    {
        var source = SourceText.FromString("f", "a\nb\r\nc\rd");
        Assert.Equal(4, source.LineCount);
        Assert.Equal(
            [LineEnding.Lf, LineEnding.CrLf, LineEnding.Cr, LineEnding.None],
            source.Lines.ToArray().Select(l => l.Ending).ToArray());
        Assert.Equal("c", source.GetLineSpan(2).ToString());
    }

    [Fact]
    public void Positions_are_one_based()
    {
        var source = SourceText.FromString("f", "ab\r\ncd\n");
        Assert.Equal(new LinePosition(1, 1), source.GetPosition(0));
        Assert.Equal(new LinePosition(2, 2), source.GetPosition(5));
        Assert.Equal(new LinePosition(2, 3), source.GetPosition(6));
    }

    [Fact]
    public void Bom_is_kept_outside_the_first_line()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes("hostname fw\n")];
        var source = SourceText.From("f", bytes);
        Assert.True(source.HasBom);
        Assert.Equal("hostname fw", source.GetLineSpan(0).ToString());
        Assert.Equal(new LinePosition(1, 1), source.GetPosition(source.GetLine(0).Start));
        Assert.Equal(bytes, source.ToBytes());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Utf16_with_bom_is_decoded_and_printed_back(bool littleEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian: !littleEndian, byteOrderMark: true);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes("ASA Version 9.8(4)\r\nhostname fw\r\n")];
        var source = SourceText.From("f", bytes);
        Assert.Equal(littleEndian ? SourceEncoding.Utf16LittleEndian : SourceEncoding.Utf16BigEndian, source.Encoding);
        Assert.Equal("hostname fw", source.GetLineSpan(1).ToString());
        Assert.Equal(bytes, source.ToBytes());
    }

    [Fact]
    public void Empty_input_has_no_lines()
    {
        var source = SourceText.From("f", []);
        Assert.Equal(0, source.LineCount);
        Assert.Equal(new LinePosition(1, 1), source.GetPosition(0));
    }
}
