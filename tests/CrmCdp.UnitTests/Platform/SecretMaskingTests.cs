using CrmCdp.Web.Platform.Logging;
using Serilog.Events;

namespace CrmCdp.UnitTests.Platform;

public sealed class SecretMaskingTests
{
    [Theory]
    [InlineData("Authorization: Bearer crm_abcdefghijklmnop", "Authorization: Bearer ***")]
    [InlineData("Basic d2tfc2VjcmV0Og==", "Basic ***")]
    [InlineData("key crm_abcdefghijklmnop used", "key crm_*** used")]
    [InlineData("/v1/projects/wk_live_12345/settings", "/v1/projects/***/settings")]
    [InlineData("GET /api/v1/contacts answered 200", "GET /api/v1/contacts answered 200")]
    public void Secrets_are_masked_and_other_text_is_kept(string text, string expected) =>
        Assert.Equal(expected, SecretMaskingEnricher.Mask(text));

    [Fact]
    public void The_enricher_masks_every_string_property_of_an_event()
    {
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplate("{Header} {Status}", []),
            [new LogEventProperty("Header", new ScalarValue("Bearer crm_secretsecret")), new LogEventProperty("Status", new ScalarValue(200))]);

        new SecretMaskingEnricher().Enrich(logEvent, null!);

        Assert.Equal("\"Bearer ***\"", logEvent.Properties["Header"].ToString());
        Assert.Equal("200", logEvent.Properties["Status"].ToString());
    }
}
