using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CrmCdp.TestSupport;

/// <summary>
/// The real Segment and RudderStack SDKs of <c>tests/sdk-clients</c>: installs them with <c>npm ci</c> when the
/// installed packages do not match the committed lock file (once per machine at a time, even across the test
/// assemblies that <c>dotnet test</c> runs side by side), and runs the node scripts that drive them.
/// </summary>
public static class SdkClients
{
    private const string StampFile = ".crmcdp-lock-sha256";
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool _installed;

    /// <summary>The <c>tests/sdk-clients</c> folder of this checkout.</summary>
    public static string Directory { get; } = FindDirectory();

    /// <summary>A file of an installed package, e.g. <c>@segment/analytics-next/dist/umd/standalone.js</c>.</summary>
    public static async Task<string> PackageFileAsync(string relativePath)
    {
        await EnsureInstalledAsync();
        var path = Path.Combine(Directory, "node_modules", relativePath);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{relativePath} is not in tests/sdk-clients/node_modules.", path);
    }

    /// <summary>Installs the packages of the lock file unless this exact lock file was installed already.</summary>
    public static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (_installed)
            {
                return;
            }

            // Another test assembly may be installing at the same moment: a lock file held open exclusively keeps
            // the two apart (.NET takes an advisory lock for FileShare.None on Unix).
            using var machineLock = await LockAsync(Path.Combine(Directory, ".install.lock"), TimeSpan.FromMinutes(5));
            var wanted = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Directory, "package-lock.json"))));
            var stamp = Path.Combine(Directory, "node_modules", StampFile);
            if (!File.Exists(stamp) || await File.ReadAllTextAsync(stamp) != wanted)
            {
                var npm = await RunProcessAsync(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund"], null, TimeSpan.FromMinutes(4));
                if (npm.ExitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in {Directory} failed ({npm.ExitCode}):\n{npm.Output}");
                }

                await File.WriteAllTextAsync(stamp, wanted);
            }

            _installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>
    /// Runs <c>node {script} {host} {writeKey} {runId}</c> and returns what it reported on its <c>RESULT</c> line.
    /// <paramref name="clientClockOffset"/> makes the script's clock wrong by that much.
    /// </summary>
    public static async Task<JsonElement> RunAsync(string script, Uri host, string writeKey, string runId, TimeSpan clientClockOffset = default)
    {
        await EnsureInstalledAsync();
        var environment = new Dictionary<string, string> { ["CLIENT_CLOCK_OFFSET_MS"] = ((long)clientClockOffset.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var run = await RunProcessAsync("node", [script, host.ToString().TrimEnd('/'), writeKey, runId], environment, TimeSpan.FromSeconds(60));
        var result = run.Output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (run.ExitCode != 0 || result is null)
        {
            throw new InvalidOperationException($"node {script} exited with {run.ExitCode} without a result:\n{run.Output}");
        }

        return JsonSerializer.Deserialize<JsonElement>(result["RESULT ".Length..]);
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(string fileName, string[] arguments, Dictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Start(start);
        var output = new StringBuilder();
        var outputLock = new object();
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (outputLock)
                {
                    output.AppendLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeoutSource = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}:\n{output}");
        }

        // The parameterless wait also waits for the end of the redirected output.
        await process.WaitForExitAsync(CancellationToken.None);
        lock (outputLock)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"The SDK tests need Node.js 20+ and npm on PATH; starting {start.FileName} failed: {ex.Message}", ex);
        }
    }

    private static async Task<FileStream> LockAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Held by the other test assembly while it installs; its install is what we are waiting for.
                await Task.Delay(200);
            }
        }
    }

    private static string FindDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "sdk-clients");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No tests/sdk-clients/package-lock.json above {AppContext.BaseDirectory}.");
    }
}
