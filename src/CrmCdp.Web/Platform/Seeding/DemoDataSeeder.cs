using Bogus;
using Microsoft.AspNetCore.Identity;

namespace CrmCdp.Web.Platform.Seeding;

/// <summary>
/// A believable small company to click through: a sales team, a marketer and support agents.
/// Later features add their own demo records here.
/// </summary>
internal sealed partial class DemoDataSeeder(
    UserManager<AppUser> userManager,
    IEnumerable<IDemoDataContributor> contributors,
    TimeProvider timeProvider,
    ILogger<DemoDataSeeder> logger)
{
    public const string EmailDomain = "demo.crmcdp.local";

    private static readonly (string Role, int Count)[] Staff =
    [
        (BuiltInRoles.SalesManager, 1),
        (BuiltInRoles.SalesRep, 3),
        (BuiltInRoles.Marketer, 1),
        (BuiltInRoles.SupportAgent, 2),
    ];

    /// <returns>The e-mail addresses of the users created (none when the demo data already exists).</returns>
    public async Task<IReadOnlyList<string>> SeedAsync(string password)
    {
        if (userManager.Users.Any(u => u.Email != null && u.Email.EndsWith("@" + EmailDomain)))
        {
            return [];
        }

        // A fixed seed gives every installation the same demo people, which makes screenshots and bug reports comparable.
        var faker = new Faker("en") { Random = new Randomizer(20261125) };
        var created = new List<string>();
        var byRole = new Dictionary<string, IReadOnlyList<Guid>>();
        foreach (var (role, count) in Staff)
        {
            for (var i = 0; i < count; i++)
            {
                var first = faker.Name.FirstName();
                var last = faker.Name.LastName();
                var email = $"{EmailPart(first)}.{EmailPart(last)}@{EmailDomain}";
                var user = new AppUser
                {
                    UserName = email,
                    Email = email,
                    EmailConfirmed = true,
                    DisplayName = $"{first} {last}",
                    PhoneNumber = faker.Phone.PhoneNumber("+1 ###-###-####"),
                    CreatedAt = timeProvider.GetUtcNow(),
                };
                var result = await userManager.CreateAsync(user, password);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Failed creating demo user {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
                }

                await userManager.AddToRoleAsync(user, role);
                created.Add($"{email} ({role})");
                byRole[role] = [.. byRole.GetValueOrDefault(role) ?? [], user.Id];
            }
        }

        foreach (var contributor in contributors)
        {
            await contributor.SeedAsync(new DemoUsers(byRole), CancellationToken.None);
        }

        LogSeeded(logger, created.Count);
        return created;
    }

    private static string EmailPart(string name) =>
        new([.. name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo users")]
    private static partial void LogSeeded(ILogger logger, int count);
}
