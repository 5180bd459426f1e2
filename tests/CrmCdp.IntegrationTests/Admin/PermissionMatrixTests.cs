using System.Net;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.IntegrationTests.Admin;

/// <summary>
/// Every built-in role against every record area and action, through the API, for records owned by the
/// caller, by a teammate and by an outsider: an action succeeds exactly when the role's default scope reaches the owner.
/// </summary>
[Collection(SharedAppGroup.Name)]
public sealed class PermissionMatrixTests(SharedApp app)
{
    // Contacts last: tasks and activities point at the contact, which the delete step removes.
    private static readonly string[] Areas = ["tasks", "activities", "companies", "contacts"];
    private static readonly string[] Owners = ["own", "team", "other"];

    public static TheoryData<string> Roles() => new(BuiltInRoles.All.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_action_succeeds_exactly_where_the_roles_scope_reaches(string role)
    {
        using var admin = app.AdminApi();
        var writerRole = await ActivityWriterRoleAsync(admin);
        var caller = await app.CreateUserWithApiAsync(role);
        var teammate = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var outsider = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        await app.CreateTeamAsync(CrmApi.Unique("matrix "), null, caller.Id, teammate.Id);
        var owners = new Dictionary<string, (string Email, Guid Id)>
        {
            ["own"] = (caller.Email, caller.Id),
            ["team"] = (teammate.Email, teammate.Id),
            ["other"] = (outsider.Email, outsider.Id),
        };
        var grants = BuiltInRoles.All.Single(r => r.Name == role).DefaultPermissions.ToDictionary(g => g.Permission, g => g.Scope);
        var mismatches = new List<string>();

        foreach (var owner in Owners)
        {
            var records = await SeedAsync(admin, owners[owner], writerRole);
            foreach (var area in Areas)
            {
                var id = records[area];
                var (read, _) = await CrmApi.SendAsync(caller.Api, HttpMethod.Get, $"/api/v1/{area}/{id}");
                Check(mismatches, area, "read", owner, Reaches(grants, area, "read", owner), read.StatusCode);

                var (_, current) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/{area}/{id}");
                var (edit, editBody) = await CrmApi.SendAsync(caller.Api, HttpMethod.Put, $"/api/v1/{area}/{id}", EditBody(area, current));
                if (edit.StatusCode == HttpStatusCode.BadRequest)
                {
                    mismatches.Add($"edit {area} was invalid: {editBody}");
                }

                Check(mismatches, area, "edit", owner, Reaches(grants, area, "read", owner) && Reaches(grants, area, "edit", owner), edit.StatusCode);

                var (delete, _) = await CrmApi.SendAsync(caller.Api, HttpMethod.Delete, $"/api/v1/{area}/{id}");
                Check(mismatches, area, "delete", owner, Reaches(grants, area, "read", owner) && Reaches(grants, area, "delete", owner), delete.StatusCode);
            }
        }

        var ownContact = await CrmApi.CreateContactAsync(admin, new { firstName = "Mine", ownerId = caller.Id });
        foreach (var area in Areas)
        {
            var (create, _) = await CrmApi.SendAsync(caller.Api, HttpMethod.Post, $"/api/v1/{area}", CreateBody(area, caller.Id, ownContact.Id()));
            Check(mismatches, area, "create", "own", Reaches(grants, area, "create", "own"), create.StatusCode);
        }

        using var export = await caller.Api.GetAsync("/api/v1/contacts/export?tag=none", TestContext.Current.CancellationToken);
        Check(mismatches, "contacts", "export", "any", grants.ContainsKey(Permissions.Crm.ContactsExport), export.StatusCode);

        Assert.True(mismatches.Count == 0, $"{role}:\n{string.Join("\n", mismatches)}");
    }

    private static bool Reaches(Dictionary<string, RecordScope> grants, string area, string action, string owner) =>
        grants.GetValueOrDefault($"crm.{area}.{action}", RecordScope.None) switch
        {
            RecordScope.All => true,
            RecordScope.Team => owner is "own" or "team",
            RecordScope.Own => owner == "own",
            _ => false,
        };

    private static void Check(List<string> mismatches, string area, string action, string owner, bool expected, HttpStatusCode status)
    {
        var succeeded = (int)status is >= 200 and < 300;
        if (succeeded != expected)
        {
            mismatches.Add($"{action} {area} ({owner}): expected {(expected ? "success" : "refusal")}, got {(int)status}");
        }
    }

    private static async Task<string> ActivityWriterRoleAsync(HttpClient admin)
    {
        var name = CrmApi.Unique("ActivityWriter");
        await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/roles", new
        {
            name,
            permissions = new Dictionary<string, string> { [Permissions.Crm.ContactsRead] = "all", [Permissions.Crm.ActivitiesCreate] = "all" },
        });
        return name;
    }

    /// <summary>One record per area owned by the user (activities belong to whoever logged them, so the owner logs it).</summary>
    private async Task<Dictionary<string, string>> SeedAsync(HttpClient admin, (string Email, Guid Id) owner, string writerRole)
    {
        var contact = await CrmApi.CreateContactAsync(admin, new { firstName = "Matrix", ownerId = owner.Id });
        var (_, company) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/companies", new { name = CrmApi.Unique("Matrix Co "), ownerId = owner.Id });
        var (_, task) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tasks", CreateBody("tasks", owner.Id, contact.Id()));
        using var ownersKey = await app.ApiClientForAsync(owner.Email, writerRole);
        var (_, activity) = await CrmApi.SendAsync(ownersKey, HttpMethod.Post, "/api/v1/activities", CreateBody("activities", owner.Id, contact.Id()));
        return new() { ["contacts"] = contact.Id(), ["companies"] = company.Id(), ["tasks"] = task.Id(), ["activities"] = activity.Id() };
    }

    private static object CreateBody(string area, Guid ownerId, string contactId) => area switch
    {
        "contacts" => new { firstName = "Created", ownerId },
        "companies" => new { name = CrmApi.Unique("Created Co "), ownerId },
        "tasks" => new { title = "Call back", type = "call", dueAt = DateTimeOffset.UtcNow.AddDays(1), contactId, ownerId },
        _ => new { type = "note", contactId, body = "Logged", occurredAt = DateTimeOffset.UtcNow },
    };

    private static object EditBody(string area, JsonElement current)
    {
        var version = current.GetProperty("version").GetUInt32();
        return area switch
        {
            "contacts" => new { firstName = "Edited", version },
            "companies" => new { name = current.GetProperty("name").GetString() + " edited", version },
            "tasks" => new { title = "Edited", type = "call", dueAt = DateTimeOffset.UtcNow.AddDays(2), contactId = current.GetProperty("contactId").GetString(), ownerId = current.GetProperty("ownerId").GetString(), version },
            _ => new { type = "note", contactId = current.GetProperty("contactId").GetString(), body = "Edited", occurredAt = DateTimeOffset.UtcNow, version },
        };
    }
}
