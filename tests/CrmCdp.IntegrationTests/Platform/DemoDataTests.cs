using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Pipeline;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Platform.Data;
using CrmCdp.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Platform;

public sealed class DemoDataTests : IAsyncLifetime
{
    private readonly AppFixture _app = new();

    public ValueTask InitializeAsync() => new(_app.StartAsync("demo"));

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Each_app_in_the_process_keeps_its_own_job_storage()
    {
        await using var other = new AppFixture();
        await other.StartAsync("otherjobs");

        var mine = _app.Factory.Services.GetRequiredService<Hangfire.JobStorage>();
        var theirs = other.Factory.Services.GetRequiredService<Hangfire.JobStorage>();

        Assert.NotSame(mine, theirs);
        Assert.Contains(new Npgsql.NpgsqlConnectionStringBuilder(_app.Factory.ConnectionString).Database!, mine.ToString(), StringComparison.Ordinal);
        Assert.Contains(new Npgsql.NpgsqlConnectionStringBuilder(other.Factory.ConnectionString).Database!, theirs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeding_the_demo_gives_each_role_users_and_the_sales_team_records_once()
    {
        await using var scope = _app.Factory.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoDataSeeder>();

        var first = await seeder.SeedAsync(AppFixture.TestPassword);
        var second = await seeder.SeedAsync(AppFixture.TestPassword);

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(7, first.Count);
        Assert.Empty(second);
        Assert.Equal(300, await db.Set<Contact>().CountAsync(TestContext.Current.CancellationToken));
        Assert.True(await db.Set<CrmTask>().AnyAsync(t => t.DueAt < DateTimeOffset.UtcNow, TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.Teams.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(40, await db.Set<Deal>().CountAsync(TestContext.Current.CancellationToken));
        Assert.True(await db.Set<Deal>().AnyAsync(d => d.Outcome == DealOutcome.Open && d.ContactIds.Count > 0, TestContext.Current.CancellationToken));
    }
}
