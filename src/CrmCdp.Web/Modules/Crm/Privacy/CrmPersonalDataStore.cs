using System.Text.Json;
using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Modules.Crm.Timeline;
using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.ContactPoints;
using CrmCdp.Web.Platform.Email;
using CrmCdp.Web.Platform.Email.Inbound;
using CrmCdp.Web.Platform.Notifications;
using CrmCdp.Web.Platform.Privacy;

namespace CrmCdp.Web.Modules.Crm.Privacy;

/// <summary>
/// The CRM's personal data about a person: the contacts holding their email or phone (deleted ones too),
/// with their activities, tasks and history. Erasure anonymises the contacts instead of deleting them,
/// so counts, owners, stages and companies still add up in reports.
/// </summary>
internal sealed class CrmPersonalDataStore(ContactPointNormalizer normalizer, TimeProvider timeProvider) : IPersonalDataStore
{
    private const string Erased = PersonalDataScrubber.Replacement;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Source => "crm";

    public async Task<PersonalData> FindAsync(AppDbContext db, PersonIdentifier person, CancellationToken cancellationToken)
    {
        var contacts = await MatchingAsync(db, person, cancellationToken);
        var ids = contacts.Select(c => c.Id).ToList();
        var activities = await db.Set<Activity>().IgnoreQueryFilters().Where(a => a.ContactId != null && ids.Contains(a.ContactId.Value)).AsNoTracking().ToListAsync(cancellationToken);
        var tasks = await db.Set<CrmTask>().IgnoreQueryFilters().Where(t => t.ContactId != null && ids.Contains(t.ContactId.Value)).AsNoTracking().ToListAsync(cancellationToken);
        var changes = await db.Set<RecordChange>().Where(c => c.RecordType == CrmRecordType.Contact && ids.Contains(c.RecordId)).AsNoTracking().ToListAsync(cancellationToken);
        var tickets = await db.Set<Tickets.Ticket>().IgnoreQueryFilters().Where(t => t.ContactId != null && ids.Contains(t.ContactId.Value)).AsNoTracking().ToListAsync(cancellationToken);
        var ticketIds = tickets.Select(t => t.Id).ToList();
        var replies = await db.Set<Tickets.TicketReply>().Where(r => ticketIds.Contains(r.TicketId) && !r.IsInternal).AsNoTracking().ToListAsync(cancellationToken);
        var sent = await db.Set<OutboundEmail>().Where(e => e.ContactId != null && ids.Contains(e.ContactId.Value)).AsNoTracking()
            .Select(e => new { e.To, e.Subject, e.Text, e.CreatedAt, e.SentAt }).ToListAsync(cancellationToken);
        var received = await db.Set<InboundEmail>().Where(e => e.ContactId != null && ids.Contains(e.ContactId.Value)).AsNoTracking()
            .Select(e => new { e.From, e.Subject, e.Text, e.SentAt }).ToListAsync(cancellationToken);
        var email = person.Kind == PersonIdentifierKind.Email ? ContactPointNormalizer.NormalizeEmail(person.Value) : null;
        var submissions = await db.Set<Forms.FormSubmission>().Where(s => (s.ContactId != null && ids.Contains(s.ContactId.Value)) || (email != null && s.Email == email))
            .AsNoTracking().OrderBy(s => s.ReceivedAt).ToListAsync(cancellationToken);
        var data = new JsonObject
        {
            ["formSubmissions"] = JsonSerializer.SerializeToNode(submissions.Select(s => new { s.FormId, s.Values, s.Consents, s.ReceivedAt, s.ClientAddress }), Json),
            ["emailsSent"] = JsonSerializer.SerializeToNode(sent, Json),
            ["emailsReceived"] = JsonSerializer.SerializeToNode(received, Json),
            ["contacts"] = JsonSerializer.SerializeToNode(contacts.Select(c => new
            {
                c.Id,
                c.FirstName,
                c.LastName,
                c.Emails,
                c.Phones,
                c.JobTitle,
                Company = c.Company?.Name,
                LifecycleStage = CrmEnumNames.Wire(c.LifecycleStage),
                c.LeadSource,
                c.Tags,
                c.EmailConsent,
                c.SmsConsent,
                CustomFields = JsonNode.Parse(c.CustomFieldsJson),
                c.CreatedAt,
                c.UpdatedAt,
                c.DeletedAt,
            }), Json),
            ["activities"] = JsonSerializer.SerializeToNode(activities.Select(a => new
            {
                a.Id,
                a.ContactId,
                Type = CrmEnumNames.Wire(a.Type),
                a.Subject,
                a.Body,
                a.OccurredAt,
                a.DurationMinutes,
                a.Attendees,
            }), Json),
            ["tasks"] = JsonSerializer.SerializeToNode(tasks.Select(t => new { t.Id, t.ContactId, t.Title, t.DueAt, Status = CrmEnumNames.Wire(t.Status), t.Notes }), Json),
            ["history"] = JsonSerializer.SerializeToNode(changes.Select(c => new { c.RecordId, c.Field, c.OldValue, c.NewValue, c.ChangedAt }), Json),
            ["tickets"] = JsonSerializer.SerializeToNode(tickets.Select(t => new
            {
                t.Id,
                t.Number,
                t.Subject,
                t.Description,
                Status = CrmEnumNames.Wire(t.Status),
                t.CreatedAt,
                t.SolvedAt,
                Replies = replies.Where(r => r.TicketId == t.Id).OrderBy(r => r.CreatedAt).Select(r => new { r.Body, r.CreatedAt }),
            }), Json),
        };
        var values = contacts.SelectMany(c => c.Emails.Concat(c.Phones).Append(c.FullName)).Append(person.Value.Trim()).ToList();
        return new PersonalData(Source, data, values, contacts.Count);
    }

    public async Task<int> AnonymizeAsync(AppDbContext db, PersonIdentifier person, CancellationToken cancellationToken)
    {
        var ids = (await MatchingAsync(db, person, cancellationToken)).Select(c => c.Id).ToList();
        var email = person.Kind == PersonIdentifierKind.Email ? ContactPointNormalizer.NormalizeEmail(person.Value) : null;
        // What the person typed into forms goes entirely (spam held under their address included).
        await db.Set<Forms.FormSubmission>().Where(s => (s.ContactId != null && ids.Contains(s.ContactId.Value)) || (email != null && s.Email == email))
            .ExecuteDeleteAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        var now = timeProvider.GetUtcNow();
        var links = ids.Select(id => $"/crm/contacts/{id}").ToList();
        await db.Set<Contact>().IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.FirstName, "Erased")
            .SetProperty(c => c.LastName, "contact")
            .SetProperty(c => c.Emails, new List<string>())
            .SetProperty(c => c.Phones, new List<string>())
            .SetProperty(c => c.JobTitle, (string?)null)
            .SetProperty(c => c.LeadSource, (string?)null)
            .SetProperty(c => c.Tags, new List<string>())
            .SetProperty(c => c.CustomFieldsJson, "{}")
            .SetProperty(c => c.EmailConsent, false)
            .SetProperty(c => c.SmsConsent, false)
            .SetProperty(c => c.SearchText, "erased contact")
            .SetProperty(c => c.UpdatedAt, now), cancellationToken);
        await db.Set<Activity>().IgnoreQueryFilters().Where(a => a.ContactId != null && ids.Contains(a.ContactId.Value)).ExecuteUpdateAsync(set => set
            .SetProperty(a => a.Subject, a => a.Subject == null ? null : Erased)
            .SetProperty(a => a.Body, Erased)
            .SetProperty(a => a.Attendees, new List<string>()), cancellationToken);
        await db.Set<CrmTask>().IgnoreQueryFilters().Where(t => t.ContactId != null && ids.Contains(t.ContactId.Value)).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.Title, "Task (details erased)")
            .SetProperty(t => t.Notes, (string?)null), cancellationToken);
        await db.Set<RecordChange>().Where(c => c.RecordType == CrmRecordType.Contact && ids.Contains(c.RecordId)).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.OldValue, c => c.OldValue == null ? null : Erased)
            .SetProperty(c => c.NewValue, c => c.NewValue == null ? null : Erased), cancellationToken);
        var ticketIds = db.Set<Tickets.Ticket>().IgnoreQueryFilters().Where(t => t.ContactId != null && ids.Contains(t.ContactId.Value)).Select(t => t.Id);
        await db.Set<Tickets.TicketReply>().Where(r => ticketIds.Contains(r.TicketId)).ExecuteUpdateAsync(set => set.SetProperty(r => r.Body, Erased), cancellationToken);
        await db.Set<Tickets.Ticket>().IgnoreQueryFilters().Where(t => t.ContactId != null && ids.Contains(t.ContactId.Value)).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.Subject, "Ticket (details erased)")
            .SetProperty(t => t.Description, Erased), cancellationToken);
        // Emails to and from the person: their words are erased, and nothing still queued goes out to them.
        await db.Set<OutboundEmail>().Where(e => e.ContactId != null && ids.Contains(e.ContactId.Value)).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.To, Erased).SetProperty(e => e.Cc, (string?)null).SetProperty(e => e.Bcc, (string?)null)
            .SetProperty(e => e.Subject, Erased).SetProperty(e => e.Html, (string?)null).SetProperty(e => e.Text, Erased)
            .SetProperty(e => e.Status, e => e.Status == EmailStatus.Queued ? EmailStatus.Failed : e.Status)
            .SetProperty(e => e.LastResponse, e => e.Status == EmailStatus.Queued ? "Not sent: the person's data was erased." : e.LastResponse), cancellationToken);
        var theirMail = db.Set<InboundEmail>().Where(e => e.ContactId != null && ids.Contains(e.ContactId.Value)).Select(e => e.Id);
        await db.Set<InboundAttachment>().Where(a => theirMail.Contains(a.InboundEmailId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<InboundEmail>().Where(e => e.ContactId != null && ids.Contains(e.ContactId.Value)).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.From, Erased).SetProperty(e => e.FromAddress, Erased).SetProperty(e => e.To, Erased).SetProperty(e => e.Cc, (string?)null)
            .SetProperty(e => e.Subject, Erased).SetProperty(e => e.Html, (string?)null).SetProperty(e => e.Text, Erased), cancellationToken);
        var recordIds = ids.Select(id => id.ToString()).ToList();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL crmcdp.audit_redaction = 'on'", cancellationToken);
        await db.Set<AuditEntry>().Where(e => e.RecordId != null && recordIds.Contains(e.RecordId)).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Before, e => e.Before == null ? null : Erased)
            .SetProperty(e => e.After, e => e.After == null ? null : Erased), cancellationToken);
        await db.Set<Notification>().Where(n => n.Link != null && links.Contains(n.Link)).ExecuteUpdateAsync(set => set
            .SetProperty(n => n.Title, "Reminder (details erased)")
            .SetProperty(n => n.Body, (string?)null), cancellationToken);
        return ids.Count;
    }

    private async Task<List<Contact>> MatchingAsync(AppDbContext db, PersonIdentifier person, CancellationToken cancellationToken)
    {
        var query = db.Set<Contact>().IgnoreQueryFilters().Include(c => c.Company).AsNoTracking();
        switch (person.Kind)
        {
            case PersonIdentifierKind.Email when ContactPointNormalizer.NormalizeEmail(person.Value) is { } email:
                return await query.Where(c => c.Emails.Contains(email)).ToListAsync(cancellationToken);
            case PersonIdentifierKind.Phone when normalizer.NormalizePhone(person.Value) is { } phone:
                return await query.Where(c => c.Phones.Contains(phone)).ToListAsync(cancellationToken);
            default:
                return [];
        }
    }
}
