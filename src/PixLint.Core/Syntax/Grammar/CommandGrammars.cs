using PixLint.Syntax.Commands;
using PixLint.Text;
using Sprache;

namespace PixLint.Syntax.Grammar;

/// <summary>
/// The dispatch table: which grammar parses a line, given its first keyword and the command it sits
/// under. One explicit switch, no long `Or` chains: each line gets exactly one parser attempt.
/// Lines whose grammar is marked lazy (access lists, objects, names: the bulk of a large config)
/// are parsed only when the model asks for them.
/// </summary>
internal static class CommandGrammars
{
    /// <summary>Where a command sits: its line, its span (no indentation, no trailing blanks) and whether it is a `no` form.</summary>
    public readonly record struct CommandSite(int Line, TextSpan Span, bool Negated);

    /// <summary>
    /// A line's grammar, whether it waits until first use, and an optional hand-written reader for
    /// its usual forms (given the line from its first word after `no`), tried first; when that
    /// answers null the grammar parses the line and gives any error.
    /// </summary>
    public readonly record struct Choice(Parser<Command> Parser, bool Lazy, FastParser? Fast = null);

    /// <summary>A reader for a command family's usual lines (the command is made with its <paramref name="site"/>); null leaves the line to the grammar.</summary>
    public delegate Command? FastParser(ReadOnlySpan<char> line, CommandSite site);

    private static readonly FastParser AccessListFast = (line, site) => AccessListFastPath.TryParse(line, site);
    private static readonly FastParser ObjectFast = ObjectFastPath.Object;
    private static readonly FastParser ObjectGroupFast = ObjectFastPath.ObjectGroup;
    private static readonly FastParser ObjectMemberFast = ObjectFastPath.ObjectMember;
    private static readonly FastParser GroupMemberFast = ObjectFastPath.GroupMember;
    private static readonly FastParser ObjectNatFast = ObjectFastPath.ObjectNat;
    private static readonly FastParser TwiceNatFast = ObjectFastPath.TwiceNat;
    private static readonly FastParser FixupFast = FixupGrammar.Fast;

    public static Choice? Select(Keyword keyword, Command? parent, Command? grandparent, bool negated = false)
    {
        if (negated && keyword == Keyword.Ip && parent is null or InterfaceCommand)
        {
            return new Choice(NetworkGrammar.NoIp, parent is null);
        }

        switch (parent)
        {
            case null:
                return keyword switch
                {
                    Keyword.PlatformHeader => new Choice(DeviceGrammar.VersionHeader, false),
                    Keyword.Hostname => new Choice(DeviceGrammar.Hostname, false),
                    Keyword.Fixup => new Choice(FixupGrammar.Fixup, false, FixupFast),
                    Keyword.ClassMap => new Choice(ClassMapGrammar.ClassMap, false),
                    Keyword.PolicyMap => new Choice(PolicyMapGrammar.PolicyMap, false),
                    Keyword.ServicePolicy => new Choice(PolicyMapGrammar.ServicePolicy, false),
                    Keyword.Context => new Choice(DeviceGrammar.Context, false),
                    Keyword.AdminContext => new Choice(DeviceGrammar.AdminContext, false),
                    Keyword.AccessGroup => new Choice(DeviceGrammar.AccessGroup, true),
                    Keyword.AccessList => new Choice(AccessListGrammar.GrammarOnly, true, AccessListFast),
                    Keyword.Object => new Choice(AccessListGrammar.Object, true, ObjectFast),
                    Keyword.ObjectGroup => new Choice(AccessListGrammar.ObjectGroup, true, ObjectGroupFast),
                    Keyword.Name => new Choice(DeviceGrammar.NameEntry, true),
                    Keyword.Interface => new Choice(NetworkGrammar.Interface, false),
                    Keyword.Nameif => new Choice(NetworkGrammar.Nameif, false),
                    Keyword.Static => new Choice(NetworkGrammar.Static, true),
                    Keyword.Nat => new Choice(NetworkGrammar.Nat, true, TwiceNatFast),
                    Keyword.Conduit => new Choice(AccessListGrammar.Conduit, true),
                    Keyword.Ip => new Choice(NetworkGrammar.Ip, true),
                    _ => null,
                };

            case InterfaceCommand:
                return keyword switch
                {
                    Keyword.Nameif => new Choice(NetworkGrammar.Nameif, false),
                    Keyword.SecurityLevel => new Choice(NetworkGrammar.SecurityLevel, false),
                    Keyword.Ip => new Choice(NetworkGrammar.Ip, false),
                    _ => null,
                };

            case ClassMapCommand classMap:
                return keyword switch
                {
                    Keyword.Match when classMap.Type is null => new Choice(ClassMapGrammar.Match, false),
                    Keyword.Match => new Choice(PolicyMapGrammar.InspectMatch, false),
                    Keyword.Description => new Choice(PolicyMapGrammar.Description, false),
                    _ => null,
                };

            case PolicyMapCommand policyMap:
                return keyword switch
                {
                    Keyword.Class => new Choice(PolicyMapGrammar.Class, false),
                    Keyword.Description => new Choice(PolicyMapGrammar.Description, false),
                    Keyword.Parameters when policyMap.IsInspectMap => new Choice(PolicyMapGrammar.Parameters, false),
                    Keyword.Match when policyMap.IsInspectMap => new Choice(PolicyMapGrammar.InspectMatch, false),
                    _ => null,
                };

            case PolicyClassCommand when grandparent is PolicyMapCommand { IsInspectMap: true }:
                return new Choice(PolicyMapGrammar.Action, false);

            case PolicyClassCommand:
                return keyword == Keyword.Inspect ? new Choice(PolicyMapGrammar.Inspect, false) : null;

            case ParametersCommand:
                return new Choice(PolicyMapGrammar.Parameter, false);

            case InspectMatchCommand:
                return new Choice(PolicyMapGrammar.Action, false);

            case ContextCommand:
                return keyword switch
                {
                    Keyword.AllocateInterface => new Choice(DeviceGrammar.AllocateInterface, false),
                    Keyword.ConfigUrl => new Choice(DeviceGrammar.ConfigUrl, false),
                    _ => null,
                };

            case ObjectCommand:
                return keyword switch
                {
                    Keyword.Host or Keyword.Subnet or Keyword.Range or Keyword.Fqdn or Keyword.Service => new Choice(AccessListGrammar.ObjectMember, true, ObjectMemberFast),
                    Keyword.Nat => new Choice(NetworkGrammar.ObjectNat, true, ObjectNatFast),
                    _ => null,
                };

            case ObjectGroupCommand:
                return keyword is Keyword.NetworkObject or Keyword.PortObject or Keyword.ServiceObject or Keyword.GroupObject or Keyword.ProtocolObject
                    ? new Choice(AccessListGrammar.GroupMember, true, GroupMemberFast)
                    : null;

            default:
                return null;
        }
    }
}
