using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Identity;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>Creates a CRM contact from a known profile (its email, phone and name traits) and links the two.</summary>
internal sealed class ProfileContacts(IDbContextFactory<AppDbContext> dbFactory, Crm.Contracts.ICrmContacts crmContacts, TimeProvider timeProvider)
{
    /// <summary>The CRM checks the caller's right to create contacts; the CDP that they may see profiles.</summary>
    public async Task<OperationResult<Guid>> CreateContactAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesRead))
        {
            return OperationResult<Guid>.Forbidden(ProfileAccess.CannotRead);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profile = await db.Set<Profile>().SingleOrDefaultAsync(p => p.Id == id && p.MergedIntoId == null, cancellationToken);
        if (profile is null)
        {
            return OperationResult<Guid>.NotFound();
        }

        if (profile.ContactId is not null)
        {
            return OperationResult<Guid>.Conflict("This profile is already linked to a contact.");
        }

        var identifiers = await db.Set<ProfileIdentifier>().Where(i => i.ProfileId == id).OrderBy(i => i.FirstSeenAt).ToListAsync(cancellationToken);
        var email = identifiers.FirstOrDefault(i => i.Type == IdentifierTypes.Email)?.Value;
        if (email is null)
        {
            return OperationResult<Guid>.Invalid("email", "Only a known profile (one with an email) can become a contact.");
        }

        var traits = JsonSerializer.Deserialize<JsonElement>(profile.Traits);
        string? Trait(params string[] names) => names.Select(n => traits.ValueKind == JsonValueKind.Object && traits.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        var fullName = Trait("name")?.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) ?? [];
        var created = await crmContacts.CreateFromProfileAsync(
            access, Trait("firstName", "first_name") ?? fullName.ElementAtOrDefault(0), Trait("lastName", "last_name") ?? fullName.ElementAtOrDefault(1),
            email, identifiers.FirstOrDefault(i => i.Type == IdentifierTypes.Phone)?.Value, cancellationToken);
        if (created.Value is { } contactId && contactId != Guid.Empty)
        {
            profile.ContactId = contactId;
            profile.UpdatedAt = timeProvider.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return created;
    }
}
