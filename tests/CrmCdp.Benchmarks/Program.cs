using CrmCdp.Benchmarks;
using CrmCdp.Benchmarks.Scenarios;

// Usage: dotnet run -c Release --project tests/CrmCdp.Benchmarks -- [scenario ...]
// Each scenario times our way and a baseline in the same run and prints the ratio, because
// these machines are shared and absolute numbers drift between runs.
IScenario[] scenarios = [new ApiKeyLookupHashScenario()];

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

return 0;
