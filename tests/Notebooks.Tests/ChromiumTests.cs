namespace Notebooks.Tests;

/// <summary>When the browser tests run, are skipped, or fail: the rule behind BrowserFact and BrowserTheory.</summary>
public class ChromiumTests
{
    private const string Missing = "/nonexistent/chromium";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("false")]
    public void Without_Chromium_and_without_CI_the_browser_tests_are_skipped_with_the_install_line(string? ci)
    {
        string? reason = Chromium.SkipReason(Missing, exists: false, ci);
        Assert.NotNull(reason);
        Assert.Contains(Missing, reason);
        Assert.Contains("sudo apt-get install -y chromium", reason);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    public void With_CI_set_the_browser_tests_are_required_and_fail_with_the_install_line(string ci)
    {
        Assert.Null(Chromium.SkipReason(Missing, exists: false, ci));
        var e = Assert.Throws<InvalidOperationException>(() => Chromium.RequirePath(Missing));
        Assert.Contains("sudo apt-get install -y chromium", e.Message);
        Assert.Contains(Missing, e.Message);
    }

    [Fact]
    public void With_Chromium_the_browser_tests_run()
    {
        string existing = typeof(ChromiumTests).Assembly.Location; // any file that exists
        Assert.Null(Chromium.SkipReason(existing, exists: true, ci: null));
        Assert.Equal(existing, Chromium.RequirePath(existing));
    }
}
