using System.Diagnostics;
using System.Globalization;

namespace CrmCdp.Benchmarks;

internal interface IScenario
{
    string Name { get; }

    string Description { get; }

    Task<ScenarioResult> RunAsync();
}

internal sealed record ScenarioResult(string Ours, double OursPerSecond, string Baseline, double BaselinePerSecond)
{
    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"   {Ours}: {OursPerSecond:N0}/s\n   {Baseline}: {BaselinePerSecond:N0}/s\n   ratio ours/baseline: {OursPerSecond / BaselinePerSecond:N1}x");
}

internal static class Timing
{
    /// <summary>Runs <paramref name="action"/> repeatedly for about <paramref name="duration"/> and returns operations per second.</summary>
    public static double OperationsPerSecond(Action action, TimeSpan duration)
    {
        for (var i = 0; i < 10; i++)
        {
            action();
        }

        var count = 0;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration)
        {
            action();
            count++;
        }

        return count / stopwatch.Elapsed.TotalSeconds;
    }
}
