using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Platform.Email;

/// <summary>Admin → Email: the SMTP server and senders, with the password encrypted at rest; the settings in effect for sending.</summary>
internal sealed class EmailSettingsService(
    IDbContextFactory<AppDbContext> dbFactory,
    IDataProtectionProvider dataProtection,
    IOptionsMonitor<EmailOptions> options,
    IValidator<EmailSettingsInput> validator,
    EmailOutbox outbox,
    AuditLog audit,
    TimeProvider timeProvider)
{
    private const string ProtectorPurpose = "CrmCdp.Email.SmtpPassword";
    private const string Refused = "Your role cannot set up email.";

    public async Task<OperationResult<EmailSettingsDto>> GetAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.EmailManage))
        {
            return OperationResult<EmailSettingsDto>.Forbidden(Refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<EmailSettings>().AsNoTracking().SingleOrDefaultAsync(cancellationToken) is { } saved)
        {
            return OperationResult<EmailSettingsDto>.Ok(new EmailSettingsDto("settings", saved.Host, saved.Port, saved.TlsMode, saved.User,
                saved.ProtectedPassword is not null, saved.From, saved.ReplyTo, saved.SendFromUserAddress, saved.UpdatedAt));
        }

        var configured = options.CurrentValue;
        var smtp = configured.Smtp;
        return OperationResult<EmailSettingsDto>.Ok(string.IsNullOrWhiteSpace(smtp.Host)
            ? new EmailSettingsDto("none", null, null, null, null, false, configured.From, configured.ReplyTo, false, null)
            : new EmailSettingsDto("configuration", smtp.Host, smtp.Port, SmtpTlsModes.FromUseTls(smtp.UseTls, smtp.Port), smtp.User,
                !string.IsNullOrEmpty(smtp.Password), configured.From, configured.ReplyTo, false, null));
    }

    public async Task<OperationResult<EmailSettingsDto>> SaveAsync(AccessContext access, EmailSettingsInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.EmailManage))
        {
            return OperationResult<EmailSettingsDto>.Forbidden(Refused);
        }

        var errors = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        if (errors.Count > 0)
        {
            return OperationResult<EmailSettingsDto>.Invalid(errors);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var settings = await db.Set<EmailSettings>().SingleOrDefaultAsync(cancellationToken);
            if (settings is null)
            {
                settings = new EmailSettings();
                db.Add(settings);
            }

            settings.Host = input.Host!.Trim();
            settings.Port = input.Port!.Value;
            settings.TlsMode = input.TlsMode ?? SmtpTlsMode.Auto;
            settings.User = string.IsNullOrWhiteSpace(input.User) ? null : input.User.Trim();
            settings.ProtectedPassword = input.Password switch
            {
                null => settings.ProtectedPassword,
                "" => null,
                var password => Protector().Protect(password),
            };
            settings.From = input.From!.Trim();
            settings.ReplyTo = string.IsNullOrWhiteSpace(input.ReplyTo) ? null : input.ReplyTo.Trim();
            settings.SendFromUserAddress = input.SendFromUserAddress ?? false;
            (settings.UpdatedAt, settings.UpdatedByUserId) = (timeProvider.GetUtcNow(), access.UserId);
            var entry = AuditActor.For(access, AuditActions.EmailSettingsChanged);
            (entry.RecordType, entry.Summary) = ("email-settings", $"Outgoing email through {settings.Host}:{settings.Port} ({settings.TlsMode}) from {settings.From}");
            audit.Add(db, entry);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Whatever waited for a server can go now.
        outbox.Wake();
        return await GetAsync(access, cancellationToken);
    }

    /// <summary>The settings in effect, or why email cannot go out; for the outbox and for pages that warn before sending.</summary>
    [SystemAccess("Sending needs the server whoever queued the message; no setting is shown to anyone.")]
    public async Task<EmailReadiness> ResolveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<EmailSettings>().AsNoTracking().SingleOrDefaultAsync(cancellationToken) is { } saved)
        {
            return new EmailReadiness(new SmtpServerSettings(saved.Host, saved.Port, saved.TlsMode, saved.User,
                saved.ProtectedPassword is null ? null : Protector().Unprotect(saved.ProtectedPassword), saved.From, saved.ReplyTo, saved.SendFromUserAddress, "settings"), null);
        }

        var configured = options.CurrentValue;
        var smtp = configured.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return new EmailReadiness(null, EmailReadiness.NotConfigured);
        }

        if (!EmailAddresses.IsMailbox(configured.From))
        {
            return new EmailReadiness(null, "Outgoing email has an SMTP server but no sender: set Email__From (or save the settings in Admin → Email).");
        }

        return new EmailReadiness(new SmtpServerSettings(smtp.Host.Trim(), smtp.Port, SmtpTlsModes.FromUseTls(smtp.UseTls, smtp.Port), smtp.User, smtp.Password,
            configured.From!.Trim(), string.IsNullOrWhiteSpace(configured.ReplyTo) ? null : configured.ReplyTo.Trim(), false, "configuration"), null);
    }

    private IDataProtector Protector() => dataProtection.CreateProtector(ProtectorPurpose);
}
