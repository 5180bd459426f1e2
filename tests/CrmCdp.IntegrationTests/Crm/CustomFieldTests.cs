using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class CustomFieldTests(SharedApp app)
{
    [Fact]
    public async Task Custom_fields_are_defined_validated_stored_and_filterable()
    {
        using var api = app.AdminApi();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var planKey = $"plan{suffix}";
        var seatsKey = $"seats{suffix}";
        var (definedPlan, _) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/custom-fields",
            new { key = planKey, label = "Plan", type = "choice", choices = new[] { "free", "gold" } });
        var (definedSeats, _) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/custom-fields", new { key = seatsKey, label = "Seats", type = "number" });
        var (badDefinition, badDefinitionProblem) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/custom-fields", new { key = "9lives", label = "", type = "text" });

        var gold = await CrmApi.CreateContactAsync(api, new { firstName = "Gold", customFields = new Dictionary<string, object> { [planKey] = "gold", [seatsKey] = "40" } });
        await CrmApi.CreateContactAsync(api, new { firstName = "Free", customFields = new Dictionary<string, object> { [planKey] = "free" } });
        var (invalid, problem) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/contacts",
            new { firstName = "Bad", customFields = new Dictionary<string, object> { [planKey] = "platinum", [seatsKey] = "many", ["nope"] = 1 } });
        var filtered = await api.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?customField={planKey}:gold", TestContext.Current.CancellationToken);
        var bySeats = await api.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?customField={seatsKey}:40", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, definedPlan.StatusCode);
        Assert.Equal(HttpStatusCode.Created, definedSeats.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDefinition.StatusCode);
        Assert.True(badDefinitionProblem.GetProperty("errors").TryGetProperty("key", out _));
        Assert.Equal("gold", gold.GetProperty("customFields").GetProperty(planKey).GetString());
        Assert.Equal(40m, gold.GetProperty("customFields").GetProperty(seatsKey).GetDecimal());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.Equal("Plan must be one of: free, gold.", errors.GetProperty($"customFields.{planKey}")[0].GetString());
        Assert.Equal("Seats must be a number.", errors.GetProperty($"customFields.{seatsKey}")[0].GetString());
        Assert.True(errors.TryGetProperty("customFields.nope", out _));
        Assert.Equal([gold.Id()], filtered.Ids());
        Assert.Equal([gold.Id()], bySeats.Ids());
    }

    [Fact]
    public async Task Companies_have_their_own_custom_fields()
    {
        using var api = app.AdminApi();
        var key = $"tier{Guid.NewGuid().ToString("N")[..6]}";
        var (defined, field) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/custom-fields", new { key, label = "Tier", type = "choice", choices = new[] { "a", "b" }, appliesTo = "company" });
        var (created, company) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/companies", new { name = $"Tiered {key}", customFields = new Dictionary<string, object> { [key] = "a" } });
        var (wrongTarget, _) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/contacts", new { firstName = "X", customFields = new Dictionary<string, object> { [key] = "a" } });
        var filtered = await api.GetFromJsonAsync<JsonElement>($"/api/v1/companies?customField={key}:a", TestContext.Current.CancellationToken);
        var contactFields = await api.GetFromJsonAsync<JsonElement>("/api/v1/custom-fields?appliesTo=contact", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, defined.StatusCode);
        Assert.Equal("company", field.GetProperty("appliesTo").GetString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("a", company.GetProperty("customFields").GetProperty(key).GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrongTarget.StatusCode);
        Assert.Equal([company.Id()], filtered.Ids());
        Assert.DoesNotContain(contactFields.EnumerateArray(), f => f.GetProperty("key").GetString() == key);
    }
}
