using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Timeline;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Contacts;

public sealed class BulkContactRequest
{
    public List<Guid> Ids { get; set; } = [];

    /// <summary>assignOwner, addTag, setStage or delete.</summary>
    public string? Action { get; set; }

    public Guid? OwnerId { get; set; }

    public string? Tag { get; set; }

    public string? LifecycleStage { get; set; }
}

/// <param name="Changed">Contacts the action was applied to.</param>
/// <param name="Skipped">Selected contacts the caller may see but not change this way (or that no longer exist).</param>
public sealed record BulkContactResult(int Changed, int Skipped);

/// <summary>Applies one action to many selected contacts, each within the caller's scope, in one transaction.</summary>
internal sealed class ContactBulkService(IDbContextFactory<AppDbContext> dbFactory, UserDirectory users, TimeProvider timeProvider)
{
    public const int MaxIds = 1000;

    public async Task<CrmResult<BulkContactResult>> ApplyAsync(AccessContext access, BulkContactRequest request, CancellationToken cancellationToken = default)
    {
        var errors = await ValidateAsync(access, request, cancellationToken);
        if (errors.Count > 0)
        {
            return CrmResult<BulkContactResult>.Invalid(errors);
        }

        var action = request.Action!;
        var permission = action == "delete" ? P.ContactsDelete : P.ContactsEdit;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = request.Ids.Distinct().ToList();
        var contacts = await db.Set<Contact>().Within(access, permission).Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var names = await users.NamesAsync(contacts.Select(c => c.OwnerId).Append(request.OwnerId), cancellationToken);
        foreach (var contact in contacts)
        {
            var (field, before, after) = Apply(contact, request, names, now);
            if (before != after)
            {
                db.Add(new RecordChange
                {
                    RecordType = CrmRecordType.Contact,
                    RecordId = contact.Id,
                    UserId = access.UserId,
                    ChangedAt = now,
                    Field = field,
                    OldValue = before,
                    NewValue = after,
                });
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CrmResult<BulkContactResult>.Conflict("Some of the selected contacts changed meanwhile; nothing was changed. Reload and try again.");
        }

        return CrmResult<BulkContactResult>.Ok(new BulkContactResult(contacts.Count, ids.Count - contacts.Count));
    }

    private static (string Field, string? Before, string? After) Apply(
        Contact contact, BulkContactRequest request, IReadOnlyDictionary<Guid, string> names, DateTimeOffset now)
    {
        contact.UpdatedAt = now;
        switch (request.Action)
        {
            case "assignOwner":
                var oldOwner = contact.OwnerId is { } o ? names.GetValueOrDefault(o) : null;
                contact.OwnerId = request.OwnerId;
                return ("Owner", oldOwner, request.OwnerId is { } n ? names.GetValueOrDefault(n) : null);
            case "addTag":
                var oldTags = string.Join(", ", contact.Tags);
                var tag = request.Tag!.Trim();
                if (!contact.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
                {
                    contact.Tags = [.. contact.Tags, tag];
                }

                return ("Tags", oldTags, string.Join(", ", contact.Tags));
            case "setStage":
                var oldStage = CrmEnumNames.Label(contact.LifecycleStage);
                contact.LifecycleStage = CrmEnumNames.Parse<LifecycleStage>(request.LifecycleStage)!.Value;
                return ("Lifecycle stage", oldStage, CrmEnumNames.Label(contact.LifecycleStage));
            default:
                contact.DeletedAt = now;
                return ("deleted", null, "bulk");
        }
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(AccessContext access, BulkContactRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        request.Ids ??= [];
        if (request.Ids.Count == 0 || request.Ids.Count > MaxIds)
        {
            errors["ids"] = [$"Select between 1 and {MaxIds} contacts."];
        }

        switch (request.Action)
        {
            case "assignOwner" when request.OwnerId is not { } owner || !await users.ExistsAsync(owner, cancellationToken):
                errors["ownerId"] = ["Choose the user who becomes the owner."];
                break;
            case "assignOwner" when !access.Allows(P.ContactsEdit, request.OwnerId):
                errors["ownerId"] = ["You cannot give contacts to this user."];
                break;
            case "addTag" when string.IsNullOrWhiteSpace(request.Tag) || request.Tag.Trim().Length > 50:
                errors["tag"] = ["Tags must be 1 to 50 characters."];
                break;
            case "setStage" when CrmEnumNames.Parse<LifecycleStage>(request.LifecycleStage) is null:
                errors["lifecycleStage"] = [$"The lifecycle stage must be one of: {CrmEnumNames.Allowed<LifecycleStage>()}."];
                break;
            case "assignOwner" or "addTag" or "setStage" or "delete":
                break;
            default:
                errors["action"] = ["The action must be one of: assignOwner, addTag, setStage, delete."];
                break;
        }

        return errors;
    }
}
