using System.Collections.Concurrent;
using CrmCdp.TestSupport;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

/// <summary>
/// A customer's website for the browser tests: its pages are answered by Playwright, the published analytics.js files
/// come from the npm package, CrmCdp is its CDN and destination, and nothing else leaves the machine.
/// </summary>
internal static class CustomerSite
{
    /// <summary>Routes the site's pages to <paramref name="pageAt"/> (by path) and the analytics.js files to the package; the URLs refused.</summary>
    public static async Task<ConcurrentQueue<string>> RouteAsync(BrowserApp app, IPage page, string site, Func<string, string> pageAt)
    {
        var cdn = app.BaseAddress.ToString().TrimEnd('/');
        var standalone = await SdkClients.PackageFileAsync("@segment/analytics-next/dist/umd/standalone.js");
        var bundles = Path.GetDirectoryName(standalone)!;
        var leaving = new ConcurrentQueue<string>();
        // In production the site and CrmCdp are both public; here the app is on the loopback address, which Chromium's
        // local network access checks only let a site reach with the user's permission.
        await page.Context.GrantPermissionsAsync(["local-network-access"], new() { Origin = site });

        // Playwright runs the last matching route first: the catch-all refuses whatever is neither the app nor answered below.
        await page.Context.RouteAsync("**/*", async route =>
        {
            if (new Uri(route.Request.Url).IsLoopback)
            {
                await route.ContinueAsync();
                return;
            }

            leaving.Enqueue(route.Request.Url);
            await route.AbortAsync();
        });
        await page.Context.RouteAsync($"{site}/**", route => route.FulfillAsync(new()
        {
            ContentType = "text/html; charset=utf-8",
            Body = pageAt(new Uri(route.Request.Url).AbsolutePath),
        }));
        await page.Context.RouteAsync($"{cdn}/analytics.js/v1/**", route => route.FulfillAsync(new() { Path = standalone }));
        await page.Context.RouteAsync($"{cdn}/analytics-next/bundles/**", route =>
            route.FulfillAsync(new() { Path = Path.Combine(bundles, Path.GetFileName(new Uri(route.Request.Url).AbsolutePath)) }));
        return leaving;
    }

    /// <summary>The Segment snippet as Segment gives it out, with this app as the CDN; it loads analytics.js and sends a page view.</summary>
    public static string SegmentSnippet(string writeKey, string cdn) => $$"""
    <script>
      !function () {
        var analytics = window.analytics = window.analytics || [];
        if (analytics.initialize || analytics.invoked) { return; }
        analytics.invoked = true;
        analytics.methods = ["trackSubmit", "trackClick", "trackLink", "trackForm", "pageview", "identify", "reset", "group", "track",
          "ready", "alias", "debug", "page", "screen", "once", "off", "on", "addSourceMiddleware", "addIntegrationMiddleware",
          "setAnonymousId", "addDestinationMiddleware", "register"];
        analytics.factory = function (method) {
          return function () {
            var args = Array.prototype.slice.call(arguments);
            args.unshift(method);
            analytics.push(args);
            return analytics;
          };
        };
        for (var i = 0; i < analytics.methods.length; i++) {
          var key = analytics.methods[i];
          analytics[key] = analytics.factory(key);
        }
        analytics.load = function (writeKey, options) {
          var script = document.createElement("script");
          script.type = "text/javascript";
          script.async = true;
          script.src = analytics._cdn + "/analytics.js/v1/" + encodeURIComponent(writeKey) + "/analytics.min.js";
          var first = document.getElementsByTagName("script")[0];
          first.parentNode.insertBefore(script, first);
          analytics._loadOptions = options;
        };
        analytics._writeKey = "{{writeKey}}";
        analytics._cdn = "{{cdn}}";
        analytics.SNIPPET_VERSION = "5.2.1";
        analytics.load("{{writeKey}}");
        analytics.page();
      }();
    </script>
    """;

    /// <summary>Adds <c>data-testid="analytics-ready"</c> to the page once analytics.js has loaded its settings and plugins.</summary>
    public const string ReadyMarker = """
        <script>
          analytics.ready(function () {
            var done = document.createElement("span");
            done.setAttribute("data-testid", "analytics-ready");
            document.body.appendChild(done);
          });
        </script>
        """;
}
