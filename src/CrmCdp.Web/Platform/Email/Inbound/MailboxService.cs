using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;

namespace CrmCdp.Web.Platform.Email.Inbound;

/// <summary>The mailboxes CrmCdp reads (admin only); passwords are encrypted with data protection and never shown.</summary>
internal sealed class MailboxService(
    IDbContextFactory<AppDbContext> dbFactory, IDataProtectionProvider dataProtection, IValidator<MailboxInput> validator, AuditLog audit,
    MailboxListening listening, TimeProvider timeProvider)
{
    private const string ProtectorPurpose = "CrmCdp.Email.MailboxPassword";
    private const string Refused = "Your role cannot set up mailboxes.";

    public async Task<IReadOnlyList<MailboxDto>> ListAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.EmailManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return [.. (await db.Set<Mailbox>().AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken))
            .Select(m => MailboxDto.Of(m) with { Listening = listening.IsListening(m.Id) })];
    }

    public async Task<OperationResult<MailboxDto>> SaveAsync(AccessContext access, Guid? id, MailboxInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.EmailManage))
        {
            return OperationResult<MailboxDto>.Forbidden(Refused);
        }

        var errors = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (input.OwnerUserId is { } owner && !await db.Users.AnyAsync(u => u.Id == owner, cancellationToken))
        {
            errors["ownerUserId"] = ["No such user."];
        }

        var mailbox = id is { } existing
            ? await db.Set<Mailbox>().SingleOrDefaultAsync(m => m.Id == existing, cancellationToken)
            : new Mailbox { Id = Guid.CreateVersion7(), CreatedAt = timeProvider.GetUtcNow() };
        if (mailbox is null)
        {
            return OperationResult<MailboxDto>.NotFound();
        }

        if (errors.Count > 0)
        {
            return OperationResult<MailboxDto>.Invalid(errors);
        }

        if (id is null)
        {
            db.Add(mailbox);
        }

        var moved = mailbox.Host != input.Host!.Trim() || mailbox.User != input.User!.Trim() || mailbox.Folder != (input.Folder?.Trim() is { Length: > 0 } f ? f : "INBOX");
        (mailbox.Name, mailbox.Host, mailbox.Port, mailbox.TlsMode, mailbox.User) = (input.Name!.Trim(), input.Host.Trim(), input.Port!.Value, input.TlsMode ?? SmtpTlsMode.Auto, input.User!.Trim());
        mailbox.Folder = input.Folder?.Trim() is { Length: > 0 } folder ? folder : "INBOX";
        mailbox.ProtectedPassword = input.Password switch
        {
            null => mailbox.ProtectedPassword,
            "" => null,
            var password => dataProtection.CreateProtector(ProtectorPurpose).Protect(password),
        };
        (mailbox.OwnerUserId, mailbox.IsSupport, mailbox.Enabled) = (input.OwnerUserId, input.IsSupport ?? false, input.Enabled ?? true);
        if (moved)
        {
            // Another server or folder: its message numbers mean nothing here, so read it from the start (Message-IDs stop repeats).
            (mailbox.UidValidity, mailbox.LastUid) = (0, 0);
        }

        var entry = AuditActor.For(access, AuditActions.EmailSettingsChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("mailbox", mailbox.Id.ToString(), $"Mailbox {mailbox.Name}: {mailbox.User} at {mailbox.Host}:{mailbox.Port}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        listening.MailboxesChanged();
        return OperationResult<MailboxDto>.Ok(MailboxDto.Of(mailbox));
    }

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.EmailManage))
        {
            return OperationResult<bool>.Forbidden(Refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deleted = await db.Set<Mailbox>().Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken);
        listening.MailboxesChanged();
        return deleted == 0 ? OperationResult<bool>.NotFound() : OperationResult<bool>.Ok(true);
    }

    /// <summary>The mailbox's password in clear, for the fetcher only.</summary>
    [SystemAccess("The fetcher signs in to the mailbox an admin set up.")]
    public string? PasswordOf(Mailbox mailbox) =>
        mailbox.ProtectedPassword is null ? null : dataProtection.CreateProtector(ProtectorPurpose).Unprotect(mailbox.ProtectedPassword);
}
