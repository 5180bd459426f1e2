using CrmCdp.Web.Platform.Charts;

namespace CrmCdp.UnitTests.Platform;

public sealed class AxisStepsTests
{
    [Theory]
    [InlineData(102_400, 50_000)]
    [InlineData(95_000, 20_000)]
    [InlineData(100, 20)]
    [InlineData(7, 2)]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    public void An_axis_steps_by_one_two_or_five_times_a_power_of_ten(double max, int step)
    {
        Assert.Equal(step, AxisSteps.Round(max));
    }
}
