using System.Globalization;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.CustomFields;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Modules.Crm.Timeline;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.ContactPoints;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmCdp.Benchmarks.Scenarios;

/// <summary>
/// The contacts list, quick search, a filtered + sorted page and the 360 page over 1,000,000 contacts and
/// 100,000 companies, as an admin (scope all) and as a rep (scope own). Baseline: the same first page
/// with an exact COUNT(*) of all matches, which is what makes large CRMs slow.
/// </summary>
internal sealed class CrmListScenario(int contacts = 1_000_000, int companies = 100_000) : IScenario
{
    private const int Runs = 25;

    public string Name => "crm-lists";

    public string Description => $"CRM lists and 360 page over {contacts:N0} contacts / {companies:N0} companies (median of {Runs} runs)";

    public async Task<ScenarioResult> RunAsync()
    {
        var postgres = await TestPostgres.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync("bench");
        var users = await CrmDataGenerator.GenerateAsync(connectionString, 20, companies, contacts);
        var services = Services.Create(connectionString);
        var admin = new AccessContext(null, Permissions.All.ToDictionary(p => p, _ => RecordScope.All), new HashSet<Guid>());
        var rep = new AccessContext(users[0], Permissions.Scoped.ToDictionary(p => p, _ => RecordScope.Own), new HashSet<Guid> { users[0] });
        var someContact = (await services.Queries.PageAsync(admin, new ContactFilter(), ContactSort.Updated, true, 0, 1)).Items[0].Id;

        var timings = new List<(string Name, double Median)>
        {
            ("first page (admin)", await MedianAsync(() => services.Queries.PageAsync(admin, new ContactFilter(), ContactSort.Updated, true, 0, 25))),
            ("first page (rep, own)", await MedianAsync(() => services.Queries.PageAsync(rep, new ContactFilter(), ContactSort.Updated, true, 0, 25))),
            ("quick search 'smith'", await MedianAsync(() => services.Queries.PageAsync(admin, new ContactFilter(Search: "smith"), ContactSort.Updated, true, 0, 25))),
            ("quick search email", await MedianAsync(() => services.Queries.PageAsync(admin, new ContactFilter(Search: "mail77.example"), ContactSort.Updated, true, 0, 25))),
            ("filter stage+tag, sort name", await MedianAsync(() => services.Queries.PageAsync(admin,
                new ContactFilter(LifecycleStage: LifecycleStage.Customer, Tag: "vip"), ContactSort.Name, false, 0, 25))),
            ("360 page", await MedianAsync(async () =>
            {
                await services.Contacts.GetAsync(admin, someContact);
                await services.Timeline.ForRecordAsync(admin, CrmRecordType.Contact, someContact);
                await services.Tasks.OpenAsync(admin, new TaskFilter(ContactId: someContact), 20);
            })),
        };
        var baseline = await MedianAsync(() => ExactCountFirstPageAsync(connectionString));
        foreach (var (name, median) in timings)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {name,-30} median {median,8:N1} ms"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {"baseline: exact count + page",-30} median {baseline,8:N1} ms"));
        await PrintPlanAsync(connectionString);
        var firstPage = timings[0].Median;
        return new ScenarioResult("first page, capped count (ours)", 1000 / firstPage, "first page, exact COUNT(*)", 1000 / baseline);
    }

    private static Task<double> MedianAsync(Func<Task> action) => Timing.MedianMillisecondsAsync(action, Runs);

    private static async Task ExactCountFirstPageAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM crm_contacts WHERE deleted_at IS NULL", connection);
        await count.ExecuteScalarAsync();
        await using var page = new NpgsqlCommand(
            "SELECT * FROM crm_contacts WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC LIMIT 25", connection);
        await using var reader = await page.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }

    private static async Task PrintPlanAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand(
            "EXPLAIN (ANALYZE, BUFFERS) SELECT c.* FROM crm_contacts c WHERE c.deleted_at IS NULL AND (c.search_text ILIKE '%smith%' " +
            "OR c.company_id IN (SELECT id FROM crm_companies WHERE deleted_at IS NULL AND name ILIKE '%smith%')) " +
            "ORDER BY c.updated_at DESC, c.id DESC LIMIT 25", connection);
        Console.WriteLine("   plan of the quick search:");
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("     " + reader.GetString(0));
        }
    }

    private sealed record Services(ContactQueries Queries, ContactService Contacts, TimelineService Timeline, TaskService Tasks)
    {
        public static Services Create(string connectionString)
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DatabaseRegistration.Configure(options, connectionString);
            var factory = new PooledDbContextFactory<AppDbContext>(options.Options);
            var users = new UserDirectory(factory);
            var normalizer = new ContactPointNormalizer(Options.Create(new ContactPointOptions()));
            var time = TimeProvider.System;
            var checks = new RecordInputChecks(users, new CustomFieldService(factory, time));
            return new Services(
                new ContactQueries(factory, users),
                new ContactService(factory, new ContactInputValidator(normalizer), normalizer, users, checks, new CrmRecordCommands(factory, time)),
                new TimelineService(factory, users, time),
                new TaskService(factory, new TaskInputValidator(), users, checks, new CrmRecordCommands(factory, time), time));
        }
    }
}
