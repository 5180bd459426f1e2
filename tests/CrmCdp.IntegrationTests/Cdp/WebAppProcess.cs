using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>
/// The built web app (<c>src/CrmCdp.Web/bin/{Configuration}/net10.0/CrmCdp.Web.dll</c>) as an OS process of its
/// own on a free local port, so a test can kill it the hard way and start it again on the same database.
/// </summary>
internal sealed class WebAppProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private WebAppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The last lines the app wrote, for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts the app on the database and waits until <c>/health/ready</c> answers 200.</summary>
    /// <param name="settings">Environment variables that replace the defaults below (<c>Database__MigrateOnStartup</c>, …).</param>
    public static async Task<WebAppProcess> StartAsync(string connectionString, string bootstrapApiKey, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? settings = null, params string[] arguments)
    {
        var app = Launch(connectionString, bootstrapApiKey, settings, arguments);
        try
        {
            await app.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Starts the app and waits for it to exit on its own (a start-up that must fail); its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? settings = null, params string[] arguments)
    {
        await using var app = Launch(connectionString, "unused-bootstrap-key-0123456789", settings, arguments);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await app._process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The app did not exit within {timeout}:\n{app.RecentOutput}");
        }

        // WaitForExit without a timeout also waits for the redirected output to be read to its end.
        app._process.WaitForExit();
        return (app._process.ExitCode, app.RecentOutput);
    }

    private static WebAppProcess Launch(string connectionString, string bootstrapApiKey, IReadOnlyDictionary<string, string>? settings, string[] arguments)
    {
        var dll = FindWebAppDll();
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__Default"] = connectionString;
        start.Environment["Database__MigrateOnStartup"] = "true";
        start.Environment["Bootstrap__ApiKey"] = bootstrapApiKey;
        start.Environment["Jobs__RunServer"] = "false";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var app = new WebAppProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>SIGKILL on Linux: no shutdown hooks, no flushing, like a power cut of the process.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} before it was ready:\n{RecentOutput}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but still starting (a loaded CI machine): ask again until the deadline.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The app was not ready within {timeout}:\n{RecentOutput}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The web app built with the same configuration as these tests (which reference it, so it is built).</summary>
    private static string FindWebAppDll()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent?.Name ?? "Debug";
        var searched = new StringBuilder();
        for (var directory = testOutput; directory is not null; directory = directory.Parent)
        {
            var bin = Path.Combine(directory.FullName, "src", "CrmCdp.Web", "bin");
            if (!System.IO.Directory.Exists(bin))
            {
                continue;
            }

            var sameConfiguration = Path.Combine(bin, configuration, framework, "CrmCdp.Web.dll");
            if (File.Exists(sameConfiguration))
            {
                return sameConfiguration;
            }

            searched.AppendLine(sameConfiguration);
            var newest = System.IO.Directory.EnumerateFiles(bin, "CrmCdp.Web.dll", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == framework)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        throw new FileNotFoundException($"The built web app was not found; looked for:\n{searched}Build src/CrmCdp.Web first.");
    }
}
