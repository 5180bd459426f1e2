using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Platform.Audit;
using P = CrmCdp.Web.Platform.Auth.Permissions;

namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <param name="Field">name, emails or phones.</param>
public sealed record RevealedPii(string Field, IReadOnlyList<string> Values);

/// <summary>Shows one masked personal field of a contact in clear to a user allowed to reveal it, and records that they did.</summary>
internal sealed class PiiRevealService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit)
{
    public static IReadOnlyList<string> Fields { get; } = ["name", "emails", "phones"];

    public async Task<OperationResult<RevealedPii>> RevealAsync(AccessContext access, Guid contactId, string? field, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.Privacy.PiiReveal) && !access.Has(P.Privacy.PiiView))
        {
            return OperationResult<RevealedPii>.Forbidden("Your role cannot reveal personal data.");
        }

        var normalized = field?.Trim().ToLowerInvariant();
        if (normalized is null || !Fields.Contains(normalized))
        {
            return OperationResult<RevealedPii>.Invalid("field", $"The field must be one of: {string.Join(", ", Fields)}.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contact = await db.Set<Contact>().Within(access, P.Crm.ContactsRead).AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (contact is null)
        {
            return OperationResult<RevealedPii>.NotFound();
        }

        IReadOnlyList<string> values = normalized switch
        {
            "name" => [contact.FirstName, contact.LastName],
            "emails" => contact.Emails,
            _ => contact.Phones,
        };
        var entry = AuditActor.For(access, AuditActions.PiiRevealed);
        (entry.RecordType, entry.RecordId, entry.Field, entry.Summary) = ("contact", contactId.ToString(), normalized, $"Revealed the {normalized} of a contact");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<RevealedPii>.Ok(new RevealedPii(normalized, values));
    }
}
