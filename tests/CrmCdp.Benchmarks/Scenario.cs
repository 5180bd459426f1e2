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

    /// <summary>Runs <paramref name="action"/> once to warm up, then <paramref name="runs"/> times, and returns the median in milliseconds.</summary>
    public static async Task<double> MedianMillisecondsAsync(Func<Task> action, int runs)
    {
        await action();
        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await action();
            samples.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }
}
