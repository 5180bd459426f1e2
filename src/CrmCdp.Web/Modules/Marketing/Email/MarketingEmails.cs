using System.Net;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Platform.Email;
using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Modules.Marketing.Email;

/// <summary>Why a marketing email was not sent to a person; counted per step and campaign.</summary>
internal static class SkipReasons
{
    public const string Suppressed = "suppressed";
    public const string NoConsent = "no_consent";
    public const string NoEmail = "no_email";
    public const string NoTemplate = "no_template";
    public const string RenderFailed = "render_failed";
    public const string FrequencyCap = "frequency_cap";
    public const string NoContact = "no_contact";
    public const string ProfileGone = "profile_gone";

    private const string Prefix = "skipped:";

    /// <summary>The outcome a step or recipient records for a skip: <c>skipped:{reason}</c>.</summary>
    public static string Outcome(string? reason) => Prefix + reason;

    /// <summary>The reason of a skip outcome; null for any other outcome.</summary>
    public static string? ReasonOf(string outcome) => outcome.StartsWith(Prefix, StringComparison.Ordinal) ? outcome[Prefix.Length..] : null;
}

/// <summary>A marketing email queued for a person, or why it was not.</summary>
internal sealed record MarketingEmailOutcome(Guid? EmailId, string? Skipped, string? Detail = null);

/// <summary>
/// Queues one marketing email for one person in the caller's unit of work, or says why not: suppressed people, people who
/// have not agreed to email (on the profile and on the linked contact) and people without an address are never sent one.
/// The template is rendered with <c>contact.*</c> (the linked contact, or the profile's traits), <c>profile.*</c> (traits),
/// <c>computed.*</c> and <c>unsubscribe.url</c>; every email carries RFC 8058 one-click unsubscribe headers and a visible link,
/// and tracks opens and clicks.
/// </summary>
[SystemAccess("Journeys and campaigns send what a marketer with the permission published.")]
internal sealed class MarketingEmails(
    ICrmContactsForMarketing contacts, EmailOutbox outbox, UnsubscribeLinks unsubscribeLinks, IOptions<MarketingOptions> options, TimeProvider timeProvider)
{
    public async Task<MarketingEmailOutcome> QueueAsync(AppDbContext db, MarketingProfile profile, Guid templateId, MarketingSendContext context, CancellationToken cancellationToken)
    {
        if (profile.Suppressed)
        {
            return new(null, SkipReasons.Suppressed);
        }

        if (string.IsNullOrWhiteSpace(profile.Email))
        {
            return new(null, SkipReasons.NoEmail);
        }

        if (!profile.EmailConsent || (profile.ContactId is { } contactId && !await contacts.EmailConsentAsync(db, contactId, cancellationToken)))
        {
            return new(null, SkipReasons.NoConsent);
        }

        if (options.Value.MaxEmailsPerPersonPerWeek is > 0 and var cap
            && await db.Set<MarketingEmailSend>().CountAsync(s => s.ProfileId == profile.Id && s.At > timeProvider.GetUtcNow().AddDays(-7), cancellationToken) >= cap)
        {
            return new(null, SkipReasons.FrequencyCap);
        }

        if (await db.Set<EmailTemplate>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken) is not { } template)
        {
            return new(null, SkipReasons.NoTemplate);
        }

        var unsubscribe = unsubscribeLinks.For(profile.Id);
        var (rendered, errors) = await RenderAsync(db, profile, template, unsubscribe, cancellationToken);
        if (rendered is null)
        {
            return new(null, SkipReasons.RenderFailed, string.Join(" ", errors.SelectMany(e => e.Value)));
        }

        var email = outbox.Add(db, new EmailDraft(EmailPurposes.Marketing, profile.Email, rendered.Subject, rendered.Html, rendered.Text)
        {
            ContactId = profile.ContactId,
            TemplateId = template.Id,
            ListUnsubscribe = unsubscribe,
            Track = true,
        });
        db.Add(new MarketingEmailSend
        {
            EmailId = email.Id,
            ProfileId = profile.Id,
            JourneyId = context.JourneyId,
            StepId = context.StepId,
            CampaignId = context.CampaignId,
            At = email.CreatedAt,
        });
        return new(email.Id, null);
    }

    /// <summary>The template rendered for the person, with the visible unsubscribe link; or the problems, per field.</summary>
    public async Task<(RenderedEmail? Email, Dictionary<string, string[]> Errors)> RenderAsync(
        AppDbContext db, MarketingProfile profile, EmailTemplate template, string unsubscribe, CancellationToken cancellationToken)
    {
        var (rendered, errors) = await EmailRenderer.RenderAsync(template.Subject, template.Html, template.Text, await ValuesAsync(db, profile, unsubscribe, cancellationToken));
        return (rendered is null ? null : rendered with { Html = WithFooter(rendered.Html, unsubscribe), Text = TextWithFooter(rendered.Text, unsubscribe) }, errors);
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>> ValuesAsync(
        AppDbContext db, MarketingProfile profile, string unsubscribe, CancellationToken cancellationToken)
    {
        var contact = profile.ContactId is { } contactId ? await contacts.MergeFieldsAsync(db, contactId, cancellationToken) : null;
        return new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal)
        {
            ["contact"] = contact ?? new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["first_name"] = profile.Traits.GetValueOrDefault("firstName") ?? profile.Traits.GetValueOrDefault("first_name"),
                ["last_name"] = profile.Traits.GetValueOrDefault("lastName") ?? profile.Traits.GetValueOrDefault("last_name"),
                ["name"] = profile.Traits.GetValueOrDefault("name"),
                ["email"] = profile.Email,
            },
            ["profile"] = new Dictionary<string, object?>(profile.Traits, StringComparer.Ordinal) { ["id"] = profile.Id.ToString(), ["email"] = profile.Email },
            ["computed"] = profile.ComputedTraits,
            ["unsubscribe"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["url"] = unsubscribe },
        };
    }

    /// <summary>The visible unsubscribe link, unless the template already shows it.</summary>
    private static string? WithFooter(string? html, string unsubscribe)
    {
        if (html is null || html.Contains(unsubscribe, StringComparison.Ordinal))
        {
            return html;
        }

        var footer = $"<p style=\"font-size:12px;color:#666\">Don't want these emails? <a href=\"{WebUtility.HtmlEncode(unsubscribe)}\">Unsubscribe</a>.</p>";
        var bodyEnd = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return bodyEnd < 0 ? html + footer : html.Insert(bodyEnd, footer);
    }

    private static string? TextWithFooter(string? text, string unsubscribe) => text is null || text.Contains(unsubscribe, StringComparison.Ordinal) ? text
        : $"{text}\n\nDon't want these emails? Unsubscribe: {unsubscribe}";
}
