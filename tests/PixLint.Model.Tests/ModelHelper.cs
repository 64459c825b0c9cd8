using PixLint.Model;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Tests;

internal static class ModelHelper
{
    public static ConfigModel Build(string text, DevicePlatform? platform = null, string? version = null) =>
        ModelBuilder.Build(
            ConfigParser.Parse(SourceText.FromString("t.cfg", text)),
            new ModelOptions(DefaultsLoader.Default)
            {
                Platform = platform,
                Version = version is null ? null : OsVersion.Parse(version),
            });

    public static InspectEntry Esmtp(this ConfigModel model, int index = 0) =>
        model.Inspects.Where(e => e.Protocol is "esmtp" or "smtp").ElementAt(index);
}
