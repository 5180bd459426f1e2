using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCdp.IntegrationTests.Privacy;

[Collection(SharedAppGroup.Name)]
public sealed class PrivacyRequestTests(SharedApp app)
{
    private static async Task<JsonElement> FileAndWaitAsync(HttpClient api, string kind, string identifierKind, string identifier)
    {
        var (filed, request) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/privacy/requests", new { kind, identifierKind, identifier });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (request.GetProperty("status").GetString() is "requested" or "running" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            (_, request) = await CrmApi.SendAsync(api, HttpMethod.Get, $"/api/v1/privacy/requests/{request.Id()}");
        }

        return request;
    }

    /// <summary>Every (table, column) of any text-like type, in every schema, holding the value.</summary>
    private async Task<List<string>> WhereValueIsHeldAsync(string value)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
              AND (c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'bytea', 'ARRAY'))
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        var hits = new List<string>();
        foreach (var (schema, table, column, type) in columns)
        {
            var text = type == "bytea" ? $"encode(\"{column}\", 'escape')" : $"\"{column}\"::text";
            await using var probe = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".\"{table}\" WHERE {text} ILIKE '%' || @value || '%'", connection);
            probe.Parameters.AddWithValue("value", value);
            if ((long)(await probe.ExecuteScalarAsync(TestContext.Current.CancellationToken))! > 0)
            {
                hits.Add($"{schema}.{table}.{column}");
            }
        }

        return hits;
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task<long> CountAsync(string table, Guid profileId)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE profile_id = @profile", connection);
        command.Parameters.AddWithValue("profile", profileId);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task Access_then_erase_leaves_no_trace_of_the_person_and_keeps_report_totals()
    {
        using var admin = app.AdminApi();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (first, last, email) = ($"Zelda{suffix}", $"Quill{suffix}", $"zelda.{suffix}@example.com");
        var phone = $"+49151{Random.Shared.Next(10_000_000, 99_999_999)}";
        var contact = await CrmApi.CreateContactAsync(admin, new { firstName = first, lastName = last, email, phones = new[] { phone }, jobTitle = "Buyer" });
        await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/contacts/{contact.Id()}",
            new { firstName = first, lastName = last, email, phones = new[] { phone }, jobTitle = "Head buyer", version = contact.GetProperty("version").GetUInt32() });
        await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/activities",
            new { type = "note", contactId = contact.Id(), body = $"Spoke with {first} {last}, reach her at {email} or {phone}.", occurredAt = DateTimeOffset.UtcNow });
        await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tasks",
            new { title = $"Call {first} {last}", type = "call", dueAt = DateTimeOffset.UtcNow.AddDays(1), contactId = contact.Id() });
        var (_, ticket) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets",
            new { subject = $"Refund for {first} {last}", description = $"Customer {email} wants a refund", contactId = contact.Id() });
        await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/tickets/{ticket.Id()}/replies", new { body = $"Hello {first}, we refunded you." });
        var referrer = await CrmApi.CreateContactAsync(admin, new { firstName = "Referrer", lastName = suffix });
        await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/activities",
            new { type = "note", contactId = referrer.Id(), body = $"Referred {email} to us.", occurredAt = DateTimeOffset.UtcNow });
        await admin.GetStringAsync($"/api/v1/contacts/export?search={email}", TestContext.Current.CancellationToken);
        var (_, source) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/sources", new { name = CrmApi.Unique("Web "), type = "website" });
        using var sdk = app.Factory.CreateClient();
        var userId = $"user-{suffix}";
        using (await sdk.PostAsJsonAsync("/v1/identify", new { writeKey = source.GetProperty("writeKey").GetString(), userId, traits = new { email, firstName = first } }, TestContext.Current.CancellationToken))
        using (await sdk.PostAsJsonAsync("/v1/track", new { writeKey = source.GetProperty("writeKey").GetString(), userId, @event = "Viewed Pricing" }, TestContext.Current.CancellationToken))
        using (await sdk.PostAsJsonAsync("/v1/track", new { writeKey = source.GetProperty("writeKey").GetString(), userId, @event = "Pricing Viewed" }, TestContext.Current.CancellationToken))
        {
        }

        // Let identity resolution build the person's profile first, so erasure must remove it too.
        await admin.ProfileWithEventsAsync("email", email, 3, TestContext.Current.CancellationToken);

        var segmentName = $"Pricing viewers {suffix}";
        var (segmentCreated, segment) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/segments", new
        {
            name = segmentName,
            definition = new { type = "event", @event = "Viewed Pricing", @operator = "at_least", count = 1, withinDays = 7 },
            activationEnabled = true,
        });
        Assert.Equal(HttpStatusCode.Created, segmentCreated.StatusCode);
        await app.Factory.Services.GetRequiredService<SegmentRefreshJob>().RunNowAsync(TestContext.Current.CancellationToken);
        var profileId = Guid.Parse((await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/lookup?type=email&value={email}")).Body.Id());
        Assert.Equal(1, await CountAsync("cdp_segment_members", profileId));

        var access = await FileAndWaitAsync(admin, "access", "email", email);
        var document = await admin.GetStringAsync($"/api/v1/privacy/requests/{access.Id()}/download", TestContext.Current.CancellationToken);
        Assert.Equal("done", access.GetProperty("status").GetString());
        Assert.Contains(phone, document, StringComparison.Ordinal);
        Assert.Contains("Head buyer", document, StringComparison.Ordinal);
        Assert.Contains($"Call {first} {last}", document, StringComparison.Ordinal);
        Assert.Contains($"Hello {first}, we refunded you.", document, StringComparison.Ordinal);
        Assert.Contains("Viewed Pricing", document, StringComparison.Ordinal);
        Assert.Contains("\"profiles\"", document, StringComparison.Ordinal);
        Assert.Contains(userId, document, StringComparison.Ordinal);
        var segmentHistory = JsonDocument.Parse(document).RootElement.GetProperty("cdp").GetProperty("profiles")[0];
        Assert.Equal(segmentName, segmentHistory.GetProperty("segments")[0].GetProperty("segment").GetString());
        Assert.Equal("entered", segmentHistory.GetProperty("segmentHistory")[0].GetProperty("kind").GetString());
        Assert.Equal("task_created", segmentHistory.GetProperty("activations")[0].GetProperty("outcome").GetString());
        Assert.Equal(10m, segmentHistory.GetProperty("computedTraits").GetProperty("intent_score").GetDecimal());
        Assert.NotEmpty(await WhereValueIsHeldAsync(email));

        var totals = (await CountAsync("crm_contacts"), await CountAsync("crm_activities"), await CountAsync("crm_tasks"), await CountAsync("crm_tickets"));
        var erase = await FileAndWaitAsync(admin, "erase", "email", email);
        var (_, accessAfter) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/privacy/requests/{access.Id()}");
        var (_, anonymised) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/contacts/{contact.Id()}");

        Assert.Equal("done", erase.GetProperty("status").GetString());
        Assert.Equal(1, erase.GetProperty("report").GetProperty("crm").GetProperty("anonymised").GetInt32());
        Assert.False(accessAfter.GetProperty("hasResult").GetBoolean());
        Assert.Equal("Erased", anonymised.GetProperty("firstName").GetString());
        Assert.Empty(anonymised.GetProperty("emails").EnumerateArray());
        foreach (var value in new[] { email, phone, first, last, userId })
        {
            Assert.Empty(await WhereValueIsHeldAsync(value));
        }

        var (profileGone, _) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/lookup?type=user_id&value={userId}");
        Assert.Equal(HttpStatusCode.NotFound, profileGone.StatusCode);
        foreach (var table in new[] { "cdp_segment_members", "cdp_segment_changes", "cdp_segment_activations", "cdp_profile_computed" })
        {
            Assert.Equal(0, await CountAsync(table, profileId));
        }

        Assert.Equal(totals, (await CountAsync("crm_contacts"), await CountAsync("crm_activities"), await CountAsync("crm_tasks"), await CountAsync("crm_tickets")));
    }

    [Fact]
    public async Task Suppression_is_listed_masked_and_can_be_lifted()
    {
        using var admin = app.AdminApi();
        var email = $"quiet.{Guid.NewGuid().ToString("N")[..8]}@example.com";

        var (filed, request) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/privacy/requests", new { kind = "suppress", identifierKind = "email", identifier = email });
        var (_, suppressions) = await CrmApi.SendAsync(admin, HttpMethod.Get, "/api/v1/privacy/suppressions");
        var mine = suppressions.EnumerateArray().Single(s => s.GetProperty("identifier").GetString() == $"q***@example.com" && s.GetProperty("liftedAt").ValueKind == JsonValueKind.Null);
        var (lifted, _) = await CrmApi.SendAsync(admin, HttpMethod.Delete, $"/api/v1/privacy/suppressions/{mine.Id()}");
        var (liftedAgain, _) = await CrmApi.SendAsync(admin, HttpMethod.Delete, $"/api/v1/privacy/suppressions/{mine.Id()}");

        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal("done", request.GetProperty("status").GetString());
        Assert.Equal("q***@example.com", request.GetProperty("identifier").GetString());
        Assert.Empty(await WhereValueIsHeldAsync(email));
        Assert.Equal(HttpStatusCode.NoContent, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, liftedAgain.StatusCode);
    }

    [Fact]
    public async Task Bad_requests_name_the_field_and_only_privacy_managers_may_file()
    {
        using var admin = app.AdminApi();
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);

        var (bad, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/privacy/requests", new { kind = "forget", identifierKind = "email", identifier = "not-an-email" });
        var (refused, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/privacy/requests", new { kind = "access", identifierKind = "email", identifier = "a@example.com" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("identifier", out _));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
