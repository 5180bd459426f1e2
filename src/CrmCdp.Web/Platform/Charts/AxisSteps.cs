using MudBlazor;

namespace CrmCdp.Web.Platform.Charts;

/// <summary>Round tick steps for chart axes (1, 2 or 5 times a power of ten), so an axis reads 0, 20k, 40k rather than 0, 20480, 40960.</summary>
internal static class AxisSteps
{
    private static readonly int[] Multipliers = [1, 2, 5, 10];

    /// <summary>The smallest round step that covers <paramref name="max"/> in about <paramref name="ticks"/> steps.</summary>
    public static int Round(double max, int ticks = 5)
    {
        if (max <= 0 || double.IsNaN(max) || double.IsInfinity(max))
        {
            return 1;
        }

        var rough = max / ticks;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = Multipliers.Select(m => m * power).First(s => s >= rough);
        return (int)Math.Max(1, Math.Min(int.MaxValue, Math.Ceiling(step)));
    }

    /// <summary>Bar chart options whose vertical axis steps roundly over the series' largest value.</summary>
    public static BarChartOptions BarsUpTo(IEnumerable<double> values, Func<double, string>? label = null) => new()
    {
        YAxisTicks = Round(values.DefaultIfEmpty(0).Max()),
        MaxNumYAxisTicks = 12,
        YAxisToStringFunc = label ?? (v => v.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)),
    };
}
