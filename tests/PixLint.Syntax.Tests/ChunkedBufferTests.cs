using System.Text;
using PixLint.Text;

namespace PixLint.Tests;

public class ChunkedBufferTests
{
    /// <summary>A pipe: reads at most a few bytes at a time and cannot seek.</summary>
    private sealed class TricklingPipe(byte[] bytes, int step) : Stream
    {
        private int _at;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, step), bytes.Length - _at);
            Array.Copy(bytes, _at, buffer, offset, n);
            _at += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(7, 8)]
    [InlineData(8, 8)]
    [InlineData(9, 8)]
    [InlineData(1000, 16)]
    public void Reads_a_pipe_whole_and_gives_it_back_from_any_position(int size, int chunkSize)
    {
        byte[] bytes = [.. Enumerable.Range(0, size).Select(i => (byte)(i * 7))];
        using var buffer = ChunkedBuffer.ReadAll(new TricklingPipe(bytes, step: 3), long.MaxValue, chunkSize);

        Assert.Equal(size, buffer.Length);
        var copy = new MemoryStream();
        buffer.CopyTo(copy);
        Assert.Equal(bytes, copy.ToArray());

        buffer.Position = size / 2;
        var rest = new byte[size];
        int got = buffer.ReadAtLeast(rest, size, throwOnEndOfStream: false);
        Assert.Equal(bytes[(size / 2)..], rest[..got]);
    }

    [Fact]
    public void Refuses_a_pipe_longer_than_the_limit()
    {
        var e = Assert.Throws<InputTooLargeException>(() => ChunkedBuffer.ReadAll(new TricklingPipe(new byte[40], step: 5), maxBytes: 20, chunkSize: 8));
        Assert.Equal(20, e.Limit);
    }

    [Theory]
    [InlineData("hostname fw\ninspect esmtp\n")]
    [InlineData("\uFEFFhostname caf\u00e9\r\nname 10.0.0.1 mx\r\n")]
    [InlineData("a\u00e9\u20ac\U0001F600\nb")]
    public void A_pipe_decodes_to_the_same_text_as_its_bytes(string content)
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(content), 0x92, (byte)'\n']; // and a cp1252 byte, kept as an escape
        var fromBytes = SourceText.From("-", bytes);
        var fromPipe = SourceText.FromStream("-", new TricklingPipe(bytes, step: 2));

        Assert.Equal(fromBytes.Text, fromPipe.Text);
        Assert.Equal(fromBytes.LineCount, fromPipe.LineCount);
        Assert.Equal(fromBytes.InvalidByteCount, fromPipe.InvalidByteCount);
        Assert.Equal(bytes, fromPipe.ToBytes());
    }

    [Fact]
    public void A_utf16_pipe_decodes_as_utf16()
    {
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("inspect esmtp\n")];
        var text = SourceText.FromStream("-", new TricklingPipe(bytes, step: 3));

        Assert.Equal(SourceEncoding.Utf16LittleEndian, text.Encoding);
        Assert.Equal(bytes, text.ToBytes());
    }
}
