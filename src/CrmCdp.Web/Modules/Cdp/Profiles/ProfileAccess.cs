
namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>What the profile services share: the refusal, who sees personal values, and the survivor of a merged-away id.</summary>
internal static class ProfileAccess
{
    public const string CannotRead = "Your role cannot see CDP profiles.";

    public static bool SeesPii(AccessContext access) => access.Has(Permissions.Privacy.PiiView);

    public static string? Masked(string? type, string? value, bool seesPii) =>
        value is null || type is null || seesPii || !ProfilePii.IsPersonal(type) ? value : ProfilePii.Mask(type, value);

    /// <summary>The live profile an id stands for (itself, or the one it was merged into); null when there is no such profile.</summary>
    public static async Task<Guid?> SurvivorOfAsync(this AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var survivor = await db.Set<Profile>().Where(p => p.Id == id).Select(p => p.MergedIntoId ?? p.Id).SingleOrDefaultAsync(cancellationToken);
        return survivor == Guid.Empty ? null : survivor;
    }
}
