using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Crm.ImportExport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.Benchmarks.Scenarios;

/// <summary>
/// Imports a generated CSV of N rows through the real upload and import job and samples the process's
/// managed heap while it runs. Baseline: reading the same file whole into memory, as a naive importer does.
/// </summary>
internal sealed class CrmImportScenario(int rows = 100_000) : IScenario
{
    public string Name => "crm-import";

    public string Description => $"CSV import of {rows:N0} rows: throughput and peak managed memory vs. loading the file whole";

    public async Task<ScenarioResult> RunAsync()
    {
        var postgres = await TestPostgres.GetAsync();
        // WebApplicationFactory finds the web project's content root through this variable outside test projects.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CRMCDP_WEB", WebProjectDirectory());
        await using var app = new AppFixture();
        await app.StartAsync("benchimport");
        var email = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var userId = await app.UserIdAsync(email);
        var file = Path.GetTempFileName();
        try
        {
            await WriteCsvAsync(file, rows);
            var fileMb = new FileInfo(file).Length / 1024.0 / 1024.0;
            var services = app.Factory.Services;
            var access = await services.GetRequiredService<AccessContextFactory>().CreateAsync(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "bench")));
            var imports = services.GetRequiredService<ContactImportService>();

            GC.Collect();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            long peak = 0;
            using var sampler = new Timer(_ => peak = Math.Max(peak, GC.GetTotalMemory(false)), null, 0, 50);
            var stopwatch = Stopwatch.StartNew();
            await using (var upload = File.OpenRead(file))
            {
                var uploaded = await imports.UploadAsync(access, "bench.csv", upload);
                var mapping = uploaded.Value!.SuggestedMapping;
                await using var scope = services.CreateAsyncScope();
                await imports.StartAsync(access, uploaded.Value.Id, mapping, ImportMode.Create);
                ImportProgress? progress;
                do
                {
                    await Task.Delay(500);
                    progress = await imports.ProgressAsync(access, uploaded.Value.Id);
                }
                while (progress is { Status: ImportStatus.Queued or ImportStatus.Running });

                stopwatch.Stop();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"   imported {progress!.Created:N0} created, {progress.Skipped:N0} skipped of {rows:N0} rows ({fileMb:N1} MB) in {stopwatch.Elapsed.TotalSeconds:N0} s"));
            }

            var oursPeakMb = (peak - before) / 1024.0 / 1024.0;
            GC.Collect();
            var baselineBefore = GC.GetTotalMemory(forceFullCollection: true);
            var whole = await File.ReadAllTextAsync(file);
            var lines = whole.Split('\n').Select(l => l.Split(',')).ToList();
            var baselinePeakMb = (GC.GetTotalMemory(false) - baselineBefore) / 1024.0 / 1024.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   peak managed heap growth: streaming import {oursPeakMb:N1} MB; whole file in memory {baselinePeakMb:N1} MB ({lines.Count:N0} lines)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   throughput: {rows / stopwatch.Elapsed.TotalSeconds:N0} rows/s"));
            return new ScenarioResult("peak heap growth, streaming import (ours)", oursPeakMb, "peak heap growth, file loaded whole", baselinePeakMb, " MB", LowerIsBetter: true);
        }
        finally
        {
            File.Delete(file);
            _ = postgres;
        }
    }

    internal static string WebProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CrmCdp.sln")))
            {
                return Path.Combine(directory.FullName, "src", "CrmCdp.Web");
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }

    private static async Task WriteCsvAsync(string path, int count)
    {
        await using var writer = new StreamWriter(path, false, Encoding.UTF8);
        await writer.WriteLineAsync("First name,Last name,Email,Phone,Job title,Lead source");
        for (var i = 0; i < count; i++)
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"First{i},Last{i},person{i}@import{i % 100}.example,+1 212 555 {i % 10000:D4},Buyer,Import"));
        }
    }
}
