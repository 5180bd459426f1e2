using Bogus;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Platform.Seeding;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

/// <summary>Open deals across the stages of the first pipeline (some rotting), plus a few won and lost ones, for the demo sales team.</summary>
[SystemAccess("Seeds the demo deals on a first development start.")]
internal sealed class DealDemoData(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider) : IDemoDataContributor
{
    public async Task SeedAsync(DemoUsers users, CancellationToken cancellationToken)
    {
        var sellers = users.InRole(BuiltInRoles.SalesManager).Concat(users.InRole(BuiltInRoles.SalesRep)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pipeline = await db.Set<SalesPipeline>().Include(p => p.Stages).OrderBy(p => p.Order).FirstOrDefaultAsync(cancellationToken);
        if (sellers.Count == 0 || pipeline is null || pipeline.Stages.Count == 0 || await db.Set<Deal>().AnyAsync(cancellationToken))
        {
            return;
        }

        var companies = await db.Set<Company>().Select(c => new { c.Id, c.Name, c.OwnerId }).Take(40).ToListAsync(cancellationToken);
        var contacts = await db.Set<Contact>().Where(c => c.CompanyId != null).Select(c => new { c.Id, CompanyId = c.CompanyId!.Value }).ToListAsync(cancellationToken);
        var reasons = await db.Set<LostReason>().Select(r => r.Id).ToListAsync(cancellationToken);
        var faker = new Faker("en") { Random = new Randomizer(11) };
        var now = timeProvider.GetUtcNow();
        var stages = pipeline.Stages.OrderBy(s => s.Order).ToList();
        foreach (var company in companies)
        {
            var entered = now.AddDays(-faker.Random.Int(0, 25));
            var outcome = faker.Random.WeightedRandom([DealOutcome.Open, DealOutcome.Won, DealOutcome.Lost], [0.7f, 0.15f, 0.15f]);
            var deal = new Deal
            {
                Id = Guid.CreateVersion7(),
                Name = $"{company.Name} — {faker.PickRandom("Annual licence", "Expansion", "Pilot", "Renewal", "Onboarding package")}",
                Amount = faker.Random.Int(20, 800) * 100m,
                Currency = pipeline.Currency,
                PipelineId = pipeline.Id,
                StageId = faker.PickRandom(stages).Id,
                Outcome = outcome,
                LostReasonId = outcome == DealOutcome.Lost && reasons.Count > 0 ? faker.PickRandom(reasons) : null,
                ExpectedCloseDate = DateOnly.FromDateTime(now.AddDays(faker.Random.Int(-20, 120)).UtcDateTime),
                OwnerId = company.OwnerId ?? faker.PickRandom(sellers),
                CompanyId = company.Id,
                ContactIds = [.. contacts.Where(c => c.CompanyId == company.Id).Take(2).Select(c => c.Id)],
                Source = faker.PickRandom("Website", "Referral", "Trade show", "Outbound"),
                StageEnteredAt = entered,
                CreatedAt = entered.AddDays(-faker.Random.Int(1, 60)),
                UpdatedAt = entered,
                ClosedAt = outcome == DealOutcome.Open ? null : entered,
            };
            db.Add(deal);
            AddStageHistory(db, deal, stages[0].Id);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The demo deal's path: created in the first stage, then moved to (or closed in) its stage, so "time in each stage" has data.</summary>
    private static void AddStageHistory(AppDbContext db, Deal deal, Guid firstStageId)
    {
        db.Add(new DealStageChange { DealId = deal.Id, ToStageId = firstStageId, Outcome = DealOutcome.Open, UserId = deal.OwnerId, ChangedAt = deal.CreatedAt });
        if (deal.StageId != firstStageId || deal.Outcome != DealOutcome.Open)
        {
            db.Add(new DealStageChange
            {
                DealId = deal.Id,
                FromStageId = firstStageId,
                ToStageId = deal.StageId,
                Outcome = deal.Outcome,
                UserId = deal.OwnerId,
                ChangedAt = deal.StageEnteredAt,
                SecondsInPrevious = (long)(deal.StageEnteredAt - deal.CreatedAt).TotalSeconds,
            });
        }
    }
}
