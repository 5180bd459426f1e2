using System.Net;
using CrmCdp.Web.Modules.Cdp.Destinations;

namespace CrmCdp.UnitTests.Cdp;

public sealed class DestinationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.8", false)]
    [InlineData("172.16.4.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:4700::1111", true)]
    public void Only_public_addresses_pass_the_guard(string address, bool isPublic) => Assert.Equal(isPublic, NetworkGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://hooks.example.com/x", false, false)]
    [InlineData("http://127.0.0.1:5000/x", false, true)]
    [InlineData("http://127.0.0.1:5000/x", true, false)]
    [InlineData("http://user:secret@hooks.example.com/x", false, true)]
    [InlineData("file:///etc/passwd", false, true)]
    [InlineData("not a url", false, true)]
    public void Urls_are_refused_as_the_guard_says(string url, bool allowPrivate, bool refused) => Assert.Equal(refused, NetworkGuard.Refusal(url, allowPrivate) is not null);

    [Fact]
    public void A_2xx_delivers_a_410_fails_and_disables_and_other_answers_follow_the_schedule_then_fail()
    {
        var options = new DestinationOptions { RetryScheduleSeconds = [5, 300] };
        Assert.Equal(DeliveryStatuses.Delivered, DeliveryOutcome.Decide(Answer(204), 1, null, options, Now).Status);
        var gone = DeliveryOutcome.Decide(Answer(410), 1, null, options, Now);
        Assert.Equal((DeliveryStatuses.Failed, true), (gone.Status, gone.DisableReason is not null));
        Assert.Equal(Now.AddSeconds(5), DeliveryOutcome.Decide(Answer(500), 1, null, options, Now).NextAttemptAt);
        Assert.Equal(Now.AddSeconds(300), DeliveryOutcome.Decide(new AttemptResult(null, 15000, null, "timeout", null), 2, null, options, Now).NextAttemptAt);
        Assert.Equal(DeliveryStatuses.Failed, DeliveryOutcome.Decide(Answer(500), 3, null, options, Now).Status);
    }

    [Fact]
    public void Retry_After_decides_the_next_try_up_to_a_day_and_five_days_of_failures_disable()
    {
        var options = new DestinationOptions { RetryScheduleSeconds = [5, 300] };
        Assert.Equal(Now.AddSeconds(30), DeliveryOutcome.Decide(Answer(429, TimeSpan.FromSeconds(30)), 1, null, options, Now).NextAttemptAt);
        Assert.Equal(Now.AddSeconds(1), DeliveryOutcome.Decide(Answer(503, TimeSpan.FromSeconds(1)), 1, null, options, Now).NextAttemptAt);
        Assert.Equal(Now.AddDays(1), DeliveryOutcome.Decide(Answer(429, TimeSpan.FromDays(9)), 1, null, options, Now).NextAttemptAt);
        Assert.Null(DeliveryOutcome.Decide(Answer(500), 1, Now.AddDays(-4), options, Now).DisableReason);
        Assert.NotNull(DeliveryOutcome.Decide(Answer(500), 1, Now.AddDays(-5), options, Now).DisableReason);
    }

    private static AttemptResult Answer(int status, TimeSpan? retryAfter = null) => new(status, 10, null, null, retryAfter);
}
