namespace PixLint.Syntax;

/// <summary>What a physical line is. Only <see cref="Command"/> lines carry configuration.</summary>
public enum LineKind : byte
{
    /// <summary>Empty or whitespace only.</summary>
    Blank = 0,

    /// <summary>A `!` comment (device output and scripts).</summary>
    Comment = 1,

    /// <summary>show-run framing: `: Saved`, `: end`, `Cryptochecksum:`, `Building configuration...`, `[OK]`.</summary>
    Framing = 2,

    /// <summary>A CLI prompt, possibly with the echoed command: `fw# show run`, `fw(config)#`.</summary>
    Prompt = 3,

    /// <summary>A pager artefact alone on its line: `&lt;--- More ---&gt;`, `--More--`, and the characters that erased it.</summary>
    Paging = 4,

    /// <summary>A configuration command (modelled, known or unrecognised).</summary>
    Command = 5,

    /// <summary>Text inside a delimited multi-line banner.</summary>
    BannerText = 6,

    /// <summary>Hex lines of a certificate inside `crypto ca certificate chain` (up to `quit`).</summary>
    CertificateData = 7,

    /// <summary>
    /// The second half of a line the terminal broke at its width (80 or 132 columns): read as part
    /// of the line before it (that line's text is the two joined), never as a command of its own.
    /// </summary>
    WrappedContinuation = 8,
}
