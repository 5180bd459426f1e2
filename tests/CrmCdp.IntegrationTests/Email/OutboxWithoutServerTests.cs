using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.IntegrationTests.Email;

[Collection(SharedAppGroup.Name)]
public sealed class OutboxWithoutServerTests(SharedApp app)
{
    [Fact]
    public async Task Without_an_SMTP_server_an_email_waits_in_the_outbox_and_says_why()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Waiting", emails = new[] { $"{CrmApi.Unique("w")}@customer.example" } });

        var (accepted, queued) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/emails", new { contactId = contact.Id(), subject = "Later", text = "Whenever" });
        var waiting = await Eventually.UntilAsync(() => rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/emails/{queued.Id()}", TestContext.Current.CancellationToken),
            e => e.GetProperty("lastResponse").GetString() is not null, "the outbox to note why the email waits", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("queued", waiting.GetProperty("status").GetString());
        Assert.Contains("No SMTP server is configured", waiting.GetProperty("lastResponse").GetString(), StringComparison.Ordinal);
    }
}
