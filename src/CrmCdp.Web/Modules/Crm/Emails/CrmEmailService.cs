using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Email;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;
using MimeKit;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Emails;

/// <summary>
/// Email from the CRM: rendered for the contact, logged as an email activity (so the contact's, company's and deal's
/// timelines show it) and queued in the outbox in one transaction; read back by whoever may read the contact.
/// </summary>
internal sealed class CrmEmailService(
    IDbContextFactory<AppDbContext> dbFactory,
    IValidator<SendEmailInput> validator,
    CrmRecordCommands records,
    EmailOutbox outbox,
    EmailSettingsService settings,
    Platform.Preferences.UserPreferencesService preferences,
    AuditLog audit)
{
    /// <param name="baseUri">Where the sender uses CrmCdp (a Blazor circuit's base address), for tracking links made outside a request.</param>
    public async Task<OperationResult<EmailQueuedDto>> SendAsync(
        AccessContext access, SendEmailInput input, string? baseUri = null, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.EmailsSend))
        {
            return OperationResult<EmailQueuedDto>.Forbidden("Your role cannot email contacts.");
        }

        var invalid = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        if (invalid.Count > 0)
        {
            return OperationResult<EmailQueuedDto>.Invalid(invalid);
        }

        var sendFromUser = (await settings.ResolveAsync(cancellationToken)).Settings?.SendFromUserAddress ?? false;
        var wantsTracking = input.Track ?? (access.UserId is { } me && await preferences.TracksEmailsAsync(me, cancellationToken));
        string? trackingNote = null;
        OutboundEmail? queued = null;
        var created = await records.CreateAsync(CrmRecordKinds.Activities, access, P.EmailsSend, "Your role cannot email contacts.", async (db, now) =>
        {
            var (draft, errors) = await DraftAsync(db, access, input, sendFromUser, cancellationToken);
            if (draft is null)
            {
                return (null, errors);
            }

            (draft, trackingNote) = WithTracking(draft, wantsTracking, baseUri);

            var activity = new Activity
            {
                Id = Guid.CreateVersion7(),
                Type = ActivityType.Email,
                ContactId = input.ContactId,
                CompanyId = draft.CompanyId,
                DealId = input.DealId,
                Subject = Truncate(draft.Rendered.Subject, 300),
                Body = Truncate(draft.Rendered.Text ?? "", 50_000),
                OccurredAt = now,
                OwnerId = access.UserId,
                CreatedAt = now,
            };
            queued = outbox.Add(db, draft.Email with { ActivityId = activity.Id });
            var entry = AuditActor.For(access, AuditActions.EmailSent);
            (entry.RecordType, entry.RecordId, entry.Summary) = ("contact", input.ContactId.ToString(), $"Emailed \"{draft.Rendered.Subject}\"");
            audit.Add(db, entry);
            return (activity, null);
        }, cancellationToken);
        if (queued is null || created.Value == Guid.Empty)
        {
            return created.As<EmailQueuedDto>();
        }

        outbox.Wake();
        return OperationResult<EmailQueuedDto>.Ok(new EmailQueuedDto(queued.Id, queued.MessageId, "queued", created.Value) { Tracked = queued.Tracked, TrackingNote = trackingNote });
    }

    public async Task<IReadOnlyList<CrmEmailDto>> ListForContactAsync(AccessContext access, Guid contactId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await CrmRecordKinds.Contacts.Readable(db, access).AnyAsync(c => c.Id == contactId, cancellationToken))
        {
            return [];
        }

        var emails = await db.Set<OutboundEmail>().AsNoTracking().Where(e => e.ContactId == contactId).OrderByDescending(e => e.CreatedAt).Take(200)
            .ToListAsync(cancellationToken);
        return [.. emails.Select(CrmEmailDto.Of)];
    }

    public async Task<OperationResult<CrmEmailDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var email = await db.Set<OutboundEmail>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.ContactId != null, cancellationToken);
        var visible = email is not null && (email.SentByUserId == access.UserId
            || await CrmRecordKinds.Contacts.Readable(db, access).AnyAsync(c => c.Id == email.ContactId, cancellationToken));
        return visible ? OperationResult<CrmEmailDto>.Ok(CrmEmailDto.Of(email!)) : OperationResult<CrmEmailDto>.NotFound();
    }

    /// <summary>The email, addressed and rendered for the contact, or the field errors that stop it.</summary>
    private static async Task<(ComposedEmail? Draft, IReadOnlyDictionary<string, string[]>? Errors)> DraftAsync(
        AppDbContext db, AccessContext access, SendEmailInput input, bool sendFromUser, CancellationToken cancellationToken)
    {
        var contact = await CrmRecordKinds.Contacts.Readable(db, access).AsNoTracking().SingleOrDefaultAsync(c => c.Id == input.ContactId, cancellationToken);
        if (contact is null)
        {
            return (null, Error("contactId", "No such contact, or it is not visible to you."));
        }

        if (contact.Emails.FirstOrDefault(EmailAddresses.IsMailbox) is not { } address)
        {
            return (null, Error("contactId", $"{contact.FirstName} {contact.LastName} has no email address; add one to the contact first.".Trim()));
        }

        if (input.DealId is { } dealId && !await CrmRecordKinds.Deals.Readable(db, access).AnyAsync(d => d.Id == dealId, cancellationToken))
        {
            return (null, Error("dealId", "No such deal, or it is not visible to you."));
        }

        var template = input.TemplateId is { } templateId ? await db.Set<EmailTemplate>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken) : null;
        if (input.TemplateId is not null && template is null)
        {
            return (null, Error("templateId", "No such template."));
        }

        var sender = await db.Users.AsNoTracking().Where(u => u.Id == access.UserId).Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(cancellationToken);
        var senderName = sender?.DisplayName ?? access.ActorName ?? "CrmCdp";
        var senderEmail = sender?.Email ?? "";
        var companyName = contact.CompanyId is { } companyId
            ? await db.Set<Companies.Company>().Where(c => c.Id == companyId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        var values = EmailVariables.For(contact, companyName, senderName, senderEmail);
        var hasOwnBody = !string.IsNullOrWhiteSpace(input.Html) || !string.IsNullOrWhiteSpace(input.Text);
        var (rendered, errors) = await EmailRenderer.RenderAsync(
            string.IsNullOrWhiteSpace(input.Subject) ? template?.Subject : input.Subject,
            hasOwnBody ? input.Html : template?.Html,
            hasOwnBody ? input.Text : template?.Text,
            values);
        if (rendered is null)
        {
            return (null, errors);
        }

        var userAddress = EmailAddresses.IsMailbox(senderEmail) ? new MailboxAddress(senderName, senderEmail).ToString() : null;
        var email = new EmailDraft(EmailPurposes.Crm, new MailboxAddress($"{contact.FirstName} {contact.LastName}".Trim(), address).ToString(),
            rendered.Subject, rendered.Html, rendered.Text)
        {
            Cc = input.Cc,
            Bcc = input.Bcc,
            SentByUserId = access.UserId,
            ContactId = contact.Id,
            TemplateId = template?.Id,
            From = sendFromUser ? userAddress : null,
            SenderName = senderName,
            ReplyTo = userAddress,
        };
        return (new ComposedEmail(email, rendered, contact.CompanyId, contact.EmailConsent), null);
    }

    /// <summary>Tracking as asked, where the contact agreed to email and there is HTML to carry it; otherwise why not.</summary>
    private static (ComposedEmail Draft, string? Note) WithTracking(ComposedEmail draft, bool wanted, string? baseUri) => (wanted, draft) switch
    {
        (false, _) => (draft, null),
        (_, { Consented: false }) => (draft, "Not tracked: the contact has not agreed to email."),
        (_, { Email: { Html: null, Text: null } }) => (draft, "Not tracked: the email has no message."),
        // A plain-text email is tracked through an HTML version of itself (links made clickable), sent alongside the text.
        _ => (draft with { Email = draft.Email with { Html = draft.Email.Html ?? new MimeKit.Text.TextToHtml().Convert(draft.Email.Text!), Track = true, LinkBase = baseUri } }, null),
    };

    private static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private sealed record ComposedEmail(EmailDraft Email, RenderedEmail Rendered, Guid? CompanyId, bool Consented);
}
