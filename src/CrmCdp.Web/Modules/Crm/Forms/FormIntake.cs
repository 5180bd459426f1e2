using CrmCdp.Web.Platform.ContactPoints;
using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>What became of a public submission.</summary>
internal sealed record IntakeOutcome(IntakeResult Result, WebForm? Form = null, Guid? SubmissionId = null, IReadOnlyDictionary<string, string[]>? Errors = null);

internal enum IntakeResult
{
    UnknownForm,
    Invalid,

    /// <summary>Stored: accepted, or held as spam (the sender is answered the same either way, so a bot learns nothing).</summary>
    Received,
}

/// <summary>
/// Takes a public submission: the form's own rules first (a 400 naming the field), then spam defence (honeypot, fill
/// time, submissions per address in the last hour; what looks like spam is kept for review), then stores it and makes
/// what it asks for.
/// </summary>
[SystemAccess("The public submission endpoint: anyone may post a form; the processor acts as the web-forms actor.")]
internal sealed class FormIntake(
    IDbContextFactory<AppDbContext> dbFactory, FormFillTokens tokens, FormSubmissionProcessor processor, IOptionsMonitor<FormOptions> options, TimeProvider timeProvider,
    ILogger<FormIntake> logger)
{
    public const int MaxValueLength = 4000;
    public const string AnonymousIdField = "anonymousId";
    public const string ConsentPrefix = "consent_";

    /// <summary>The form a public URL names, when it exists and is open.</summary>
    public async Task<WebForm?> OpenFormAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return key.Length > 40 ? null : await db.Set<WebForm>().AsNoTracking().SingleOrDefaultAsync(f => f.Key == key && f.Enabled, cancellationToken);
    }

    /// <param name="browserForm">A form post from a page (the hosted page or the embed script); it must carry the fill token.</param>
    public async Task<IntakeOutcome> SubmitAsync(
        string key, IReadOnlyDictionary<string, string> posted, string? clientAddress, bool browserForm, CancellationToken cancellationToken = default)
    {
        if (await OpenFormAsync(key, cancellationToken) is not { } form)
        {
            return new(IntakeResult.UnknownForm);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var submission = new FormSubmission
        {
            Id = Guid.CreateVersion7(),
            FormId = form.Id,
            ReceivedAt = now,
            Values = form.Fields.Where(f => posted.ContainsKey(f.Name)).ToDictionary(f => f.Name, f => Clip(posted[f.Name], MaxValueLength)),
            Consents = [.. form.Consents.Select(c => new SubmittedConsent { Category = c.Category, Version = c.Version, Granted = IsYes(posted.GetValueOrDefault(ConsentPrefix + c.Category)) })],
            AnonymousId = posted.GetValueOrDefault(AnonymousIdField) is { Length: > 0 } anonymous ? Clip(anonymous.Trim(), 200) : null,
            ClientAddress = clientAddress is null ? null : Clip(clientAddress, 64),
        };
        var email = form.Fields.FirstOrDefault(f => f.MapsTo == FormMappings.Email) is { } emailField ? submission.Values.GetValueOrDefault(emailField.Name) : null;
        submission.Email = ContactPointNormalizer.NormalizeEmail(email);
        if (Problems(form, submission, posted, email) is { Count: > 0 } problems)
        {
            return new(IntakeResult.Invalid, form, Errors: problems);
        }

        submission.SpamReason = await SpamReasonAsync(db, form, posted, clientAddress, browserForm, now, cancellationToken);

        submission.Status = submission.SpamReason is null ? SubmissionStatus.Received : SubmissionStatus.Spam;
        submission.Email ??= email is null ? null : Clip(email.Trim(), 320);
        db.Add(submission);
        await db.SaveChangesAsync(cancellationToken);
        if (submission.Status == SubmissionStatus.Received)
        {
            try
            {
                await processor.ProcessAsync(submission.Id, CancellationToken.None);
            }
#pragma warning disable CA1031 // The submission is stored: the sender is answered, and the sweep finishes what failed here.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                FormSweepJob.LogUnfinished(logger, ex, submission.Id);
            }
        }

        return new(IntakeResult.Received, form, submission.Id);
    }

    private async Task<string?> SpamReasonAsync(
        AppDbContext db, WebForm form, IReadOnlyDictionary<string, string> posted, string? clientAddress, bool browserForm, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limits = options.CurrentValue;
        if (!string.IsNullOrEmpty(posted.GetValueOrDefault(FormFillTokens.HoneypotName)))
        {
            return "The hidden honeypot field was filled in.";
        }

        var token = posted.GetValueOrDefault(FormFillTokens.FieldName);
        if (browserForm || token is not null)
        {
            if (tokens.Elapsed(form.Key, token) is not { } elapsed)
            {
                return "Posted without the token the form carries (not sent from the form).";
            }

            if (elapsed < TimeSpan.FromSeconds(limits.MinFillSeconds))
            {
                return $"Filled in {elapsed.TotalSeconds:0.0} s after the form was shown (people take at least {limits.MinFillSeconds} s).";
            }
        }

        if (clientAddress is not null)
        {
            var since = now.AddHours(-1);
            var recent = await db.Set<FormSubmission>().CountAsync(s => s.ClientAddress == clientAddress && s.ReceivedAt > since, cancellationToken);
            if (recent >= limits.MaxPerAddressPerHour)
            {
                return $"More than {limits.MaxPerAddressPerHour} submissions from {clientAddress} within an hour.";
            }
        }

        return null;
    }

    private static Dictionary<string, string[]> Problems(WebForm form, FormSubmission submission, IReadOnlyDictionary<string, string> posted, string? email)
    {
        var errors = new Dictionary<string, string[]>();
        // A NUL character cannot be stored (PostgreSQL text and jsonb refuse it), whichever way the form was posted.
        foreach (var (name, _) in posted.Where(p => p.Value.Contains('\0', StringComparison.Ordinal)))
        {
            errors[name] = ["The text holds a NUL character (\\u0000), which cannot be stored."];
        }

        foreach (var field in form.Fields)
        {
            var value = submission.Values.GetValueOrDefault(field.Name);
            if (field.Required && string.IsNullOrWhiteSpace(value))
            {
                errors[field.Name] = [$"{field.Label} is required."];
            }
            else if (posted.GetValueOrDefault(field.Name) is { Length: > MaxValueLength })
            {
                errors[field.Name] = [$"{field.Label} can be at most {MaxValueLength:N0} characters."];
            }
        }

        if (!string.IsNullOrWhiteSpace(email) && submission.Email is null)
        {
            errors[form.Fields.First(f => f.MapsTo == FormMappings.Email).Name] = [$"'{Clip(email, 100)}' is not an email address we can write to."];
        }

        return errors;
    }

    public static bool IsYes(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase)
            || value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
