using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;

namespace CrmCdp.Web.Platform.Email;

/// <summary>Email templates: written by those who manage them, read by everyone who may send email.</summary>
internal sealed class EmailTemplateService(
    IDbContextFactory<AppDbContext> dbFactory, IValidator<EmailTemplateInput> validator, AuditLog audit, TimeProvider timeProvider)
{
    private const string Refused = "Your role cannot write email templates.";

    public static bool MayRead(AccessContext access) =>
        access.Has(Permissions.Admin.EmailTemplatesManage) || access.Has(Permissions.Crm.EmailsSend) || access.Has(Permissions.Admin.EmailManage);

    public async Task<OperationResult<IReadOnlyList<EmailTemplateDto>>> ListAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!MayRead(access))
        {
            return OperationResult<IReadOnlyList<EmailTemplateDto>>.Forbidden("Your role cannot read email templates.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var templates = await db.Set<EmailTemplate>().AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return OperationResult<IReadOnlyList<EmailTemplateDto>>.Ok([.. templates.Select(EmailTemplateDto.From)]);
    }

    public async Task<OperationResult<EmailTemplateDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!MayRead(access))
        {
            return OperationResult<EmailTemplateDto>.Forbidden("Your role cannot read email templates.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await db.Set<EmailTemplate>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return template is null ? OperationResult<EmailTemplateDto>.NotFound() : OperationResult<EmailTemplateDto>.Ok(EmailTemplateDto.From(template));
    }

    public async Task<OperationResult<EmailTemplateDto>> SaveAsync(AccessContext access, Guid? id, EmailTemplateInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.EmailTemplatesManage))
        {
            return OperationResult<EmailTemplateDto>.Forbidden(Refused);
        }

        var errors = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var template = id is { } existing
            ? await db.Set<EmailTemplate>().SingleOrDefaultAsync(t => t.Id == existing, cancellationToken)
            : new EmailTemplate { Id = Guid.CreateVersion7(), CreatedAt = now };
        if (template is null)
        {
            return OperationResult<EmailTemplateDto>.NotFound();
        }

        var name = input.Name?.Trim() ?? "";
        if (!errors.ContainsKey("name") && await db.Set<EmailTemplate>().AnyAsync(t => t.Name == name && t.Id != template.Id, cancellationToken))
        {
            errors["name"] = [$"A template named '{name}' already exists."];
        }

        if (errors.Count > 0)
        {
            return OperationResult<EmailTemplateDto>.Invalid(errors);
        }

        if (id is null)
        {
            db.Add(template);
        }

        (template.Name, template.Subject, template.Html, template.Text) = (name, input.Subject!.Trim(), Blank(input.Html), Blank(input.Text));
        (template.UpdatedAt, template.UpdatedByUserId) = (now, access.UserId);
        var entry = AuditActor.For(access, AuditActions.EmailTemplateChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("email-template", template.Id.ToString(), $"{(id is null ? "Created" : "Changed")} email template {name}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<EmailTemplateDto>.Ok(EmailTemplateDto.From(template));
    }

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.EmailTemplatesManage))
        {
            return OperationResult<bool>.Forbidden(Refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await db.Set<EmailTemplate>().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null)
        {
            return OperationResult<bool>.NotFound();
        }

        db.Remove(template);
        var entry = AuditActor.For(access, AuditActions.EmailTemplateChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("email-template", id.ToString(), $"Deleted email template {template.Name}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
