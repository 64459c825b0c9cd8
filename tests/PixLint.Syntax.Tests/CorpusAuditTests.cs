using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Tests;

/// <summary>
/// The audit of every `syntax-error` PixLint gives on tests/corpus/real: each would have to be a
/// real error in the input. There is none left: the five configurations that had them all wrote
/// `no ip address` (an interface without an address), which is valid. The fwbuilder importer
/// inputs are malformed on purpose, but only in lines no grammar checks word by word (`service
/// some_weird_protocol` in an `object service` is kept as the member it claims to be; it leaves
/// the object's mode when the file is flattened, as the device would reject it), so none is a
/// syntax error.
/// </summary>
public class CorpusAuditTests
{
    [Fact]
    public void No_syntax_error_on_the_real_configurations()
    {
        var errors = new List<string>();
        foreach (string file in TestPaths.CorpusFiles())
        {
            var tree = ConfigParser.Parse(SourceText.From(file, File.ReadAllBytes(Path.Combine(TestPaths.Corpus, file))));
            tree.ParseAll();
            errors.AddRange(tree.Diagnostics
                .Where(d => d.Code == ParseDiagnostic.SyntaxError)
                .Select(d => $"{file}:{tree.Source.GetPosition(d.Span.Start).Line}: {d.Message}"));
        }

        Assert.Empty(errors);
    }
}
