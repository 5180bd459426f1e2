using System.Text;
using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Contacts;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>Logs a submission on its contact's timeline as a note with what was filled in and agreed to.</summary>
internal sealed class FormTimelineNote(CrmRecordCommands records)
{
    public async Task AddAsync(AccessContext access, WebForm form, FormSubmission submission, ContactDto contact, CancellationToken cancellationToken)
    {
        var body = Describe(form, submission.Values);
        var consents = string.Join(", ", submission.Consents.Select(c => $"{c.Category} v{c.Version}: {(c.Granted ? "agreed" : "not ticked")}"));
        body = consents.Length == 0 ? body : $"{body}\nConsent: {consents}";
        await records.CreateAsync(CrmRecordKinds.Activities, access, P.ActivitiesCreate, "Web forms cannot log activities.", (db, now) =>
            Task.FromResult<(Activity?, IReadOnlyDictionary<string, string[]>?)>((new Activity
            {
                Id = Guid.CreateVersion7(),
                Type = ActivityType.Note,
                ContactId = contact.Id,
                CompanyId = contact.CompanyId,
                Subject = form.Name.Length > 280 ? $"Form: {form.Name[..280]}" : $"Form: {form.Name}",
                Body = body.Length > 50_000 ? body[..50_000] : body,
                OccurredAt = submission.ReceivedAt,
                OwnerId = submission.AssignedUserId ?? contact.OwnerId,
                CreatedAt = now,
            }, null)), cancellationToken);
    }

    /// <summary>The submitted values as "Label: value" lines, in the form's order.</summary>
    public static string Describe(WebForm form, IReadOnlyDictionary<string, string> values)
    {
        var text = new StringBuilder();
        foreach (var field in form.Fields.Where(f => values.TryGetValue(f.Name, out var v) && !string.IsNullOrWhiteSpace(v)))
        {
            text.Append(field.Label).Append(": ").AppendLine(values[field.Name].Trim());
        }

        return text.Length == 0 ? "(no values)" : text.ToString().TrimEnd();
    }
}
