namespace CrmCdp.BrowserTests;

/// <summary>Finds the system chromium (Debian's package); Playwright never downloads a browser here.</summary>
internal static class ChromiumExecutable
{
    private static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    public static string Find()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrWhiteSpace(configured) && File.Exists(configured))
        {
            return configured;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in Candidates)
            {
                var full = Path.Combine(directory, candidate);
                if (File.Exists(full))
                {
                    return full;
                }
            }
        }

        throw new InvalidOperationException(
            "Browser tests need chromium on PATH (Debian: apt-get install -y chromium) or CHROMIUM_PATH set to a Chrome/Chromium executable.");
    }
}
