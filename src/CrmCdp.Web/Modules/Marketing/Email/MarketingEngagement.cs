using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Platform.Email.Tracking;

namespace CrmCdp.Web.Modules.Marketing.Email;

/// <summary>
/// Turns the opens and clicks of marketing email into <c>Email Opened</c> and <c>Email Link Clicked</c> events on the
/// person's profile (built-in source "Marketing email"), with the journey, step or campaign and the link, so segments,
/// journeys and analytics use them like any other event.
/// </summary>
[SystemAccess("A recipient's engagement with an email sent to them, proven by the tracking token.")]
internal sealed class MarketingEngagement(IDbContextFactory<AppDbContext> dbFactory, ICdpProfilesForMarketing profiles, IProductEvents events) : IEmailEngagementObserver
{
    public const string Opened = "Email Opened";
    public const string Clicked = "Email Link Clicked";

    public Task OpenedAsync(Guid emailId, DateTimeOffset at, CancellationToken cancellationToken) => SendAsync(emailId, Opened, at, null, cancellationToken);

    public Task ClickedAsync(Guid emailId, string url, DateTimeOffset at, CancellationToken cancellationToken) => SendAsync(emailId, Clicked, at, url, cancellationToken);

    private async Task SendAsync(Guid emailId, string name, DateTimeOffset at, string? url, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<MarketingEmailSend>().AsNoTracking().SingleOrDefaultAsync(s => s.EmailId == emailId, cancellationToken) is not { } send
            || await profiles.LoadAsync(db, send.ProfileId, cancellationToken) is not { } profile)
        {
            return;
        }

        var properties = new JsonObject { ["emailId"] = emailId, ["journeyId"] = send.JourneyId, ["stepId"] = send.StepId, ["campaignId"] = send.CampaignId };
        if (url is not null)
        {
            properties["url"] = url;
        }

        var message = new JsonObject
        {
            ["type"] = "track",
            ["event"] = name,
            ["messageId"] = $"mkt-{Guid.CreateVersion7():N}",
            ["timestamp"] = at,
            ["properties"] = properties,
            ["context"] = new JsonObject { ["traits"] = new JsonObject { ["email"] = profile.Email } },
        };
        // The person's user id when they have one; otherwise an id of this email, which their address joins to them.
        if (profile.UserId is { } userId)
        {
            message["userId"] = userId;
        }
        else
        {
            message["anonymousId"] = $"email-{emailId:N}";
        }

        await events.SendAsync(ProductSource.MarketingEmail, [message], cancellationToken);
    }
}
