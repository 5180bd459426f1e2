using System.Globalization;

namespace CrmCdp.Tests.Shared;

/// <summary>
/// The seeds of the randomized tests. CI runs each test's fixed seeds, so every run is the same run; a failure message
/// names its seed. <c>TEST_SEEDS=1790407124,5</c> replays chosen seeds; <c>TEST_SEEDS=random:200</c> searches with fresh
/// seeds in a longer run of its own (<c>TEST_SEEDS=random:200 dotnet test --filter Random</c>).
/// </summary>
internal static class TestSeeds
{
    public const string Variable = "TEST_SEEDS";

    public static TheoryData<int> For(params int[] fixedSeeds)
    {
        var setting = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(setting))
        {
            return [.. fixedSeeds];
        }

        if (setting.StartsWith("random:", StringComparison.OrdinalIgnoreCase))
        {
            var count = int.Parse(setting["random:".Length..], CultureInfo.InvariantCulture);
            return [.. Enumerable.Range(0, count).Select(_ => Random.Shared.Next())];
        }

        return [.. setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
    }
}
