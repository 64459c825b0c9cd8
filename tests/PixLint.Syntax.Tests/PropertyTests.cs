using CsCheck;
using PixLint.Model;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Tests;

/// <summary>
/// Random bytes and random mutations of real configurations: parsing never throws, printing the tree
/// gives the input back byte for byte, and every span stays inside the input.
/// </summary>
public class PropertyTests
{
    private static readonly byte[][] Corpus = TestPaths.CorpusFiles()
        .Select(f => File.ReadAllBytes(Path.Combine(TestPaths.Corpus, f)))
        .ToArray();

    // Fragments that stress the line, block and grammar layers.
    private static readonly byte[][] Fragments =
    [
        "\r"u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), "\b"u8.ToArray(), "\t"u8.ToArray(), " "u8.ToArray(),
        "<--- More --->"u8.ToArray(), " --More-- "u8.ToArray(), "Mo"u8.ToArray(), "re"u8.ToArray(), "no "u8.ToArray(), "!"u8.ToArray(), ":"u8.ToArray(),
        "  inspect esmtp "u8.ToArray(), "policy-map type inspect esmtp M\n parameters\n  allow-tls\n"u8.ToArray(),
        "class-map C\n match port tcp range 25 "u8.ToArray(), "fixup protocol smtp 25-"u8.ToArray(),
        "access-list A extended permit tcp any object-group "u8.ToArray(), "service-policy P "u8.ToArray(),
        "fw(config)# "u8.ToArray(), "ASA Version "u8.ToArray(), " certificate ca 01\n    3082\n"u8.ToArray(),
        [0x92], [0xE9], [0xF0, 0x9F], [0xC0, 0x80], [0xEF, 0xBB, 0xBF], [0x00], [0xFF, 0xFE],
    ];

    [Fact]
    public void Random_bytes_round_trip() =>
        Gen.Byte.Array[0, 3000].Sample(Check, iter: 3000);

    [Fact]
    public void Random_text_of_config_words_round_trips() =>
        Gen.Int[0, Fragments.Length - 1].Array[0, 200]
            .Select(picks => picks.SelectMany(i => Fragments[i]).ToArray())
            .Sample(Check, iter: 3000);

    [Fact]
    public void Mutated_corpus_files_round_trip()
    {
        var mutation = Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, Fragments.Length - 1], Gen.Int[1, 200]);
        Gen.Select(Gen.Int[0, Corpus.Length - 1], mutation.Array[1, 12])
            .Select(t => Mutate(Corpus[t.Item1], t.Item2))
            .Sample(Check, iter: 400);
    }

    [Fact]
    public void Streamed_decoding_equals_whole_decoding_at_any_chunk_size()
    {
        var text = Gen.OneOf(
            Gen.Byte.Array[0, 600],
            Gen.Int[0, Fragments.Length - 1].Array[0, 80].Select(picks => picks.SelectMany(i => Fragments[i]).ToArray()));
        Gen.Select(text, Gen.Int[8, 40]).Sample(t =>
        {
            var (bytes, chunk) = t;
            string whole = LosslessUtf8.Decode(bytes, out int wholeInvalid);
            var byteScan = new TextScan();
            string? streamed = LosslessUtf8.Decode(new MemoryStream(bytes), out int streamedInvalid, byteScan, chunk);
            Assert.Equal(whole, streamed);
            Assert.Equal(wholeInvalid, streamedInvalid);

            // The scan of the bytes, chunk by chunk, finds what a scan of the whole text finds.
            var charScan = new TextScan();
            charScan.Add(whole.AsSpan());
            Assert.Equal(
                (charScan.LineFeeds, charScan.CarriageReturns, charScan.CrLfPairs, charScan.Controls, charScan.MayHavePagerArtefacts, charScan.EndsWithLineBreak),
                (byteScan.LineFeeds, byteScan.CarriageReturns, byteScan.CrLfPairs, byteScan.Controls, byteScan.MayHavePagerArtefacts, byteScan.EndsWithLineBreak));
            Assert.Equal(whole.Contains('\b') || whole.Contains("More", StringComparison.Ordinal), byteScan.MayHavePagerArtefacts);
            Assert.Equal(whole.Count(c => c < ' ' && c is not ('\t' or '\n' or '\r' or '\b')), byteScan.Controls);
        }, iter: 3000);
    }

    [Fact]
    public void Reading_a_file_equals_decoding_its_bytes()
    {
        string path = Path.Combine(Path.GetTempPath(), $"pixlint-fromfile-{Guid.NewGuid():N}.cfg");
        try
        {
            byte[][] extra = [[], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE, (byte)'a', 0], "a\r\nb\rc\n\n"u8.ToArray(), [0xE9, (byte)'\n', 0xF0, 0x9F]];
            foreach (byte[] bytes in Corpus.Concat(extra))
            {
                File.WriteAllBytes(path, bytes);
                var expected = SourceText.From("f.cfg", bytes);
                var actual = SourceText.FromFile("f.cfg", path);
                Assert.Equal(expected.Text, actual.Text);
                Assert.Equal(expected.Encoding, actual.Encoding);
                Assert.Equal(expected.PreambleLength, actual.PreambleLength);
                Assert.Equal(expected.InvalidByteCount, actual.InvalidByteCount);
                Assert.Equal(expected.Lines.ToArray(), actual.Lines.ToArray());
                Assert.Equal(bytes, actual.ToBytes());
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Mutate(byte[] original, (int Kind, int Position, int Fragment, int Length)[] mutations) =>
        Mutations.Apply(original, mutations, Fragments);

    private static void Check(byte[] bytes)
    {
        var tree = ConfigParser.Parse(SourceText.From("fuzz.cfg", bytes));
        tree.ParseAll();
        _ = ModelBuilder.Build(tree, new ModelOptions(DefaultsLoader.Default));
        using var output = new MemoryStream();
        tree.WriteSource(output);
        Assert.Equal(bytes, output.ToArray());
        SpanChecks.AssertInside(tree);
    }
}
