using System.Net;
using CrmCdp.IntegrationTests.Crm;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>Segments read in plain words, copy in one call, and travel as JSON files between installs.</summary>
[Collection(SharedAppGroup.Name)]
public sealed class SegmentCopyTests(SharedApp app)
{
    [Fact]
    public async Task A_segment_is_summarised_duplicated_and_exported_as_a_file_that_imports_as_a_new_segment()
    {
        using var admin = app.AdminApi();
        var name = CrmApi.Unique("Shoe lovers ");
        var original = await admin.CreateSegmentAsync(new
        {
            name,
            description = "Viewed expensive shoes lately",
            consentCategory = "Advertising",
            definition = new
            {
                type = "event",
                @event = "Product Viewed",
                @operator = "at_least",
                count = 2,
                within = new { amount = 7, unit = "days" },
                where = new[] { new { field = "category", @operator = "equals", value = "shoes" } },
            },
        });
        Assert.Equal("People who did “Product Viewed” at least 2 times where category is shoes in the last 7 days", original.GetProperty("summary").GetString());

        var (duplicated, copy) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/segments/{original.Id()}/duplicate");
        var (again, secondCopy) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/segments/{original.Id()}/duplicate");

        Assert.Equal(HttpStatusCode.Created, duplicated.StatusCode);
        Assert.Equal($"Copy of {name}", copy.GetProperty("name").GetString());
        Assert.Equal($"Copy of {name} (2)", secondCopy.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(original.GetProperty("definition").ToString(), copy.GetProperty("definition").ToString());
        Assert.Equal("Advertising", copy.GetProperty("consentCategory").GetString());
        Assert.False(copy.GetProperty("activationEnabled").GetBoolean());

        using var exported = await admin.GetAsync($"/api/v1/segments/{original.Id()}/definition", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.StartsWith("attachment; filename=\"segment-shoe-lovers-", exported.Content.Headers.ContentDisposition?.ToString() ?? exported.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        var file = System.Text.Json.Nodes.JsonNode.Parse(await exported.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        Assert.Equal(["name", "description", "definition", "consentCategory"], file.Select(p => p.Key));

        file["name"] = CrmApi.Unique("Imported ");
        var (imported, segment) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/segments", file);
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        Assert.Equal(original.GetProperty("summary").GetString(), segment.GetProperty("summary").GetString());

        var (missing, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/segments/{Guid.NewGuid()}/duplicate");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var (_, _, analyst) = await app.CreateUserWithApiAsync(Web.Platform.Auth.BuiltInRoles.SalesRep);
        using (analyst)
        {
            var (refused, _) = await CrmApi.SendAsync(analyst, HttpMethod.Post, $"/api/v1/segments/{original.Id()}/duplicate");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }
}
