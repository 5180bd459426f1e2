using System.Net;
using System.Net.Http.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Profiles;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Results;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Cdp;

[Collection(SharedAppGroup.Name)]
public sealed class ProfileSearchTests(SharedApp app)
{
    [Fact]
    public async Task Free_text_matches_identifier_prefixes_and_trait_values_literally_and_masks_without_pii_view()
    {
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var u = Guid.NewGuid().ToString("N")[..8];
        using (var sent = await sdk.PostAsJsonAsync("/v1/batch", new
        {
            batch = new object[]
            {
                new { type = "identify", anonymousId = $"a-{u}", userId = $"srch-{u}-alice", traits = new { email = $"alice.{u}@example.com", company = $"Acme {u}%" } },
                new { type = "identify", anonymousId = $"b-{u}", userId = $"srch-{u}-bob", traits = new { company = $"Acme {u}X" } },
                new { type = "identify", anonymousId = $"c-{u}", traits = new { email = $"carol.{u}@example.com" } },
            },
        }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        var search = app.Factory.Services.GetRequiredService<ProfileSearchService>();
        var steward = TestAccess.Holding(Permissions.Cdp.ProfilesRead, Permissions.Privacy.PiiView);
        var masked = TestAccess.Holding(Permissions.Cdp.ProfilesRead);
        await Eventually.UntilAsync(() => search.SearchAsync(steward, u, null, TestContext.Current.CancellationToken), page => page.Items.Count >= 3,
            "resolution of the three profiles", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, (await search.SearchAsync(steward, u, null, TestContext.Current.CancellationToken)).Items.Count);
        var users = await search.SearchAsync(steward, $"SRCH-{u}", null, TestContext.Current.CancellationToken);
        Assert.Equal([$"srch-{u}-alice", $"srch-{u}-bob"], users.Items.Select(i => i.MainIdentifier).Order());
        Assert.All(users.Items, i => Assert.Equal("user_id", i.MainIdentifierType));
        Assert.Empty((await search.SearchAsync(steward, $"{u}-alice", null, TestContext.Current.CancellationToken)).Items);
        var literal = Assert.Single((await search.SearchAsync(steward, $"{u}%", null, TestContext.Current.CancellationToken)).Items);
        Assert.Equal($"srch-{u}-alice", literal.MainIdentifier);

        var carol = Assert.Single((await search.SearchAsync(masked, $"carol.{u}", null, TestContext.Current.CancellationToken)).Items);
        Assert.Equal("email", carol.MainIdentifierType);
        Assert.NotEqual($"carol.{u}@example.com", carol.MainIdentifier);
        Assert.Contains('*', carol.MainIdentifier!);

        var exact = await search.FindAsync(steward, "email", $"CAROL.{u}@example.com", TestContext.Current.CancellationToken);
        Assert.Equal(carol.Id, Assert.Single(exact.Value!.Items).Id);
        Assert.Empty((await search.FindAsync(steward, "email", $"nobody.{u}@example.com", TestContext.Current.CancellationToken)).Value!.Items);
        var invalid = await search.FindAsync(steward, "not a type!", "x", TestContext.Current.CancellationToken);
        Assert.Equal(OperationOutcome.Invalid, invalid.Outcome);
        Assert.Contains("type", invalid.Errors!.Keys);
    }
}
