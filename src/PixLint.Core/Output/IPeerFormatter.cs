using PixLint.Diagnosis;

namespace PixLint.Output;

/// <summary>One output format of the per-peer report (`diagnose` over TLS reports and MTA logs, `probe DOMAIN --mx`), one class per format.</summary>
public interface IPeerFormatter
{
    void Write(PeerReport report, Stream output, FormatOptions options);
}
