using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.CustomFields;
using CrmCdp.Web.Modules.Crm.Tickets;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>
/// Turns a stored submission into what it asks for: the contact found by email (or a new one) with the mapped fields
/// and consents, a ticket for a contact-us form, the next team member's turn, a note on the timeline, and the
/// identify and "Form Submitted" events in the CDP. Each step is recorded on the submission, so the sweep can finish
/// one that a crash interrupted.
/// </summary>
[SystemAccess("Public form submissions arrive with nobody signed in; the web-forms actor names exactly what they may do.")]
internal sealed class FormSubmissionProcessor(
    IDbContextFactory<AppDbContext> dbFactory, ContactService contacts, ContactQueries contactQueries, CompanyByName companies, CustomFieldService customFields,
    TicketService tickets, FormTimelineNote timelineNote, FormEvents events, TimeProvider timeProvider)
{
    /// <summary>The system actor of public forms.</summary>
    public static AccessContext Actor { get; } = AccessContext.System(
        "Web forms", P.ContactsRead, P.ContactsCreate, P.ContactsEdit, P.CompaniesRead, P.CompaniesCreate, P.TicketsCreate, P.TicketsRead,
        P.ActivitiesCreate, Platform.Auth.Permissions.Privacy.PiiView);

    public async Task ProcessAsync(Guid submissionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var submission = await db.Set<FormSubmission>().SingleOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        var form = submission is null ? null : await db.Set<WebForm>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == submission.FormId, cancellationToken);
        if (submission is null || form is null)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        // The request and the sweep may both reach a submission: the one that claims it makes its records (a claim older
        // than a minute is a crashed one and may be taken over).
        if (submission.Status == SubmissionStatus.Received && await db.Set<FormSubmission>()
                .Where(s => s.Id == submissionId && s.Status == SubmissionStatus.Received && (s.ProcessedAt == null || s.ProcessedAt < now.AddMinutes(-1)))
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.ProcessedAt, now), cancellationToken) == 1)
        {
            await MakeRecordsAsync(form, submission, cancellationToken);
            submission.ProcessedAt = timeProvider.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        if (submission.Status == SubmissionStatus.Processed && submission.EventsSentAt is null && await events.SendAsync(form, submission, cancellationToken))
        {
            submission.EventsSentAt = timeProvider.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task MakeRecordsAsync(WebForm form, FormSubmission submission, CancellationToken cancellationToken)
    {
        var values = submission.Values;
        var assignee = form.AssignTeamId is { } team ? await NextAssigneeAsync(form.Id, team, cancellationToken) : null;
        var saved = await SaveContactAsync(form, submission, values, assignee, cancellationToken);
        if (saved.Value is not { } contact)
        {
            (submission.Status, submission.Note) = (SubmissionStatus.Failed, Clip($"No contact could be saved: {Problem(saved)}", 1000));
            return;
        }

        (submission.ContactId, submission.AssignedUserId, submission.Status) = (contact.Id, assignee, SubmissionStatus.Processed);
        if (form.CreatesTicket)
        {
            var opened = await tickets.CreateAsync(Actor, new TicketInput
            {
                Subject = Clip($"{form.Name}: {contact.FullName}".Trim(), 300),
                Description = Clip(FormTimelineNote.Describe(form, values), 50_000),
                ContactId = contact.Id,
                Channel = "web form",
                AssigneeId = assignee,
            }, cancellationToken);
            submission.TicketId = opened.Value?.Id;
            submission.Note = Clip(opened.Value is { } ticket ? $"Opened ticket #{ticket.Number}." : $"No ticket: {Problem(opened)}", 1000);
        }

        await timelineNote.AddAsync(Actor, form, submission, contact, cancellationToken);
    }

    private async Task<OperationResult<ContactDto>> SaveContactAsync(
        WebForm form, FormSubmission submission, Dictionary<string, string> values, Guid? assignee, CancellationToken cancellationToken)
    {
        var keys = (await customFields.DefinitionsAsync(CustomFieldTarget.Contact, cancellationToken)).Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        var existingId = submission.Email is null ? null : await contactQueries.FindIdByEmailAsync(Actor, P.ContactsEdit, submission.Email, cancellationToken);
        var existing = existingId is { } id ? (await contacts.GetAsync(Actor, id, cancellationToken)).Value : null;
        var input = existing is null
            ? new ContactInput { LifecycleStage = "lead", LeadSource = Clip($"Web form: {form.Name}", 100), OwnerId = assignee }
            : ContactInput.FromExisting(existing);
        if (existing is not null && form.Fields.Any(f => FormMappings.CustomKey(f.MapsTo) is not null))
        {
            input.CustomFields = FormContactMapping.KeptCustomFields(existing, keys);
        }

        if (FormContactMapping.Apply(form, values, input, keys) is { } company)
        {
            input.CompanyId = await companies.FindOrCreateAsync(Actor, Clip(company, 200), cancellationToken) ?? input.CompanyId;
        }

        var granted = submission.Consents.Where(c => c.Granted).Select(c => c.Category).ToHashSet(StringComparer.OrdinalIgnoreCase);
        input.EmailConsent |= granted.Contains("email") || granted.Contains("marketing");
        input.SmsConsent |= granted.Contains("sms");
        return existing is null ? await contacts.CreateAsync(Actor, input, cancellationToken) : await contacts.UpdateAsync(Actor, existing.Id, input, cancellationToken);
    }

    /// <summary>The next available member of the team, in turn; the form row is locked so two submissions never get the same turn.</summary>
    private async Task<Guid?> NextAssigneeAsync(Guid formId, Guid teamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var form = await db.Set<WebForm>().FromSql($"SELECT * FROM crm_forms WHERE id = {formId} FOR UPDATE").SingleAsync(cancellationToken);
        var members = await TeamRoundRobin.AvailableMembersAsync(db, teamId, cancellationToken);
        if (members.Count == 0)
        {
            return null;
        }

        form.LastAssignedUserId = TeamRoundRobin.Next(members, form.LastAssignedUserId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return form.LastAssignedUserId;
    }

    private static string Problem<T>(OperationResult<T> result) =>
        result.Errors is { Count: > 0 } errors ? string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) : result.Message ?? "refused";

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
