using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Platform.Email;

namespace CrmCdp.Web.Modules.Marketing.Email;

internal sealed record TemplatePreview(string Subject, string? Html, string? Text);

internal sealed record TemplateTestRequest(string? To, Guid? ProfileId);

internal sealed record TemplateTestResult(Guid EmailId, string To, string Subject);

/// <summary>A template as one person would get it (the marketer's preview), and a test send of it to the marketer.</summary>
internal sealed class TemplatePreviews(
    IDbContextFactory<AppDbContext> dbFactory, ICdpProfilesForMarketing profiles, MarketingEmails emails, UnsubscribeLinks unsubscribeLinks, EmailOutbox outbox)
{
    private const string Denied = "Your role cannot preview or test marketing email.";

    public async Task<OperationResult<TemplatePreview>> PreviewAsync(AccessContext access, Guid templateId, Guid? profileId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.EmailManage))
        {
            return OperationResult<TemplatePreview>.Forbidden(Denied);
        }

        if (profileId is null)
        {
            return OperationResult<TemplatePreview>.Invalid("profileId", "Choose the profile to preview the email for (?profileId=).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await RenderAsync(db, templateId, profileId, null, cancellationToken);
    }

    /// <summary>Queues the template, rendered for a profile (or sample values), to the given address with "[Test]" before its subject.</summary>
    public async Task<OperationResult<TemplateTestResult>> TestAsync(AccessContext access, Guid templateId, TemplateTestRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.EmailManage))
        {
            return OperationResult<TemplateTestResult>.Forbidden(Denied);
        }

        if (!EmailAddresses.IsMailbox(request.To))
        {
            return OperationResult<TemplateTestResult>.Invalid("to", "Enter the address to send the test to.");
        }

        var to = request.To!.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rendered = await RenderAsync(db, templateId, request.ProfileId, to, cancellationToken);
        if (rendered.Value is not { } preview)
        {
            return rendered.As<TemplateTestResult>();
        }

        var subject = $"[Test] {preview.Subject}";
        var email = outbox.Add(db, new EmailDraft(EmailPurposes.Test, to, subject, preview.Html, preview.Text) { SentByUserId = access.UserId, TemplateId = templateId });
        await db.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return OperationResult<TemplateTestResult>.Ok(new TemplateTestResult(email.Id, to, subject));
    }

    private async Task<OperationResult<TemplatePreview>> RenderAsync(AppDbContext db, Guid templateId, Guid? profileId, string? sampleEmail, CancellationToken cancellationToken)
    {
        if (await db.Set<EmailTemplate>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken) is not { } template)
        {
            return OperationResult<TemplatePreview>.NotFound();
        }

        var profile = profileId is { } id ? await profiles.LoadAsync(db, id, cancellationToken) : Sample(sampleEmail!);
        if (profile is null)
        {
            return OperationResult<TemplatePreview>.Invalid("profileId", "There is no such profile.");
        }

        var (email, errors) = await emails.RenderAsync(db, profile, template, unsubscribeLinks.For(profile.Id), cancellationToken);
        return email is null ? OperationResult<TemplatePreview>.Invalid(errors) : OperationResult<TemplatePreview>.Ok(new TemplatePreview(email.Subject, email.Html, email.Text));
    }

    private static MarketingProfile Sample(string email) => new(
        Guid.Empty, null, null, email,
        new Dictionary<string, object?>(StringComparer.Ordinal) { ["firstName"] = "Alex", ["lastName"] = "Sample", ["name"] = "Alex Sample" },
        new Dictionary<string, object?>(StringComparer.Ordinal), EmailConsent: true, Suppressed: false);
}
