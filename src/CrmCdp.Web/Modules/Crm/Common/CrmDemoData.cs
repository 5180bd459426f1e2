using Bogus;
using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Platform.ContactPoints;
using CrmCdp.Web.Platform.Seeding;

namespace CrmCdp.Web.Modules.Crm.Common;

/// <summary>Companies, contacts, calls, notes and tasks for the demo sales team, with something due today for each rep.</summary>
[SystemAccess("Seeds the demo records on a first development start.")]
internal sealed class CrmDemoData(IDbContextFactory<AppDbContext> dbFactory, ContactPointNormalizer normalizer, TimeProvider timeProvider) : IDemoDataContributor
{
    private static readonly string[] Industries = ["Software", "Retail", "Manufacturing", "Healthcare", "Logistics", "Education", "Finance"];
    private static readonly string[] Sources = ["Website", "Referral", "Trade show", "Webinar", "Cold outreach", "Partner"];

    public async Task SeedAsync(DemoUsers users, CancellationToken cancellationToken)
    {
        var manager = users.InRole(BuiltInRoles.SalesManager);
        var reps = users.InRole(BuiltInRoles.SalesRep);
        var sellers = manager.Concat(reps).ToList();
        if (sellers.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var team = new Team { Id = Guid.NewGuid(), Name = "Sales", LeadUserId = manager.Count > 0 ? manager[0] : null };
        team.Members.AddRange(sellers.Select(id => new TeamMember { TeamId = team.Id, UserId = id }));
        db.Teams.Add(team);

        var faker = new Faker("en") { Random = new Randomizer(7) };
        var now = timeProvider.GetUtcNow();
        var companies = Enumerable.Range(0, 40).Select(_ =>
        {
            var name = faker.Company.CompanyName();
            return new Company
            {
                Id = Guid.CreateVersion7(),
                Name = name,
                Domain = ContactPointNormalizer.NormalizeDomain(faker.Internet.DomainName()),
                Industry = faker.PickRandom(Industries),
                Employees = faker.Random.Int(5, 5000),
                City = faker.Address.City(),
                Country = "United States",
                OwnerId = faker.PickRandom(sellers),
                CreatedAt = now.AddDays(-faker.Random.Int(30, 400)),
                UpdatedAt = now.AddDays(-faker.Random.Int(0, 30)),
            };
        }).ToList();
        db.AddRange(companies);

        var contacts = Enumerable.Range(0, 300).Select(_ =>
        {
            var company = faker.PickRandom(companies);
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var contact = new Contact
            {
                Id = Guid.CreateVersion7(),
                FirstName = first,
                LastName = last,
                Emails = [faker.Internet.Email(first, last, company.Domain).ToLowerInvariant()],
                Phones = normalizer.NormalizePhone(faker.Phone.PhoneNumber("+1 ###-555-0###")) is { } phone ? [phone] : [],
                JobTitle = faker.Name.JobTitle(),
                CompanyId = company.Id,
                OwnerId = company.OwnerId,
                LifecycleStage = faker.PickRandom<LifecycleStage>(),
                LeadSource = faker.PickRandom(Sources),
                Tags = faker.Random.Bool(0.3f) ? ["newsletter"] : [],
                EmailConsent = faker.Random.Bool(0.6f),
                CreatedAt = now.AddDays(-faker.Random.Int(1, 300)),
                UpdatedAt = now.AddDays(-faker.Random.Int(0, 20)),
            };
            contact.RefreshSearchText();
            return contact;
        }).ToList();
        db.AddRange(contacts);

        foreach (var contact in contacts.Take(120))
        {
            db.Add(new Activity
            {
                Id = Guid.CreateVersion7(),
                Type = ActivityType.Call,
                ContactId = contact.Id,
                OwnerId = contact.OwnerId,
                Body = faker.PickRandom("Intro call, interested in a demo.", "Left a voicemail.", "Discussed pricing for next quarter.", "Asked for references."),
                CallOutcome = faker.PickRandom<CallOutcome>(),
                DurationMinutes = faker.Random.Int(2, 40),
                OccurredAt = now.AddDays(-faker.Random.Int(0, 30)),
                CreatedAt = now,
            });
        }

        foreach (var (contact, index) in contacts.Skip(120).Take(60).Select((c, i) => (Contact: c, Index: i)))
        {
            db.Add(new CrmTask
            {
                Id = Guid.CreateVersion7(),
                Title = faker.PickRandom("Follow up on the proposal", "Send case study", "Book a demo", "Check in after trial"),
                Type = faker.PickRandom<CrmTaskType>(),
                Priority = faker.PickRandom<CrmTaskPriority>(),
                ContactId = contact.Id,
                OwnerId = contact.OwnerId,
                DueAt = now.AddDays((index % 6) - 2).AddHours(faker.Random.Int(-3, 3)),
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
