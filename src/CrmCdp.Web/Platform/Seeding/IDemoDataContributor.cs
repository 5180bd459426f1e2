namespace CrmCdp.Web.Platform.Seeding;

/// <summary>A module's part of the demo company; runs after the demo users exist.</summary>
internal interface IDemoDataContributor
{
    Task SeedAsync(DemoUsers users, CancellationToken cancellationToken);
}

/// <summary>The demo people by role, for modules to give records to.</summary>
internal sealed record DemoUsers(IReadOnlyDictionary<string, IReadOnlyList<Guid>> ByRole)
{
    public IReadOnlyList<Guid> InRole(string role) => ByRole.GetValueOrDefault(role) ?? [];
}
