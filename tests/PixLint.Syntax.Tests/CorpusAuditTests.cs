using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Tests;

/// <summary>
/// The audit of every `syntax-error` PixLint gives on tests/corpus/real: each must be a real error
/// in the input. Five configurations wrote `no ip address` (an interface without an address),
/// which is valid; fwbuilder's scripts and importer inputs write the policy static PAT form
/// `static (inside,outside) tcp interface 25 access-list ACL 0 0` (the access list gives the real
/// address and port), also valid. What remains is the one line an fwbuilder importer input breaks
/// on purpose to test its error handling: `neq foo`, where `foo` is no port name. (Its other
/// deliberate mistake, `service some_weird_protocol` in an `object service`, is in a member line
/// no grammar checks word by word.)
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

        Assert.Equal(
            ["fwbuilder/importer-asa8.3-acl.test:221: unexpected 'foo', expected port number or name"],
            errors);
    }

    [Fact]
    public void Policy_static_pat_takes_its_real_address_and_port_from_the_access_list()
    {
        var s = ParseHelper.Parsed<PixLint.Syntax.Commands.StaticCommand>("static (inside,outside) tcp interface 25 access-list id3DB0F94E.0 tcp 0 0");
        Assert.Equal(("tcp", "interface", "25", "id3DB0F94E.0", null), (s.Protocol, s.Mapped, s.MappedPort, s.AccessList, s.RealPort));
        ParseHelper.Rejected("static (inside,outside) tcp interface 25 192.0.2.25 foo", "unexpected 'foo', expected real port", 53);
    }
}
