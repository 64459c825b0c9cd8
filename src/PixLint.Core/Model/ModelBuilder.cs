using PixLint.Syntax;
using PixLint.Syntax.Commands;

namespace PixLint.Model;

/// <summary>
/// Turns a <see cref="SyntaxTree"/> into a <see cref="ConfigModel"/>: who the device is, which
/// fixups are in force, and which inspections really apply. Blocks that re-enter a class-map,
/// policy-map or inspect map merge in file order; `no` forms cancel what came before them.
/// </summary>
public static class ModelBuilder
{
    public static ConfigModel Build(SyntaxTree tree, ModelOptions options)
    {
        var model = new ConfigModel(tree, options.Defaults);
        ReadIdentity(model, options);
        ReadFixups(model);
        TimeBudget.Check();
        ReadClassMaps(model);
        TimeBudget.Check();
        foreach (var map in BuildInspectMaps(tree, isImplicit: false))
        {
            model.InspectMaps[ConfigModel.Key(map.Protocol, map.Name)] = map;
        }

        model.ShowsDefaults = model.InspectMaps.Values.Any(m => m.Name.StartsWith("_default_", StringComparison.Ordinal));
        TimeBudget.Check();
        ReadPolicyMaps(model);
        TimeBudget.Check();
        ReadServicePolicies(model);
        ResolveInspects(model);
        TimeBudget.Check();
        ReadContexts(model);
        return model;
    }

    private static void ReadIdentity(ConfigModel model, ModelOptions options)
    {
        var tree = model.Tree;
        DevicePlatform platform = DevicePlatform.Unknown;
        OsVersion? version = null;
        string? versionText = null, marker = null;
        var source = IdentitySource.None;
        int headerLine = -1;

        foreach (int line in tree.LinesWith(Keyword.PlatformHeader))
        {
            if (tree.GetParent(line) < 0 && tree.GetCommand(line) is VersionHeaderCommand header)
            {
                (platform, version, versionText, marker, headerLine, source) =
                    (header.Platform, header.Version, header.VersionText, header.ContextMarker, line, IdentitySource.VersionHeader);
                if (header.Version is null)
                {
                    model.Diagnostics.Add(new ParseDiagnostic(ParseDiagnostic.UnknownVersion, Severity.Warning, tree.GetCommandSpan(line),
                        $"'{header.VersionText}' is not a version number (expected e.g. 9.8(4) or 6.3(5)); give --os-version for version-dependent checks"));
                }

                break;
            }
        }

        bool generatorComment = false;
        if (source == IdentitySource.None && FindGeneratorComment(tree) is var (line2, word, text))
        {
            generatorComment = true;
            var v = OsVersion.TryParse(text, out var parsed) ? parsed : null;
            platform = DevicePlatformNames.TryParse(word, out var named) ? named : DevicePlatform.Unknown;

            // fwbuilder's "pix" target covers ASA: PIX hardware never ran releases after 8.0.
            if (platform == DevicePlatform.Pix && v is not null && v >= OsVersion.Parse("8.1"))
            {
                platform = DevicePlatform.Asa;
            }

            (version, versionText, headerLine, source) = (v, text, line2, IdentitySource.GeneratorComment);
        }

        if (source == IdentitySource.None && FindCommentHeader(tree) is { } comment)
        {
            (platform, version, versionText, marker, headerLine, source) =
                (comment.Header.Platform, comment.Header.Version, comment.Header.VersionText, comment.Header.ContextMarker, comment.Line, IdentitySource.CommentHeader);
        }

        if (platform == DevicePlatform.Unknown && options.Platform is { } p && p != DevicePlatform.Unknown)
        {
            (platform, source) = (p, source == IdentitySource.None ? IdentitySource.CommandLine : source);
        }

        if (version is null && options.Version is { } ov)
        {
            (version, versionText) = (ov, ov.Text);
            if (source == IdentitySource.None)
            {
                source = IdentitySource.CommandLine;
            }
        }

        bool hasMpf = tree.LinesWith(Keyword.PolicyMap).Count > 0 || tree.LinesWith(Keyword.ServicePolicy).Count > 0;
        bool hasFixups = tree.LinesWith(Keyword.Fixup).Count > 0;
        bool systemContext = IsSystemContext(tree);
        if (platform == DevicePlatform.Unknown && (hasMpf || hasFixups || systemContext))
        {
            platform = hasMpf || systemContext ? DevicePlatform.Asa : DevicePlatform.Pix;
            if (source == IdentitySource.None)
            {
                source = IdentitySource.Inferred;
            }
        }

        var generation = DevicePlatformNames.GenerationOf(platform, version);
        if (generation == InspectionGeneration.Unknown && platform != DevicePlatform.Unknown)
        {
            generation = hasMpf ? InspectionGeneration.Mpf : hasFixups ? InspectionGeneration.Fixup : InspectionGeneration.Unknown;
        }

        string? hostname = null;
        foreach (int line in tree.LinesWith(Keyword.Hostname))
        {
            if (tree.GetParent(line) < 0 && tree.GetCommand(line) is HostnameCommand h)
            {
                hostname = h.Name;
                break;
            }
        }

        model.Device = new DeviceIdentity(platform, version, versionText, source, headerLine, hostname, marker) { Generation = generation };

        bool system = marker == "<system>" || tree.LinesWith(Keyword.Context).Any(l => tree.GetParent(l) < 0);
        bool script = generatorComment
            || tree.LinesWith(Keyword.Clear).Any(l => tree.GetParent(l) < 0)
            || tree.LinesWith(Keyword.Exit).Any(l => tree.GetParent(l) < 0)
            || tree.LinesWith(Keyword.Configure).Any(l => tree.GetParent(l) < 0);
        model.InputKind = system ? InputKind.SystemContext : script ? InputKind.CommandScript : InputKind.RunningConfig;
    }

    /// <summary>
    /// The system execution space without its version line: `mode multiple`, a top-level
    /// `context`, `allocate-interface` or `failover group` only exist on a multi-context ASA.
    /// </summary>
    private static bool IsSystemContext(SyntaxTree tree)
    {
        if (tree.LinesWith(Keyword.Context).Any(l => tree.GetParent(l) < 0) || tree.LinesWith(Keyword.AllocateInterface).Count > 0)
        {
            return true;
        }

        int limit = Math.Min(tree.LineCount, 5000);
        for (int i = 0; i < limit; i++)
        {
            if (tree.IsCommand(i) && tree.GetParent(i) < 0 && !tree.IsNegated(i))
            {
                var words = tree.GetCommandText(i);
                if (words.Equals("mode multiple", StringComparison.OrdinalIgnoreCase) || words.StartsWith("failover group ", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A version header inside a comment near the top: `: ASA Version 9.1(5) &lt;context&gt;` (a
    /// context's saved header), `! ASA Version 9.8(4)`, or Oxidized's `! Cisco Adaptive Security
    /// Appliance Software Version 9.8(4)15` (show version).
    /// </summary>
    private static (int Line, VersionHeaderCommand Header)? FindCommentHeader(SyntaxTree tree)
    {
        const string oxidized = "Cisco Adaptive Security Appliance Software Version ";
        int limit = Math.Min(tree.LineCount, 200);
        for (int i = 0; i < limit; i++)
        {
            if (tree.GetKind(i) is not (LineKind.Comment or LineKind.Framing))
            {
                continue;
            }

            string text = tree.Source.GetLineSpan(i).ToString().TrimStart().TrimStart(':', '!').Trim();
            if (text.StartsWith(oxidized, StringComparison.OrdinalIgnoreCase))
            {
                text = "ASA Version " + text[oxidized.Length..];
            }

            if (!text.StartsWith("ASA Version ", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("PIX Version ", StringComparison.OrdinalIgnoreCase)
                && !text.StartsWith("FWSM Version ", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var header = ConfigParser.Parse(PixLint.Text.SourceText.FromString("comment header", text)).GetCommand(0) as VersionHeaderCommand;
            if (header?.Version is not null)
            {
                return (i, header);
            }
        }

        return null;
    }

    /// <summary>fwbuilder's `! Compiled for pix 6.3` (or fwsm/asa) near the top of a generated script.</summary>
    private static (int Line, string Platform, string Version)? FindGeneratorComment(SyntaxTree tree)
    {
        const string marker = "Compiled for ";
        int limit = Math.Min(tree.LineCount, 500);
        for (int i = 0; i < limit; i++)
        {
            if (tree.GetKind(i) != LineKind.Comment)
            {
                continue;
            }

            var text = tree.Source.GetLineSpan(i).TrimStart().TrimStart('!').Trim();
            if (!text.StartsWith(marker, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = text[marker.Length..].Trim();
            int space = rest.IndexOf(' ');
            if (space > 0)
            {
                return (i, rest[..space].ToString(), rest[(space + 1)..].Trim().ToString());
            }
        }

        return null;
    }

    private static void ReadFixups(ConfigModel model)
    {
        var tree = model.Tree;
        foreach (int line in tree.LinesWith(Keyword.Fixup))
        {
            TimeBudget.Check();
            if (tree.GetParent(line) >= 0 || tree.GetCommand(line) is not FixupCommand fixup)
            {
                continue;
            }

            if (!fixup.Negated)
            {
                model.Fixups.Add(new FixupEntry(line, fixup));
                continue;
            }

            foreach (var earlier in model.Fixups)
            {
                if (earlier.Protocol == fixup.Protocol && (earlier.InForce || earlier.PortsInForce.Count > 0))
                {
                    earlier.Cancel(fixup.Protocol == "smtp" || fixup.Ports is not null ? fixup.Ports : null, line);
                }
            }
        }
    }

    private static void ReadClassMaps(ConfigModel model)
    {
        var tree = model.Tree;
        foreach (int line in tree.LinesWith(Keyword.ClassMap))
        {
            TimeBudget.Check();
            if (tree.GetParent(line) >= 0 || tree.GetCommand(line) is not ClassMapCommand header)
            {
                continue;
            }

            if (header.Negated)
            {
                model.ClassMaps.Remove(header.Name);
                continue;
            }

            if (!model.ClassMaps.TryGetValue(header.Name, out var def))
            {
                model.ClassMaps[header.Name] = def = new ClassMapDefinition(header.Name, header.Type, isImplicit: false);
            }

            def.HeaderLines.Add(line);
            foreach (int child in tree.GetChildren(line))
            {
                var command = tree.GetCommand(child);
                if (command is null or DescriptionCommand or GenericCommand { Words.Count: 0 })
                {
                    continue;
                }

                if (command.Negated)
                {
                    def.Criteria.RemoveAll(c => SameText(tree, c.Line, child));
                }
                else
                {
                    def.Criteria.Add(command);
                }
            }
        }
    }

    /// <summary>Inspect maps (`policy-map type inspect PROTO NAME`) of a tree, merged by name in file order.</summary>
    internal static List<InspectMapDefinition> BuildInspectMaps(SyntaxTree tree, bool isImplicit)
    {
        var maps = new Dictionary<string, InspectMapDefinition>(StringComparer.Ordinal);
        foreach (int line in tree.LinesWith(Keyword.PolicyMap))
        {
            TimeBudget.Check();
            if (tree.GetParent(line) >= 0 || tree.GetCommand(line) is not PolicyMapCommand { IsInspectMap: true } header || header.Protocol is null)
            {
                continue;
            }

            string key = ConfigModel.Key(header.Protocol, header.Name);
            if (header.Negated)
            {
                maps.Remove(key);
                continue;
            }

            if (!maps.TryGetValue(key, out var map))
            {
                maps[key] = map = new InspectMapDefinition(header.Protocol, header.Name, tree, isImplicit);
            }

            map.HeaderLines.Add(line);
            foreach (int child in tree.GetChildren(line))
            {
                switch (tree.GetCommand(child))
                {
                    case ParametersCommand:
                        foreach (int p in tree.GetChildren(child))
                        {
                            if (tree.GetCommand(p) is InspectParameterCommand param)
                            {
                                map.Parameters.Add(new InspectParameter(p, param.Name, param.Negated, param.Arguments));
                            }
                        }

                        break;
                    case InspectMatchCommand { Negated: true } removed:
                        map.Matches.RemoveAll(m => m.Not == removed.Not && m.Words.SequenceEqual(removed.Words, StringComparer.OrdinalIgnoreCase));
                        break;
                    case InspectMatchCommand match:
                        var entry = new InspectMapMatch(child, match, tree);
                        AddActions(tree, child, entry);
                        map.Matches.Add(entry);
                        break;
                    case PolicyClassCommand { Negated: false } inspectClass:
                        AddClassMatches(tree, child, inspectClass.Name, map);
                        break;
                }
            }
        }

        return [.. maps.Values];
    }

    /// <summary>`class X` inside an inspect map: each criterion of inspect class-map X with the class's actions.</summary>
    private static void AddClassMatches(SyntaxTree tree, int classLine, string className, InspectMapDefinition map)
    {
        foreach (int cm in tree.LinesWith(Keyword.ClassMap))
        {
            if (tree.GetParent(cm) >= 0 || tree.GetCommand(cm) is not ClassMapCommand { Negated: false } header || header.Name != className)
            {
                continue;
            }

            foreach (int criterion in tree.GetChildren(cm))
            {
                if (tree.GetCommand(criterion) is InspectMatchCommand { Negated: false } match)
                {
                    var entry = new InspectMapMatch(criterion, match, tree);
                    AddActions(tree, classLine, entry);
                    map.Matches.Add(entry);
                }
            }
        }
    }

    private static void AddActions(SyntaxTree tree, int parent, InspectMapMatch match)
    {
        foreach (int a in tree.GetChildren(parent))
        {
            if (tree.GetCommand(a) is InspectActionCommand { Negated: false } action)
            {
                match.Actions.Add(new InspectAction(a, action.Action, action.Arguments));
            }
        }
    }

    private static void ReadPolicyMaps(ConfigModel model)
    {
        var tree = model.Tree;
        foreach (int line in tree.LinesWith(Keyword.PolicyMap))
        {
            TimeBudget.Check();
            if (tree.GetParent(line) >= 0 || tree.GetCommand(line) is not PolicyMapCommand { IsInspectMap: false } header || header.Type is not null)
            {
                continue;
            }

            if (header.Negated)
            {
                if (model.PolicyMaps.Remove(header.Name, out var removed))
                {
                    model.Inspects.RemoveAll(e => e.Policy == removed);
                }

                continue;
            }

            if (!model.PolicyMaps.TryGetValue(header.Name, out var policy))
            {
                model.PolicyMaps[header.Name] = policy = new PolicyMapDefinition(header.Name);
            }

            policy.HeaderLines.Add(line);
            foreach (int child in tree.GetChildren(line))
            {
                if (tree.GetCommand(child) is not PolicyClassCommand classCommand)
                {
                    continue;
                }

                var existing = policy.Classes.Find(c => c.ClassName == classCommand.Name);
                if (classCommand.Negated)
                {
                    if (existing is not null)
                    {
                        policy.Classes.Remove(existing);
                        model.Inspects.RemoveAll(e => e.Class == existing);
                    }

                    continue;
                }

                if (existing is null)
                {
                    existing = new PolicyClass(policy, classCommand.Name);
                    policy.Classes.Add(existing);
                }

                existing.Lines.Add(child);
                ReadInspects(model, child, existing);
            }
        }
    }

    private static void ReadInspects(ConfigModel model, int classLine, PolicyClass policyClass)
    {
        var tree = model.Tree;
        foreach (int line in tree.GetChildren(classLine))
        {
            if (tree.GetCommand(line) is not InspectCommand inspect)
            {
                continue;
            }

            if (inspect.Negated)
            {
                // The last command wins: a later `no inspect PROTO` cancels what is in force.
                foreach (var earlier in policyClass.Inspects)
                {
                    if (earlier.InForce && earlier.Protocol == inspect.Protocol)
                    {
                        earlier.InForce = false;
                        earlier.CancelledBy = line;
                    }
                }

                continue;
            }

            var entry = new InspectEntry(line, inspect, policyClass);
            policyClass.Inspects.Add(entry);
            model.Inspects.Add(entry);
        }
    }

    private static void ReadServicePolicies(ConfigModel model)
    {
        var tree = model.Tree;
        foreach (int line in tree.LinesWith(Keyword.ServicePolicy))
        {
            TimeBudget.Check();
            if (tree.GetParent(line) >= 0 || tree.GetCommand(line) is not ServicePolicyCommand command)
            {
                continue;
            }

            if (command.Negated)
            {
                model.ServicePolicies.RemoveAll(b => b.PolicyName == command.PolicyMap && b.Global == command.Global && b.Interface == command.Interface);
                continue;
            }

            model.ServicePolicies.Add(new ServicePolicyBinding(line, command.PolicyMap, command.Global, command.Interface));
        }

        foreach (var binding in model.ServicePolicies)
        {
            if (model.PolicyMaps.TryGetValue(binding.PolicyName, out var policy))
            {
                binding.Policy = policy;
                policy.AppliedBy.Add(binding);
            }
            else
            {
                model.Diagnostics.Add(new ParseDiagnostic(ParseDiagnostic.UndefinedReference, Severity.Warning, tree.GetCommandSpan(binding.Line),
                    $"service-policy applies policy-map '{binding.PolicyName}', which this file does not define"));
            }
        }
    }

    private static void ResolveInspects(ConfigModel model)
    {
        var device = model.Device;
        foreach (var entry in model.Inspects)
        {
            var policyClass = entry.Class;
            policyClass.ClassMap ??= FindClassMap(model, policyClass.ClassName);
            entry.Ports = ClassPorts(model, policyClass.ClassMap, entry.Protocol);

            if (entry.MapName is { } name)
            {
                var map = model.FindInspectMap(entry.Protocol, name);
                if (map is null && model.Defaults.FindByName(entry.Protocol, name) is { } builtIn)
                {
                    map = builtIn.Definition;
                    var found = model.Defaults.FindDefaultMap(entry.Protocol, device.Platform, device.Version);
                    entry.MapEvidence = found?.Evidence ?? Evidence.Assumed;
                    entry.MapEvidenceSource = found?.Source;
                }

                entry.EffectiveMap = map;
                entry.MapUndefined = map is null;
                continue;
            }

            // No map named: the built-in default, unless the file writes it out (show run all), which we trust.
            var spec = model.Defaults.FindDefaultMap(entry.Protocol, device.Platform, device.Version);
            if (spec is null)
            {
                continue;
            }

            var written = model.FindInspectMap(entry.Protocol, spec.Value.Spec.Name);
            if (written is not null)
            {
                entry.EffectiveMap = written;
                continue;
            }

            entry.EffectiveMap = spec.Value.Spec.Definition;
            entry.MapEvidence = spec.Value.Evidence;
            entry.MapEvidenceSource = spec.Value.Source;
        }
    }

    private static ClassMapDefinition? FindClassMap(ConfigModel model, string name)
    {
        if (model.ClassMaps.TryGetValue(name, out var def))
        {
            return def;
        }

        // Built-in classes: `class-default` matches everything; `inspection_default` is part of the
        // factory configuration and matches the default inspection traffic when a partial file omits it.
        ClassMapDefinition? implicitClass = name switch
        {
            "class-default" => new ClassMapDefinition(name, null, isImplicit: true) { Criteria = { new MatchAnyCommand() } },
            "inspection_default" => new ClassMapDefinition(name, null, isImplicit: true) { Criteria = { new MatchDefaultInspectionTrafficCommand() } },
            _ => null,
        };
        return implicitClass;
    }

    /// <summary>TCP ports a class matches for <paramref name="protocol"/> (match-all semantics for several criteria).</summary>
    internal static PortSet ClassPorts(ConfigModel model, ClassMapDefinition? classMap, string protocol)
    {
        if (classMap is null)
        {
            return PortSet.Unknown;
        }

        PortSet? result = null;
        foreach (var criterion in classMap.Criteria)
        {
            PortSet ports = criterion switch
            {
                MatchAnyCommand => PortSet.All,
                MatchPortCommand { Transport: "tcp" } p => PortSet.Of([p.Ports]),
                MatchPortCommand => PortSet.Empty,
                MatchDefaultInspectionTrafficCommand => model.Defaults.DefaultInspectionTraffic.TryGetValue(protocol, out var t) && t.Transport == "tcp"
                    ? t.Ports
                    : PortSet.Empty,
                MatchAccessListCommand acl => model.Objects.DestinationPorts(acl.AccessList, "tcp"),
                _ => PortSet.All, // flow, dscp, tunnel-group...: no port restriction of their own
            };
            result = result is null ? ports : result.Intersect(ports);
        }

        return result ?? PortSet.Empty;
    }

    private static void ReadContexts(ConfigModel model)
    {
        var tree = model.Tree;
        foreach (int line in tree.LinesWith(Keyword.AdminContext))
        {
            if (tree.GetParent(line) < 0 && tree.GetCommand(line) is AdminContextCommand admin)
            {
                model.AdminContext = admin.Name;
            }
        }

        foreach (int line in tree.LinesWith(Keyword.Context))
        {
            if (tree.GetParent(line) >= 0 || tree.GetCommand(line) is not ContextCommand { Negated: false } context)
            {
                continue;
            }

            var interfaces = new List<string>();
            string? url = null;
            foreach (int child in tree.GetChildren(line))
            {
                switch (tree.GetCommand(child))
                {
                    case AllocateInterfaceCommand a:
                        interfaces.Add(a.Arguments[0]);
                        break;
                    case ConfigUrlCommand u:
                        url = u.Url;
                        break;
                }
            }

            model.Contexts.Add(new ContextDefinition(line, context.Name, interfaces, url));
        }
    }

    private static bool SameText(SyntaxTree tree, int a, int negated)
    {
        var words = tree.GetWords(negated);
        var other = tree.GetWords(a);
        return words.Count == other.Count + 1 && words.Skip(1).SequenceEqual(other, StringComparer.OrdinalIgnoreCase);
    }
}
