namespace Notebooks.Tests;

/// <summary>
/// Where the browser tests find Chromium, and whether they may be skipped without it. Debian's
/// /usr/bin/chromium is used unless the CHROMIUM environment variable names another executable
/// (CHROMIUM=/nonexistent simulates a machine without Chromium). Without Chromium the browser tests
/// are skipped, so `dotnet test Tutorial.sln` passes on a machine with only the .NET SDK; when the
/// CI environment variable is set they are required and fail instead, saying how to install it.
/// </summary>
public static class Chromium
{
    public const string InstallLine = "sudo apt-get install -y chromium";

    /// <summary>$CHROMIUM, or Debian's /usr/bin/chromium.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Whether the CI environment variable is set (to anything but empty, 0 or false).</summary>
    public static bool IsCi(string? ci) => ci is { Length: > 0 } && ci != "0" && !ci.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a browser test is skipped, or null if it must run (Chromium is there, or CI requires it).</summary>
    public static string? SkipReason(string executablePath, bool exists, string? ci) =>
        exists || IsCi(ci)
            ? null
            : $"Chromium is not installed at {executablePath}: the browser tests are skipped. Install it with `{InstallLine}` " +
              "(Debian/Ubuntu), or set CHROMIUM to a Chromium or Chrome executable. With CI set they are required.";

    /// <summary><see cref="SkipReason(string, bool, string?)"/> for this machine.</summary>
    public static string? SkipReasonHere()
    {
        string path = ExecutablePath;
        return SkipReason(path, File.Exists(path), Environment.GetEnvironmentVariable("CI"));
    }

    /// <summary>The executable, or a failure that says how to install it (what a required browser test reports).</summary>
    public static string RequirePath() => RequirePath(ExecutablePath);

    /// <inheritdoc cref="RequirePath()"/>
    public static string RequirePath(string path)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"The book tests open every page in headless Chromium, which is not installed at {path}. " +
                $"Install it with `{InstallLine}` (Debian/Ubuntu; .ci/run does this), " +
                "or point the CHROMIUM environment variable at a Chromium or Chrome executable.");
        return path;
    }
}

/// <summary>A test that needs Chromium: skipped (with the install line) when it is missing, unless CI is set.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = Chromium.SkipReasonHere();
}

/// <summary>A theory that needs Chromium: skipped (with the install line) when it is missing, unless CI is set.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute() => Skip = Chromium.SkipReasonHere();
}
