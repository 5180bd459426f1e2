using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Pipeline;
using CrmCdp.Web.Modules.Crm.Timeline;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Crm;

/// <summary>A company's page rolls up its people's work; a deal's page shows its contacts' work that belongs to no other deal.</summary>
[Collection(SharedAppGroup.Name)]
public sealed class RelatedRecordsTests(SharedApp app)
{
    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body)
    {
        var (response, created) = await CrmApi.SendAsync(api, HttpMethod.Post, path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path} answered {(int)response.StatusCode}: {created}");
        return created;
    }

    [Fact]
    public async Task A_company_rolls_up_its_peoples_activities_deals_and_tickets()
    {
        using var admin = app.AdminApi();
        var company = await PostAsync(admin, "/api/v1/companies", new { name = CrmApi.Unique("Dickens Inc ") });
        var person = await CrmApi.CreateContactAsync(admin, new { firstName = "Charles", lastName = "Dickens", email = $"{CrmApi.Unique("cd")}@example.com", companyId = company.Id() });
        var pipelines = await admin.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        var pipeline = pipelines.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales");
        await PostAsync(admin, "/api/v1/activities", new { type = "call", contactId = person.Id(), body = "Talked about renewal", occurredAt = DateTimeOffset.UtcNow });
        var peoplesDeal = await PostAsync(admin, "/api/v1/deals", new { name = CrmApi.Unique("People's deal "), pipelineId = pipeline.Id(), contactIds = new[] { person.Id() } });
        await PostAsync(admin, "/api/v1/tickets", new { subject = "Invoice question", contactId = person.Id() });
        var access = await app.AccessOfAsync();
        var companyId = Guid.Parse(company.Id());

        var timeline = await app.Factory.Services.GetRequiredService<TimelineService>().ForRecordAsync(access, CrmRecordType.Company, companyId, TestContext.Current.CancellationToken);
        var deals = await app.Factory.Services.GetRequiredService<DealsOfRecord>().ListAsync(access, CrmRecordType.Company, companyId, TestContext.Current.CancellationToken);
        var personsDeals = await app.Factory.Services.GetRequiredService<DealsOfRecord>().ListAsync(access, CrmRecordType.Contact, Guid.Parse(person.Id()), TestContext.Current.CancellationToken);
        var (_, tickets) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/tickets?queue=all&companyId={company.Id()}");

        Assert.Contains(timeline, i => i.Detail == "Talked about renewal");
        Assert.Equal([peoplesDeal.Id()], deals.Select(d => d.Id.ToString()));
        Assert.Equal([peoplesDeal.Id()], personsDeals.Select(d => d.Id.ToString()));
        Assert.Equal(["Invoice question"], tickets.EnumerateArray().Select(t => t.GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task A_deal_shows_its_contacts_work_unless_it_belongs_to_another_deal_and_names_its_company()
    {
        using var admin = app.AdminApi();
        var company = await PostAsync(admin, "/api/v1/companies", new { name = CrmApi.Unique("Deal Co ") });
        var buyer = await CrmApi.CreateContactAsync(admin, new { firstName = "Bo", lastName = "Buyer" });
        var pipelines = await admin.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        var pipeline = pipelines.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales");
        var deal = await PostAsync(admin, "/api/v1/deals", new { name = CrmApi.Unique("Main "), pipelineId = pipeline.Id(), companyId = company.Id(), contactIds = new[] { buyer.Id() } });
        var otherDeal = await PostAsync(admin, "/api/v1/deals", new { name = CrmApi.Unique("Other "), pipelineId = pipeline.Id(), contactIds = new[] { buyer.Id() } });
        await PostAsync(admin, "/api/v1/activities", new { type = "note", contactId = buyer.Id(), body = "General note on the buyer", occurredAt = DateTimeOffset.UtcNow });
        await PostAsync(admin, "/api/v1/activities", new { type = "note", contactId = buyer.Id(), dealId = otherDeal.Id(), body = "About the other deal", occurredAt = DateTimeOffset.UtcNow });

        var timeline = await app.Factory.Services.GetRequiredService<TimelineService>()
            .ForRecordAsync(await app.AccessOfAsync(), CrmRecordType.Deal, Guid.Parse(deal.Id()), TestContext.Current.CancellationToken);

        Assert.Equal(company.GetProperty("name").GetString(), deal.GetProperty("companyName").GetString());
        Assert.Contains(timeline, i => i.Detail == "General note on the buyer");
        Assert.DoesNotContain(timeline, i => i.Detail == "About the other deal");
    }

    [Fact]
    public async Task A_rep_sees_on_a_company_only_the_deals_their_scope_reaches()
    {
        using var admin = app.AdminApi();
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var company = await PostAsync(rep.Api, "/api/v1/companies", new { name = CrmApi.Unique("Scoped Co ") });
        var pipelines = await admin.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        var pipeline = pipelines.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales");
        var own = await PostAsync(rep.Api, "/api/v1/deals", new { name = CrmApi.Unique("Own "), pipelineId = pipeline.Id(), companyId = company.Id() });
        await PostAsync(admin, "/api/v1/deals", new { name = CrmApi.Unique("Admin's "), pipelineId = pipeline.Id(), companyId = company.Id() });

        var deals = await app.Factory.Services.GetRequiredService<DealsOfRecord>()
            .ListAsync(await app.AccessOfAsync(rep.Email), CrmRecordType.Company, Guid.Parse(company.Id()), TestContext.Current.CancellationToken);

        Assert.Equal([own.Id()], deals.Select(d => d.Id.ToString()));
    }
}
