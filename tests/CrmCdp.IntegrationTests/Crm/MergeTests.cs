using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Timeline;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class MergeTests(SharedApp app)
{
    [Fact]
    public async Task Duplicates_by_email_are_found_and_merging_moves_every_related_row()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var email = $"{CrmApi.Unique("dup")}@example.com";
        var keep = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Dana", lastName = "Keep", email, tags = new[] { "a" } });
        var merge = await CrmApi.CreateContactAsync(rep.Api, new
        {
            firstName = "Dana",
            lastName = "Merge",
            emails = new[] { email, "second@example.com" },
            phones = new[] { "+1 415 555 0170" },
            jobTitle = "CTO",
            tags = new[] { "b" }
        });
        var (_, call) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/activities", new { type = "call", contactId = merge.Id(), body = "on the merged one" });
        var (_, task) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/tasks", new { title = "t", dueAt = DateTimeOffset.UtcNow.AddDays(1), contactId = merge.Id() });

        var duplicates = await rep.Api.GetFromJsonAsync<JsonElement>("/api/v1/contacts/duplicates", TestContext.Current.CancellationToken);
        var (merged, survivor) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/contacts/merge",
            new { survivorId = keep.Id(), mergedId = merge.Id(), takeFromMerged = new[] { "jobTitle" } });
        var (gone, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, $"/api/v1/contacts/{merge.Id()}");
        var (_, movedCall) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, $"/api/v1/activities/{call.Id()}");
        var (_, movedTask) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, $"/api/v1/tasks/{task.Id()}");

        Assert.Contains(duplicates.EnumerateArray(), pair =>
            new[] { pair.GetProperty("first").Id(), pair.GetProperty("second").Id() }.Order().SequenceEqual(new[] { keep.Id(), merge.Id() }.Order()));
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal("Keep", survivor.GetProperty("lastName").GetString());
        Assert.Equal("CTO", survivor.GetProperty("jobTitle").GetString());
        Assert.Equal(new[] { email, "second@example.com" }, survivor.GetProperty("emails").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("+14155550170", survivor.GetProperty("phones")[0].GetString());
        Assert.Equal(new[] { "a", "b" }, survivor.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(keep.Id(), movedCall.GetProperty("contactId").GetString());
        Assert.Equal(keep.Id(), movedTask.GetProperty("contactId").GetString());
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var history = await db.Set<RecordChange>().Where(c => c.RecordType == CrmRecordType.Contact && c.RecordId == Guid.Parse(keep.Id()))
            .Select(c => c.Field).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains("merged", history);
        Assert.Equal(2, history.Count(f => f == "created"));
    }

    [Fact]
    public async Task Merging_needs_delete_rights_on_the_other_contact()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var agent = await app.CreateUserWithApiAsync(BuiltInRoles.SupportAgent);
        var a = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "A" });
        var b = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "B" });

        var (response, _) = await CrmApi.SendAsync(agent.Api, HttpMethod.Post, "/api/v1/contacts/merge", new { survivorId = a.Id(), mergedId = b.Id() });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Companies_with_the_same_domain_merge_with_their_people_activities_and_tasks()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var domain = $"{CrmApi.Unique("co")}.example";
        var (_, keep) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/companies", new { name = "Globex", domain });
        var (_, merge) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/companies", new { name = "Globex Corporation", domain, industry = "Energy", tags = new[] { "key" } });
        var person = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Hank", companyId = merge.Id() });
        var (_, note) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/activities", new { type = "note", companyId = merge.Id(), body = "Big account" });
        var (_, task) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/tasks", new { title = "QBR", dueAt = DateTimeOffset.UtcNow.AddDays(3), companyId = merge.Id() });

        var duplicates = await rep.Api.GetFromJsonAsync<JsonElement>("/api/v1/companies/duplicates", TestContext.Current.CancellationToken);
        var (merged, survivor) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/companies/merge", new { survivorId = keep.Id(), mergedId = merge.Id() });
        var (_, movedPerson) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, $"/api/v1/contacts/{person.Id()}");
        var (_, movedNote) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, $"/api/v1/activities/{note.Id()}");
        var (_, movedTask) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, $"/api/v1/tasks/{task.Id()}");
        var (gone, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, $"/api/v1/companies/{merge.Id()}");

        Assert.Contains(duplicates.EnumerateArray(), p => p.GetProperty("reason").GetString() == "same domain"
            && new[] { p.GetProperty("first").Id(), p.GetProperty("second").Id() }.Order().SequenceEqual(new[] { keep.Id(), merge.Id() }.Order()));
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal("Globex", survivor.GetProperty("name").GetString());
        Assert.Equal("Energy", survivor.GetProperty("industry").GetString());
        Assert.Equal(1, survivor.GetProperty("contactCount").GetInt32());
        Assert.Equal(keep.Id(), movedPerson.GetProperty("companyId").GetString());
        Assert.Equal(keep.Id(), movedNote.GetProperty("companyId").GetString());
        Assert.Equal(keep.Id(), movedTask.GetProperty("companyId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
