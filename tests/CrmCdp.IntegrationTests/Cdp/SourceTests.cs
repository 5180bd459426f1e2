using System.Net;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.Web.Modules.Cdp.Sources;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Cdp;

[Collection(SharedAppGroup.Name)]
public sealed class SourceTests(SharedApp app)
{
    private SourceService Service => app.Factory.Services.GetRequiredService<SourceService>();

    [Fact]
    public async Task A_source_shows_its_write_key_once_and_rotation_keeps_the_old_key_for_the_overlap()
    {
        using var admin = app.AdminApi();

        var (created, source) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/sources", new { name = "Website", type = "website" });
        var key = source.GetProperty("writeKey").GetString()!;
        var (_, read) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/sources/{source.Id()}");
        var (_, rotated) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/sources/{source.Id()}/rotate?overlapHours=24");
        var newKey = rotated.GetProperty("writeKey").GetString()!;
        var oldStillWorks = await Service.CheckAsync(key, TestContext.Current.CancellationToken);
        var newWorks = await Service.CheckAsync(newKey, TestContext.Current.CancellationToken);
        await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/sources/{source.Id()}/rotate?overlapHours=0");
        var afterRevoke = await Service.CheckAsync(newKey, TestContext.Current.CancellationToken);
        var unknown = await Service.CheckAsync("wk_not-a-real-key", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith(WriteKeys.Prefix, key, StringComparison.Ordinal);
        Assert.False(read.TryGetProperty("writeKey", out _));
        Assert.Equal(key[..10], read.GetProperty("writeKeyPrefix").GetString());
        Assert.Equal(Guid.Parse(source.Id()), oldStillWorks.SourceId);
        Assert.Equal(Guid.Parse(source.Id()), newWorks.SourceId);
        Assert.False(afterRevoke.Known);
        Assert.False(unknown.Known);
        var all = await admin.GetStringAsync("/api/v1/sources", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(key, all, StringComparison.Ordinal);
        Assert.DoesNotContain(newKey, all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_source_is_known_but_refused_and_bad_input_names_the_field()
    {
        using var admin = app.AdminApi();
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var (_, source) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/sources", new { name = "POS", type = "pos" });

        var (disabled, state) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/sources/{source.Id()}/disable");
        var check = await Service.CheckAsync(source.GetProperty("writeKey").GetString(), TestContext.Current.CancellationToken);
        var (bad, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/sources", new { name = "", type = "fax" });
        var (badOverlap, overlapProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/sources/{source.Id()}/rotate?overlapHours=9999");
        using var forbidden = await rep.Api.GetAsync("/api/v1/sources", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.False(state.GetProperty("enabled").GetBoolean());
        Assert.True(check.Known);
        Assert.False(check.Enabled);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _) && problem.GetProperty("errors").TryGetProperty("type", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badOverlap.StatusCode);
        Assert.True(overlapProblem.GetProperty("errors").TryGetProperty("overlapHours", out _));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
