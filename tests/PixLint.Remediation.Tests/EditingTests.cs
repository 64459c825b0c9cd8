using PixLint.Remediation;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Tests;

/// <summary>The pieces under the fixes: command scripts, text edits on the lossless tree, rounds of edits, the unified diff.</summary>
public class EditingTests
{
    private static ConfigEditor Editor(string text, out SyntaxTree tree)
    {
        tree = ConfigParser.Parse(SourceText.FromString("t.cfg", text));
        return new ConfigEditor(tree);
    }

    private static string Apply(string text, params TextEdit[] edits)
    {
        var edited = new EditedText(SourceText.FromString("t.cfg", text));
        edited.Apply(edits);
        return edited.Text;
    }

    [Fact]
    public void Scripts_enter_and_leave_sub_modes_only_when_needed()
    {
        IReadOnlyList<string> pm = ["policy-map P"];
        var lines = CommandScript.Render(
        [
            new DeviceCommand([.. pm, "class A"], "no inspect esmtp", CommandStage.Policies),
            new DeviceCommand([.. pm, "class A"], "inspect esmtp M", CommandStage.Policies),
            new DeviceCommand([.. pm, "class B"], "no inspect esmtp", CommandStage.Policies),
            new DeviceCommand([], "no fixup protocol smtp 25", CommandStage.Policies),
        ]);
        Assert.Equal(
            ["policy-map P", " class A", "  no inspect esmtp", "  inspect esmtp M", "  exit", " class B", "  no inspect esmtp", "  exit", " exit", "no fixup protocol smtp 25"],
            lines);
    }

    [Fact]
    public void Combining_puts_definitions_first_and_drops_repeats()
    {
        var define = new DeviceCommand(["policy-map type inspect esmtp M", "parameters"], "allow-tls", CommandStage.Definitions);
        var use = new DeviceCommand(["policy-map P", "class A"], "inspect esmtp M", CommandStage.Policies);
        var cleanup = new DeviceCommand([], "no policy-map type inspect esmtp M", CommandStage.Cleanup);
        Assert.Equal([define, use, cleanup], CommandScript.Combine([[cleanup, use, define], [define, use]]));
    }

    [Fact]
    public void Replacing_a_command_keeps_indentation_and_trailing_blanks()
    {
        const string text = "policy-map P\n class A\n  inspect esmtp  \n";
        var editor = Editor(text, out _);
        Assert.Equal("policy-map P\n class A\n  inspect esmtp M  \n", Apply(text, editor.ReplaceCommand(2, "inspect esmtp M")));
    }

    [Fact]
    public void Deleting_the_last_line_of_a_file_without_a_final_newline_keeps_it_without_one()
    {
        const string text = "policy-map P\n class A\n  inspect esmtp";
        var editor = Editor(text, out _);
        Assert.Equal("policy-map P\n class A", Apply(text, editor.DeleteLines(2, 3)));
    }

    [Fact]
    public void Inserting_after_the_last_line_of_a_file_without_a_final_newline()
    {
        const string text = "policy-map type inspect esmtp M\r\n parameters";
        var editor = Editor(text, out _);
        Assert.Equal("policy-map type inspect esmtp M\r\n parameters\r\n  allow-tls", Apply(text, editor.InsertAfterBlock(1, [editor.ChildIndent(1) + "allow-tls"])));
    }

    [Fact]
    public void Inserted_lines_take_the_files_line_ending_and_indentation()
    {
        const string text = "ASA Version 9.8(4)\r\nclass-map X\r\n\tmatch any\r\npolicy-map P\r\n";
        var editor = Editor(text, out _);
        Assert.Equal("\r\n", editor.Newline);
        Assert.Equal("\t", editor.IndentUnit);
        Assert.Equal("ASA Version 9.8(4)\r\nclass-map X\r\n\tmatch any\r\nA\r\n\tB\r\npolicy-map P\r\n", Apply(text, editor.InsertBefore(3, ["A", "\tB"])));
    }

    [Fact]
    public void Edits_conflict_only_when_they_overlap()
    {
        var delete = new TextEdit(new TextSpan(10, 5), string.Empty);
        Assert.True(delete.ConflictsWith(new TextEdit(new TextSpan(12, 5), "x")));
        Assert.True(delete.ConflictsWith(new TextEdit(new TextSpan(12, 0), "x")));
        Assert.False(delete.ConflictsWith(new TextEdit(new TextSpan(10, 0), "x")));
        Assert.False(delete.ConflictsWith(new TextEdit(new TextSpan(15, 0), "x")));
        Assert.False(delete.ConflictsWith(new TextEdit(new TextSpan(15, 3), "x")));
        Assert.False(delete.ConflictsWith(delete));
    }

    [Fact]
    public void Insertions_at_one_point_keep_their_order_and_go_before_a_deletion_there()
    {
        const string text = "a\nb\nc\n";
        Assert.Equal("a\nX\nY\nc\n", Apply(text, new TextEdit(new TextSpan(2, 0), "X\n"), new TextEdit(new TextSpan(2, 2), string.Empty), new TextEdit(new TextSpan(2, 0), "Y\n")));
    }

    [Fact]
    public void An_edit_that_joins_two_lines_takes_the_second_in_with_its_own_edit()
    {
        var edited = new EditedText(SourceText.FromString("t.cfg", "a\nb\nc\n"));
        edited.Apply([new TextEdit(new TextSpan(1, 1), string.Empty), new TextEdit(new TextSpan(2, 1), "B")]);
        Assert.Equal("aB\nc\n", edited.Text);
        Assert.Equal("--- a\n+++ b\n@@ -1,3 +1,2 @@\n-a\n-b\n+aB\n c\n", UnifiedDiff.Create(edited, "a", "b"));
    }

    [Fact]
    public void Rounds_of_edits_diff_against_the_original()
    {
        var edited = new EditedText(SourceText.FromString("t.cfg", "one\ntwo\nthree\nfour\n"));
        edited.Apply([new TextEdit(new TextSpan(4, 4), string.Empty)]);          // delete "two"
        Assert.Equal("one\nthree\nfour\n", edited.Text);
        edited.Apply([new TextEdit(new TextSpan(4, 5), "THREE"), new TextEdit(new TextSpan(15, 0), "five\n")]);
        Assert.Equal("one\nTHREE\nfour\nfive\n", edited.Text);
        var changes = edited.Changes();
        Assert.Equal(2, changes.Count);
        Assert.Equal((1, 2, 1), (changes[0].OldStart, changes[0].OldCount, changes[0].NewStart));
        Assert.Equal(["THREE\n"], changes[0].NewLines);
        Assert.Equal((4, 0, 3), (changes[1].OldStart, changes[1].OldCount, changes[1].NewStart));
        Assert.Equal(
            "--- a\n+++ b\n@@ -1,4 +1,4 @@\n one\n-two\n-three\n+THREE\n four\n+five\n",
            UnifiedDiff.Create(edited, "a", "b"));
    }

    [Fact]
    public void Hunks_are_separate_when_their_context_does_not_touch()
    {
        string text = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n"));
        var source = SourceText.FromString("t.cfg", text);
        var edited = new EditedText(source);
        edited.Apply([new TextEdit(source.GetLine(1).Span, "LINE 2"), new TextEdit(source.GetLine(17).Span, "LINE 18")]);
        string diff = UnifiedDiff.Create(edited, "a", "b");
        Assert.Contains("@@ -1,5 +1,5 @@\n line 1\n-line 2\n+LINE 2\n line 3\n", diff, StringComparison.Ordinal);
        Assert.Contains("@@ -15,6 +15,6 @@\n line 15\n", diff, StringComparison.Ordinal);
        Assert.EndsWith("+LINE 18\n line 19\n line 20\n", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void A_diff_of_nothing_is_empty()
    {
        var edited = new EditedText(SourceText.FromString("t.cfg", "a\n"));
        Assert.Equal(string.Empty, UnifiedDiff.Create(edited, "a", "b"));
        Assert.False(edited.Changed);
    }
}
