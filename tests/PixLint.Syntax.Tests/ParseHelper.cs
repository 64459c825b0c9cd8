using PixLint.Syntax;
using PixLint.Syntax.Commands;
using PixLint.Text;

namespace PixLint.Tests;

/// <summary>Parses one command line after optional context lines (its enclosing block).</summary>
internal static class ParseHelper
{
    public static (Command? Command, ParseDiagnostic? Error, int ErrorColumn) Line(string line, params string[] context)
    {
        string text = string.Join("\n", context.Append(line)) + "\n";
        var tree = ConfigParser.Parse(SourceText.FromString("t.cfg", text));
        var command = tree.GetCommand(context.Length);
        var error = tree.Diagnostics.FirstOrDefault(d => d.Code == ParseDiagnostic.SyntaxError);
        int column = error is null ? 0 : tree.Source.GetPosition(error.Span.Start).Column;
        return (command, error, column);
    }

    public static T Parsed<T>(string line, params string[] context) where T : Command
    {
        var (command, error, _) = Line(line, context);
        Assert.Null(error);
        return Assert.IsType<T>(command);
    }

    public static void Rejected(string line, string message, int column, params string[] context)
    {
        var (_, error, errorColumn) = Line(line, context);
        Assert.NotNull(error);
        Assert.Equal(message, error.Message);
        Assert.Equal(column, errorColumn);
    }
}
