using CrmCdp.Benchmarks;
using CrmCdp.Benchmarks.Scenarios;

// Usage: dotnet run -c Release --project tests/CrmCdp.Benchmarks -- [scenario ...]
// Each scenario times our way and a baseline in the same run and prints the ratio, because
// these machines are shared and absolute numbers drift between runs.
if (args.Length > 0 && args[0] == IngestionLoad.Switch)
{
    return await IngestionLoad.MainAsync(args);
}

var size = Environment.GetEnvironmentVariable("BENCH_CONTACTS") is { } configured && int.TryParse(configured, out var n) ? n : 1_000_000;
var importRows = Environment.GetEnvironmentVariable("BENCH_IMPORT_ROWS") is { } rowsSetting && int.TryParse(rowsSetting, out var r) ? r : 100_000;
IScenario[] scenarios = [new ApiKeyLookupHashScenario(), new CrmListScenario(size, Math.Max(1, size / 10)), new CrmImportScenario(importRows), new DealBoardScenario(), new TicketSlaScenario(), new IngestionScenario(), new IdentityResolutionScenario(), new SegmentRefreshScenario(), AudiencesFromEnvironment(), new DestinationScenario(), JourneysFromEnvironment(), new InsightScenario()];

var selected = args.Length == 0 ? scenarios : scenarios.Where(s => args.Contains(s.Name, StringComparer.OrdinalIgnoreCase)).ToArray();
if (selected.Length == 0)
{
    Console.WriteLine($"Unknown scenario. Available: {string.Join(", ", scenarios.Select(s => s.Name))}");
    return 1;
}

foreach (var scenario in selected)
{
    Console.WriteLine($"== {scenario.Name}: {scenario.Description}");
    var result = await scenario.RunAsync();
    Console.WriteLine(result.Format());
}

// BENCH_HOLD=1 keeps the database up for a look with psql until someone presses Enter.
if (Environment.GetEnvironmentVariable("BENCH_HOLD") == "1")
{
    Console.WriteLine("holding the database; press Enter to stop it");
    Console.ReadLine();
}

await CrmCdp.TestSupport.TestPostgres.StopSharedAsync();
return 0;

// BENCH_AUDIENCE_PROFILES=100000 runs the audiences scenario smaller (10 events per profile either way).
static JourneyScenario JourneysFromEnvironment() =>
    Environment.GetEnvironmentVariable("BENCH_JOURNEY_PEOPLE") is { } value && int.TryParse(value, out var people) ? new JourneyScenario(people) : new JourneyScenario();

static AudienceScenario AudiencesFromEnvironment() =>
    Environment.GetEnvironmentVariable("BENCH_AUDIENCE_PROFILES") is { } value && int.TryParse(value, out var profiles) ? new AudienceScenario(profiles) : new AudienceScenario();
