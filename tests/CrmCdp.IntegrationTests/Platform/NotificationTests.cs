using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCdp.IntegrationTests.Platform;

/// <summary>Notifications reach people: assignments, mentions, live on open pages, and only the kinds each user wants.</summary>
[Collection(SharedAppGroup.Name)]
public sealed class NotificationTests(SharedApp app)
{
    private async Task<IReadOnlyList<(string Kind, string Title, string? Link)>> NotificationsOfAsync(Guid userId)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT kind, title, link FROM platform_notifications WHERE user_id = @user ORDER BY created_at", connection);
        command.Parameters.AddWithValue("user", userId);
        var found = new List<(string, string, string?)>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            found.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return found;
    }

    [Fact]
    public async Task A_deal_or_ticket_given_to_someone_tells_them_but_not_when_they_take_it_themselves()
    {
        using var admin = app.AdminApi();
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var agent = await app.CreateUserWithApiAsync(BuiltInRoles.SupportAgent);
        var pipelines = await admin.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        var pipeline = pipelines.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales");

        var (_, deal) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/deals", new { name = "Handed over", pipelineId = pipeline.Id(), ownerId = rep.Id });
        await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/deals", new { name = "My own", pipelineId = pipeline.Id() });
        var (_, ticket) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = "Please help", assigneeId = agent.Id });
        await CrmApi.SendAsync(agent.Api, HttpMethod.Post, "/api/v1/tickets", new { subject = "Taken myself", assigneeId = agent.Id });

        var repNotices = await NotificationsOfAsync(rep.Id);
        var agentNotices = await NotificationsOfAsync(agent.Id);
        Assert.Equal([(NotificationKinds.DealAssigned, "Deal assigned to you: Handed over", $"/crm/deals/{deal.Id()}")], repNotices);
        Assert.Equal([(NotificationKinds.TicketAssigned, $"Ticket assigned to you: Please help", $"/crm/tickets/{ticket.Id()}")], agentNotices);
    }

    [Fact]
    public async Task A_note_mentioning_a_colleague_tells_them_and_an_email_address_in_the_text_does_not()
    {
        using var admin = app.AdminApi();
        var colleague = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var bystander = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var contact = await CrmApi.CreateContactAsync(admin, new { firstName = "Mentioned", lastName = "Customer" });
        var handle = colleague.Email.Split('@')[0];

        var (logged, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/activities", new
        {
            type = "note",
            contactId = contact.Id(),
            body = $"@{handle} can you call them? They wrote from x{bystander.Email}.",
            occurredAt = DateTimeOffset.UtcNow,
        });

        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        var notice = Assert.Single(await NotificationsOfAsync(colleague.Id));
        Assert.Equal(NotificationKinds.Mention, notice.Kind);
        Assert.Equal($"/crm/contacts/{contact.Id()}", notice.Link);
        Assert.Empty(await NotificationsOfAsync(bystander.Id));
    }

    [Fact]
    public async Task A_muted_kind_is_not_delivered_and_the_preferences_name_a_bad_field()
    {
        using var admin = app.AdminApi();
        var agent = await app.CreateUserWithApiAsync(BuiltInRoles.SupportAgent);

        var (muted, preferences) = await CrmApi.SendAsync(agent.Api, HttpMethod.Put, "/api/v1/me/preferences",
            new { culture = "en-GB", timeZone = "Europe/Berlin", mutedNotifications = new[] { NotificationKinds.TicketAssigned } });
        await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = "Muted assignment", assigneeId = agent.Id });
        var (badCulture, cultureProblem) = await CrmApi.SendAsync(agent.Api, HttpMethod.Put, "/api/v1/me/preferences", new { culture = "xx-NOPE" });
        var (badZone, zoneProblem) = await CrmApi.SendAsync(agent.Api, HttpMethod.Put, "/api/v1/me/preferences", new { timeZone = "Mars/Olympus" });
        var (badKind, kindProblem) = await CrmApi.SendAsync(agent.Api, HttpMethod.Put, "/api/v1/me/preferences", new { mutedNotifications = new[] { "everything" } });
        var (_, kept) = await CrmApi.SendAsync(agent.Api, HttpMethod.Get, "/api/v1/me/preferences");

        Assert.Equal(HttpStatusCode.OK, muted.StatusCode);
        Assert.Equal("Europe/Berlin", preferences.GetProperty("timeZone").GetString());
        Assert.Empty(await NotificationsOfAsync(agent.Id));
        Assert.Equal(HttpStatusCode.BadRequest, badCulture.StatusCode);
        Assert.True(cultureProblem.GetProperty("errors").TryGetProperty("culture", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
        Assert.True(zoneProblem.GetProperty("errors").TryGetProperty("timeZone", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.True(kindProblem.GetProperty("errors").TryGetProperty("mutedNotifications", out _));
        Assert.Equal("en-GB", kept.GetProperty("culture").GetString());
    }

    [Fact]
    public async Task A_saved_notification_signals_the_users_open_pages_through_the_database()
    {
        var user = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var signals = app.Factory.Services.GetRequiredService<NotificationSignals>();
        var arrived = 0;
        using var subscription = signals.Subscribe(user.Id, () =>
        {
            Interlocked.Increment(ref arrived);
            return Task.CompletedTask;
        });

        // Written straight to the table, as another instance would: only the trigger and the listener carry it here.
        await using (var connection = new NpgsqlConnection(app.Factory.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var insert = new NpgsqlCommand(
                "INSERT INTO platform_notifications (id, user_id, kind, title, created_at) VALUES (gen_random_uuid(), @user, 'mention', 'Elsewhere', now())", connection);
            insert.Parameters.AddWithValue("user", user.Id);
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref arrived)), count => count == 1, "the signal reaches the subscriber",
            cancellationToken: TestContext.Current.CancellationToken);
    }
}
