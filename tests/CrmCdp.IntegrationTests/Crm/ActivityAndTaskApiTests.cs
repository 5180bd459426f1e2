using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class ActivityAndTaskApiTests(SharedApp app)
{
    [Fact]
    public async Task A_logged_call_shows_on_the_contact_and_field_changes_are_recorded()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Timeline", lastName = CrmApi.Unique("t") });

        var (created, call) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/activities", new
        {
            type = "call",
            contactId = contact.Id(),
            body = "Discussed pricing",
            callOutcome = "connected",
            durationMinutes = 12,
        });
        var list = await rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/activities?contactId={contact.Id()}&type=call", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("call", call.GetProperty("type").GetString());
        Assert.Equal("connected", call.GetProperty("callOutcome").GetString());
        Assert.Equal(rep.Id.ToString(), call.GetProperty("ownerId").GetString());
        Assert.Equal([call.Id()], list.Ids());
    }

    [Fact]
    public async Task Activity_validation_names_the_fields()
    {
        using var api = app.AdminApi();

        var (response, problem) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/activities", new { type = "fax", durationMinutes = -3 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("type", out _));
        Assert.True(errors.TryGetProperty("contactId", out _));
        Assert.True(errors.TryGetProperty("durationMinutes", out _));
    }

    [Fact]
    public async Task A_task_is_created_listed_as_open_and_completed()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Tasked" });
        var dueAt = DateTimeOffset.UtcNow.AddHours(-2);

        var (created, task) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/tasks", new
        {
            title = "Call back about the quote",
            type = "call",
            dueAt,
            priority = "high",
            contactId = contact.Id(),
        });
        var open = await rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/tasks?status=open&ownerId={rep.Id}", TestContext.Current.CancellationToken);
        var (completed, done) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, $"/api/v1/tasks/{task.Id()}/complete");
        var openAfter = await rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/tasks?status=open&ownerId={rep.Id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(task.GetProperty("isOverdue").GetBoolean());
        Assert.Equal("Tasked", task.GetProperty("contactName").GetString());
        Assert.Equal([task.Id()], open.Ids());
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Empty(openAfter.Ids());
    }

    [Fact]
    public async Task Task_validation_and_scope_errors_name_the_fields()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var other = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);

        var (response, problem) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/tasks", new
        {
            title = "",
            priority = "urgent",
            ownerId = other.Id,
            reminderAt = DateTimeOffset.UtcNow.AddDays(2),
            dueAt = DateTimeOffset.UtcNow.AddDays(1),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.Equal("Say what has to be done.", errors.GetProperty("title")[0].GetString());
        Assert.True(errors.TryGetProperty("priority", out _));
        Assert.True(errors.TryGetProperty("reminderAt", out _));
        Assert.Equal("You can only assign tasks to yourself.", errors.GetProperty("ownerId")[0].GetString());
    }
}
