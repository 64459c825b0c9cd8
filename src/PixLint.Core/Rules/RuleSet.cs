using PixLint.Text;

namespace PixLint.Rules;

/// <summary>
/// The rules of one run: the default pack embedded in the binary (rules/*.yaml), plus rule files
/// and folders given with --rules, minus what --select/--ignore leave out. Every load problem is
/// collected (`file:line:column`), duplicate ids included.
/// </summary>
public sealed class RuleSet
{
    private RuleSet(IReadOnlyList<Rule> rules) => Rules = rules;

    public IReadOnlyList<Rule> Rules { get; }

    public Rule? Find(string id) => Rules.FirstOrDefault(r => r.Id.Equals(id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The default pack's rule files (relative to `rules/`).</summary>
    public static IEnumerable<string> DefaultPackFiles =>
        EmbeddedRulePack.Files.Where(f => !f.Contains('/', StringComparison.Ordinal) && f.EndsWith(".yaml", StringComparison.Ordinal) && f != "defaults.yaml");

    /// <summary>Loads the default pack (unless <paramref name="includeDefault"/> is false) and the given paths.</summary>
    public static RuleSet Load(bool includeDefault, IEnumerable<string> paths, string workingDirectory, List<LoadError> errors)
    {
        var rules = new List<Rule>();
        if (includeDefault)
        {
            foreach (string file in DefaultPackFiles)
            {
                if (RuleLoader.Load("rules/" + file, EmbeddedRulePack.ReadText(file), errors) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        foreach (string path in paths)
        {
            string full = Path.GetFullPath(path, workingDirectory);
            IEnumerable<string> files;
            if (File.Exists(full))
            {
                files = [full];
            }
            else if (Directory.Exists(full))
            {
                files = RuleFilesIn(full, workingDirectory, errors);
            }
            else
            {
                errors.Add(new LoadError(path, 1, 1, "no such rule file or folder"));
                continue;
            }

            foreach (string file in files)
            {
                string display = Path.GetRelativePath(workingDirectory, file).Replace('\\', '/');
                string? text;
                try
                {
                    text = BoundedFile.ReadText(file, BoundedFile.MaxYamlBytes, out string? tooLarge);
                    if (text is null)
                    {
                        errors.Add(new LoadError(display, 1, 1, $"{tooLarge}: not read as a rule file"));
                        continue;
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new LoadError(display, 1, 1, $"cannot read the rule file ({e.Message})"));
                    continue;
                }

                if (RuleLoader.Load(display, text, errors) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        var seen = new Dictionary<string, Rule>(StringComparer.OrdinalIgnoreCase);
        var unique = new List<Rule>();
        foreach (var rule in rules)
        {
            if (seen.TryGetValue(rule.Id, out var first))
            {
                errors.Add(new LoadError(rule.SourcePath, rule.IdPosition.Line, rule.IdPosition.Column,
                    $"duplicate rule id '{rule.Id}' (first defined in {first.SourcePath}:{first.IdPosition.Line}:{first.IdPosition.Column})"));
                continue;
            }

            seen[rule.Id] = rule;
            unique.Add(rule);
        }

        foreach (var rule in unique)
        {
            foreach (string id in rule.Suppresses)
            {
                if (!seen.ContainsKey(id))
                {
                    errors.Add(new LoadError(rule.SourcePath, 1, 1, $"rule {rule.Id} suppresses '{id}', which is not a loaded rule"));
                }
            }
        }

        return new RuleSet(unique);
    }

    /// <summary>
    /// The rule files (`*.yaml`, `*.yml`) under <paramref name="folder"/>, in ordinal order. Symbolic
    /// links are followed only when they stay inside the folder (a folder link inside it is walked
    /// through its target, so a loop of links is walked once); a link that leads outside is an error.
    /// </summary>
    private static List<string> RuleFilesIn(string folder, string workingDirectory, List<LoadError> errors)
    {
        var files = new List<string>();
        var pending = new Stack<string>([folder]);
        string Display(string path) => Path.GetRelativePath(workingDirectory, path).Replace('\\', '/');
        while (pending.Count > 0)
        {
            string directory = pending.Pop();
            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(directory).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new LoadError(Display(directory), 1, 1, $"cannot read the rules folder ({e.Message})"));
                continue;
            }

            foreach (string entry in entries)
            {
                string name = Path.GetFileName(entry);
                bool isRuleFile = (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    && !name.StartsWith('.') && name != "defaults.yaml";
                bool isLink = new FileInfo(entry).LinkTarget is not null;
                if (isLink)
                {
                    string real = RealPaths.Resolve(entry);
                    if (!RealPaths.IsInside(real, folder))
                    {
                        if (isRuleFile || Directory.Exists(entry))
                        {
                            errors.Add(new LoadError(Display(entry), 1, 1, $"a symbolic link to {real}, outside the rules folder {Display(folder)}; not read"));
                        }

                        continue;
                    }

                    if (Directory.Exists(entry))
                    {
                        continue; // its target is inside the folder: walked there
                    }
                }

                if (!isLink && Directory.Exists(entry))
                {
                    pending.Push(entry);
                }
                else if (isRuleFile && File.Exists(entry))
                {
                    files.Add(entry);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Keeps the rules in <paramref name="select"/> (all when empty) minus <paramref name="ignore"/>; unknown ids are errors.</summary>
    public RuleSet Filter(IReadOnlyCollection<string> select, IReadOnlyCollection<string> ignore, List<string> errors)
    {
        foreach (string id in select.Concat(ignore))
        {
            if (Find(id) is null && !Rules.Any(r => r.Id.StartsWith(id, StringComparison.OrdinalIgnoreCase)))
            {
                string? suggestion = YamlFile.Suggest(id, Rules.Select(r => r.Id));
                errors.Add($"unknown rule '{id}'" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"));
            }
        }

        // A prefix selects a family (ruff-style): `--select SMTP01` takes SMTP010..SMTP015.
        static bool Matches(Rule r, string id) => r.Id.StartsWith(id, StringComparison.OrdinalIgnoreCase);
        return new RuleSet([.. Rules.Where(r => (select.Count == 0 || select.Any(s => Matches(r, s))) && !ignore.Any(i => Matches(r, i)))]);
    }

    /// <summary>A rule set from already-loaded rules (tests, fixtures).</summary>
    public static RuleSet Of(IEnumerable<Rule> rules) => new([.. rules]);
}
