using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Platform.Email.Inbound;
using MimeKit;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Emails;

public sealed record UnknownSenderEmailDto(Guid Id, string From, string FromAddress, string Subject, string? Preview, DateTimeOffset SentAt, bool Personal);

/// <summary>
/// Mail from addresses no contact has, for the people it reached: a personal mailbox's to its owner, a shared one's to
/// whoever may create contacts. One click makes the sender a contact and logs their mail on its timeline.
/// </summary>
internal sealed class UnknownSenders(
    IDbContextFactory<AppDbContext> dbFactory, ContactService contacts, ContactQueries contactQueries, InboundEmailTimeline timeline)
{
    private const int Shown = 100;

    public async Task<IReadOnlyList<UnknownSenderEmailDto>> ListAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.ContactsCreate))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Visible(db, access).OrderByDescending(x => x.Email.SentAt).Take(Shown).ToListAsync(cancellationToken);
        return [.. rows.Select(x => new UnknownSenderEmailDto(
            x.Email.Id, x.Email.From, x.Email.FromAddress, x.Email.Subject, x.Email.Text is { } text ? text[..Math.Min(200, text.Length)] : null, x.Email.SentAt, x.Owner != null))];
    }

    /// <summary>Makes the sender of this mail a contact (or finds the one that has their address now) and logs all their unmatched mail the caller sees.</summary>
    public async Task<OperationResult<ContactDto>> MakeContactAsync(AccessContext access, Guid emailId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.ContactsCreate))
        {
            return OperationResult<ContactDto>.Forbidden("Your role cannot create contacts.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var picked = await Visible(db, access).SingleOrDefaultAsync(x => x.Email.Id == emailId, cancellationToken);
        if (picked is null)
        {
            return OperationResult<ContactDto>.NotFound();
        }

        var address = picked.Email.FromAddress;
        var contactId = await contactQueries.FindIdByEmailAsync(access, P.ContactsRead, address, cancellationToken);
        if (contactId is null)
        {
            var (first, last) = NameOf(picked.Email.From);
            var created = await contacts.CreateAsync(access, new ContactInput { FirstName = first, LastName = last, Email = address, LeadSource = "Email" }, cancellationToken);
            if (created.Value is null)
            {
                return created;
            }

            contactId = created.Value.Id;
        }

        foreach (var row in await Visible(db, access).Where(x => x.Email.FromAddress == address).ToListAsync(cancellationToken))
        {
            var activity = await timeline.LogAsync(row.Email, row.Owner, contactId.Value, null, cancellationToken);
            await db.Set<InboundEmail>().Where(e => e.Id == row.Email.Id).ExecuteUpdateAsync(set => set
                .SetProperty(e => e.ContactId, contactId).SetProperty(e => e.ActivityId, activity)
                .SetProperty(e => e.Note, "Logged on the timeline of the contact made from its sender."), cancellationToken);
        }

        return await contacts.GetAsync(access, contactId.Value, cancellationToken);
    }

    private static IQueryable<UnmatchedRow> Visible(AppDbContext db, AccessContext access)
    {
        var me = access.UserId;
        return db.Set<InboundEmail>().AsNoTracking()
            .Where(e => e.ContactId == null && e.TicketId == null && !e.IsAutomatic && e.HandledAt != null && e.FromAddress != "")
            .Join(db.Set<Mailbox>().Where(m => !m.IsSupport && (m.OwnerUserId == null || m.OwnerUserId == me)), e => e.MailboxId, m => m.Id,
                (e, m) => new UnmatchedRow { Email = e, Owner = m.OwnerUserId });
    }

    private static (string First, string Last) NameOf(string from)
    {
        var name = MailboxAddress.TryParse(from, out var parsed) ? parsed.Name?.Trim() ?? "" : "";
        var parts = name.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (parts.Length > 0 ? parts[0][..Math.Min(100, parts[0].Length)] : "", parts.Length > 1 ? parts[1][..Math.Min(100, parts[1].Length)] : "");
    }

    private sealed class UnmatchedRow
    {
        public required InboundEmail Email { get; init; }

        public Guid? Owner { get; init; }
    }
}
