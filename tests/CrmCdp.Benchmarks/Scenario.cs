using System.Diagnostics;
using System.Globalization;

namespace CrmCdp.Benchmarks;

internal interface IScenario
{
    string Name { get; }

    string Description { get; }

    Task<ScenarioResult> RunAsync();
}

/// <param name="LowerIsBetter">For costs (memory, milliseconds): the ratio is then baseline ÷ ours.</param>
internal sealed record ScenarioResult(string Ours, double OursPerSecond, string Baseline, double BaselinePerSecond, string Unit = "/s", bool LowerIsBetter = false)
{
    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"   {Ours}: {OursPerSecond:N1}{Unit}\n   {Baseline}: {BaselinePerSecond:N1}{Unit}\n   " +
        $"ratio {(LowerIsBetter ? "baseline/ours" : "ours/baseline")}: {(LowerIsBetter ? BaselinePerSecond / OursPerSecond : OursPerSecond / BaselinePerSecond):N1}x");
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
