using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>A sales rep sees the behaviour that qualified their own contacts, and nobody else's, without CDP profile access.</summary>
[Collection(SharedAppGroup.Name)]
public sealed class LinkedProfileTests(SharedApp app)
{
    [Fact]
    public async Task A_rep_sees_the_behaviour_of_their_own_contact_but_not_of_another_reps()
    {
        using var admin = app.AdminApi();
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var other = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var mine = await LinkedContactAsync(admin, rep.Id, "Pricing Viewed");
        var theirs = await LinkedContactAsync(admin, other.Id, "Checkout Started");
        var profiles = app.Factory.Services.GetRequiredService<IContactProfiles>();
        var access = await app.AccessOfAsync(rep.Email);

        var seen = await profiles.ForContactAsync(access, mine, TestContext.Current.CancellationToken);
        var refused = await profiles.ForContactAsync(access, theirs, TestContext.Current.CancellationToken);
        var (profilePage, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, $"/api/v1/profiles/{seen?.ProfileId}");

        Assert.False(access.Has(Permissions.Cdp.ProfilesRead));
        Assert.NotNull(seen);
        Assert.Contains(seen.TopEvents, e => e.Key == "Pricing Viewed");
        Assert.Contains(seen.RecentEvents, e => e.Name == "Pricing Viewed");
        Assert.Null(refused);
        Assert.Equal(HttpStatusCode.Forbidden, profilePage.StatusCode);
    }

    [Fact]
    public async Task A_role_without_the_linked_permission_sees_no_behaviour()
    {
        using var admin = app.AdminApi();
        var contact = await LinkedContactAsync(admin, null, "Pricing Viewed");

        var summary = await app.Factory.Services.GetRequiredService<IContactProfiles>()
            .ForContactAsync(TestAccess.Holding(Permissions.Crm.ContactsRead), contact, TestContext.Current.CancellationToken);

        Assert.Null(summary);
    }

    /// <summary>A contact owned by <paramref name="ownerId"/> whose profile did <paramref name="eventName"/>, once the two are linked.</summary>
    private async Task<Guid> LinkedContactAsync(HttpClient admin, Guid? ownerId, string eventName)
    {
        var email = $"{CrmApi.Unique("linked")}@example.com";
        var contact = await CrmApi.CreateContactAsync(admin, new { firstName = "Lin", lastName = "Ked", email, ownerId });
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var user = CrmApi.Unique("linked-");
        using (var sent = await sdk.PostAsJsonAsync("/v1/batch", new
        {
            batch = new object[]
            {
                new { type = "identify", userId = user, traits = new { email } },
                new { type = "track", userId = user, @event = eventName },
            },
        }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        await Eventually.UntilAsync(
            () => CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/lookup?type=user_id&value={user}"),
            answer => answer.Response.StatusCode == HttpStatusCode.OK && answer.Body.GetProperty("contactId").ValueKind == JsonValueKind.String
                && answer.Body.GetProperty("eventCount").GetInt64() >= 2,
            "the profile is linked to the contact",
            cancellationToken: TestContext.Current.CancellationToken);
        return Guid.Parse(contact.Id());
    }
}
