using PixLint.Model;
using PixLint.Rules;

namespace PixLint.Tests;

public class DefaultsTests
{
    [Theory]
    [InlineData("pix", "7.0(1)", false)]
    [InlineData("pix", "7.2(2)", false)]
    [InlineData("pix", "7.2(3)", true)]
    [InlineData("asa", "7.2(4)", true)]
    [InlineData("asa", "8.0(2)", false)]
    [InlineData("asa", "8.0(3)", true)]
    [InlineData("asa", "8.4(7)30", true)]
    [InlineData("asa", "9.18(1)", true)]
    [InlineData("ftd", "7.2.5", true)]
    [InlineData("fwsm", "4.1(4)", true)]
    public void Allow_tls_support_by_version(string platform, string version, bool supported)
    {
        Assert.True(DevicePlatformNames.TryParse(platform, out var p));
        Assert.Equal(supported, DefaultsLoader.Default.SupportsAllowTls(p, OsVersion.Parse(version)));
    }

    [Fact]
    public void Allow_tls_support_is_unknown_without_a_version() =>
        Assert.Null(DefaultsLoader.Default.SupportsAllowTls(DevicePlatform.Asa, null));

    [Fact]
    public void The_built_in_esmtp_map_is_the_documented_one()
    {
        var spec = DefaultsLoader.Default.FindDefaultMap("esmtp", DevicePlatform.Asa, OsVersion.Parse("9.6(1)"))!.Value;
        var map = spec.Spec.Definition!;
        Assert.True(map.IsImplicit);
        Assert.True(map.MasksBanner);
        Assert.False(map.AllowsTls);
        Assert.Equal(7, map.Matches.Count);
        Assert.Contains(map.Matches, m => m.Words.SequenceEqual(["ehlo-reply-parameter", "others"]) && m.Actions.Single().Action == "mask");
    }

    [Fact]
    public void Defaults_file_errors_are_located()
    {
        var errors = new List<LoadError>();
        DefaultsLoader.Load("d.yaml", "allow-tls:\n  supported:\n    - { platforms: [pix, cisco], versions: \">=7.2(3\" }\nextra: 1\n", errors);
        Assert.Contains(errors, e => e.ToString() == "d.yaml:4:1: unknown key 'extra' in the defaults file (expected one of: default-inspection-traffic, allow-tls, inspect-maps)");
        Assert.Contains(errors, e => e.Message.StartsWith("unknown platform 'cisco'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("is not a version comparison", StringComparison.Ordinal));
    }
}
