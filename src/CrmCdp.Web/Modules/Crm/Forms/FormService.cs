using System.Security.Cryptography;
using CrmCdp.Web.Modules.Crm.CustomFields;
using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Email;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.WebUtilities;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>Builds, lists and removes web forms (<c>crm.forms.manage</c>); every change of a consent text is a new version.</summary>
internal sealed class FormService(
    IDbContextFactory<AppDbContext> dbFactory, IValidator<FormInput> validator, CustomFieldService customFields, PublicBaseUrl publicUrl, AuditLog audit,
    TimeProvider timeProvider)
{
    private const string Refused = "Your role cannot manage forms.";

    public async Task<IReadOnlyList<FormDto>> ListAsync(AccessContext access, string? baseUri = null, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.FormsManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var forms = await db.Set<WebForm>().AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken);
        var url = publicUrl.Get(baseUri);
        return [.. forms.Select(f => FormDto.Of(f, url))];
    }

    public async Task<OperationResult<FormDto>> GetAsync(AccessContext access, Guid id, string? baseUri = null, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.FormsManage))
        {
            return OperationResult<FormDto>.Forbidden(Refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var form = await db.Set<WebForm>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        return form is null ? OperationResult<FormDto>.NotFound() : OperationResult<FormDto>.Ok(FormDto.Of(form, publicUrl.Get(baseUri)));
    }

    public async Task<OperationResult<FormDto>> SaveAsync(AccessContext access, Guid? id, FormInput input, string? baseUri = null, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.FormsManage))
        {
            return OperationResult<FormDto>.Forbidden(Refused);
        }

        var errors = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await CheckReferencesAsync(db, input, errors, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var form = id is { } existing
            ? await db.Set<WebForm>().SingleOrDefaultAsync(f => f.Id == existing, cancellationToken)
            : new WebForm { Id = Guid.CreateVersion7(), Key = NewKey(), CreatedAt = now, CreatedByUserId = access.UserId };
        if (form is null)
        {
            return OperationResult<FormDto>.NotFound();
        }

        if (errors.Count > 0)
        {
            return OperationResult<FormDto>.Invalid(errors);
        }

        if (id is null)
        {
            db.Add(form);
        }

        await ApplyAsync(db, form, input, now, cancellationToken);
        var entry = AuditActor.For(access, AuditActions.FormChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("form", form.Id.ToString(), $"Form {form.Name} {(id is null ? "created" : "changed")}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<FormDto>.Ok(FormDto.Of(form, publicUrl.Get(baseUri)));
    }

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.FormsManage))
        {
            return OperationResult<bool>.Forbidden(Refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var form = await db.Set<WebForm>().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (form is null)
        {
            return OperationResult<bool>.NotFound();
        }

        db.Remove(form);
        var entry = AuditActor.For(access, AuditActions.FormChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("form", form.Id.ToString(), $"Form {form.Name} deleted with its submissions");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    private async Task CheckReferencesAsync(AppDbContext db, FormInput input, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (input.AssignTeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, cancellationToken))
        {
            errors["assignTeamId"] = ["No such team."];
        }

        var keys = (await customFields.DefinitionsAsync(CustomFieldTarget.Contact, cancellationToken)).Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (field, index) in (input.Fields ?? []).Select((f, i) => (f, i)))
        {
            if (FormMappings.CustomKey(field?.MapsTo) is { Length: > 0 } key && !keys.Contains(key))
            {
                errors[$"fields[{index}].mapsTo"] = [$"No contact custom field has the key '{key}'."];
            }
        }
    }

    private static async Task ApplyAsync(AppDbContext db, WebForm form, FormInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        form.Name = input.Name!.Trim();
        form.Fields = [.. input.Fields!.Select(f => new WebFormField { Name = f.Name!, Label = f.Label!.Trim(), MapsTo = f.MapsTo ?? "", Required = f.Required || f.MapsTo == FormMappings.Email })];
        // Every text a box ever had is kept; a box removed and added again goes on from its last version.
        var latest = (await db.Set<WebFormConsentText>().AsNoTracking().Where(t => t.FormId == form.Id).ToListAsync(cancellationToken))
            .GroupBy(t => t.Category, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.MaxBy(t => t.Version)!, StringComparer.OrdinalIgnoreCase);
        form.Consents = [.. (input.Consents ?? []).Select(c =>
        {
            var text = c.Text!.Trim();
            var last = latest.GetValueOrDefault(c.Category!);
            if (last is not null && last.Text == text)
            {
                return new WebFormConsent { Category = last.Category, Text = text, Version = last.Version };
            }

            var version = (last?.Version ?? 0) + 1;
            var category = last?.Category ?? c.Category!;
            db.Add(new WebFormConsentText { FormId = form.Id, Category = category, Version = version, Text = text, CreatedAt = now });
            return new WebFormConsent { Category = category, Text = text, Version = version };
        })];
        (form.CreatesTicket, form.AssignTeamId, form.Enabled, form.UpdatedAt) = (input.CreatesTicket ?? false, input.AssignTeamId, input.Enabled ?? true, now);
        form.ThankYouMessage = string.IsNullOrWhiteSpace(input.ThankYouMessage) ? null : input.ThankYouMessage.Trim();
    }

    private static string NewKey() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(12));
}
