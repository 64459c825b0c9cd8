using System.Text;
using PixLint.Text;

namespace PixLint.Tests;

public class LosslessUtf8Tests
{
    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x61, 0x62, 0x0A })]
    [InlineData(new byte[] { 0x92, 0x41 })] // cp1252 right quote
    [InlineData(new byte[] { 0xE9, 0x74, 0xE9 })] // Latin-1 é
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98 })] // truncated 4-byte sequence
    [InlineData(new byte[] { 0xED, 0xB2, 0x80 })] // encoded surrogate (invalid UTF-8)
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98, 0x80, 0x92 })] // valid emoji then a stray byte
    [InlineData(new byte[] { 0x00, 0xFF, 0xFE, 0xC0, 0x80 })]
    public void Decode_then_encode_gives_the_same_bytes(byte[] bytes)
    {
        string text = LosslessUtf8.Decode(bytes, out _);
        Assert.Equal(bytes, LosslessUtf8.Encode(text));
    }

    [Fact]
    public void Invalid_bytes_are_counted_and_shown_as_windows_1252()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("name x").Concat(new byte[] { 0x92 }).ToArray();
        string text = LosslessUtf8.Decode(bytes, out int invalid);
        Assert.Equal(1, invalid);
        Assert.Equal("name x\u2019", LosslessUtf8.ToDisplay(text));
    }

    [Fact]
    public void Valid_utf8_decodes_normally()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("! комментарий ✓");
        Assert.Equal("! комментарий ✓", LosslessUtf8.Decode(bytes, out int invalid));
        Assert.Equal(0, invalid);
    }
}
