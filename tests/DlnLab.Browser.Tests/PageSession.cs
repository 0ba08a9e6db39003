using Microsoft.Playwright;

namespace DlnLab.Browser.Tests;

/// <summary>A page opened on a local file in a fresh chromium, recording every console error, uncaught exception and
/// request that leaves the file system, and waiting until every chart is drawn.</summary>
internal sealed class PageSession : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions, in order.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Requests for anything but a file: the report must need no network.</summary>
    public List<string> NetworkRequests { get; } = [];

    private PageSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        this.playwright = playwright;
        this.browser = browser;
        Page = page;
    }

    public static async Task<PageSession> OpenAsync(string htmlPath)
    {
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var session = new PageSession(playwright, browser, page);
        page.Console += (_, message) => { if (message.Type == "error") session.Errors.Add("console: " + message.Text); };
        page.PageError += (_, error) => session.Errors.Add("page error: " + error);
        page.Request += (_, request) => { if (!request.Url.StartsWith("file://", StringComparison.Ordinal)) session.NetworkRequests.Add(request.Url); };
        await page.GotoAsync(new Uri(htmlPath).AbsoluteUri);
        await page.WaitForFunctionAsync("() => window.dlnChartsReady !== undefined", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.EvaluateAsync("() => window.dlnChartsReady");
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
    }
}
