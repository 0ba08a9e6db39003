using Microsoft.Playwright;

namespace DlnLab.Browser.Tests;

/// <summary>Debian's chromium driven by Playwright's bundled driver: no browser is downloaded. Where it is missing the
/// tests skip, unless DLN_REQUIRE_BROWSER=1 (as .ci/run sets it), which makes that a failure.</summary>
internal static class ChromiumBrowser
{
    /// <summary>Where Debian's chromium package installs the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Skips the calling test when chromium is missing and not required; fails it when required.</summary>
    public static void RequireOrSkip()
    {
        if (File.Exists(ExecutablePath)) return;
        string reason = $"{ExecutablePath} is missing (apt-get install chromium); the browser tests need it";
        if (Environment.GetEnvironmentVariable("DLN_REQUIRE_BROWSER") == "1") Assert.Fail(reason + ", and DLN_REQUIRE_BROWSER=1 requires them");
        Skip.If(true, reason);
    }

    /// <summary>Starts Playwright's driver and a headless chromium.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        IPlaywright playwright = await Playwright.CreateAsync();
        IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
        });
        return (playwright, browser);
    }
}
