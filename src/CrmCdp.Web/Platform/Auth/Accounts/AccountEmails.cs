using System.Net;
using CrmCdp.Web.Platform.Email;

namespace CrmCdp.Web.Platform.Auth.Accounts;

/// <summary>The emails about a person's own account: invitation, password reset, and security notices.</summary>
internal sealed class AccountEmails(IDbContextFactory<AppDbContext> dbFactory, EmailOutbox outbox)
{
    public void Invitation(AppDbContext db, AppUser user, string inviter, string link) => Queue(db, user, EmailPurposes.Invitation,
        "You're invited to CrmCdp",
        $"{inviter} invited you to CrmCdp.",
        "Set your password to get started",
        link,
        $"The link works once and expires in {AccountTokens.InvitationLifetime.TotalDays:N0} days.");

    public void PasswordReset(AppDbContext db, AppUser user, string link) => Queue(db, user, EmailPurposes.PasswordReset,
        "Reset your CrmCdp password",
        "Someone asked to reset the password of your CrmCdp account. If it was not you, ignore this email: your password stays as it is.",
        "Choose a new password",
        link,
        $"The link works once and expires in {AccountTokens.PasswordResetLifetime.TotalMinutes:N0} minutes.");

    public void SecurityNotice(AppDbContext db, AppUser user, string what) => Queue(db, user, EmailPurposes.Security,
        $"CrmCdp security: {what}",
        $"{what} on your CrmCdp account just now. If this was you, there is nothing to do. If not, reset your password and tell your administrator.",
        null, null, null);

    /// <summary>Tells the person at once, in its own unit of work, that something changed about how they sign in.</summary>
    public async Task SendSecurityNoticeAsync(AppUser user, string what)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        SecurityNotice(db, user, what);
        await db.SaveChangesAsync();
        outbox.Wake();
    }

    private void Queue(AppDbContext db, AppUser user, string purpose, string subject, string lead, string? action, string? link, string? small)
    {
        var greeting = $"Hello {user.DisplayName},";
        var html = $"<p>{WebUtility.HtmlEncode(greeting)}</p><p>{WebUtility.HtmlEncode(lead)}</p>"
            + (link is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(action)}</a></p><p><small>{WebUtility.HtmlEncode(small)}</small></p>");
        var text = $"{greeting}\n\n{lead}\n" + (link is null ? "" : $"\n{action}: {link}\n\n{small}\n");
        outbox.Add(db, new EmailDraft(purpose, $"\"{user.DisplayName.Replace("\"", "'", StringComparison.Ordinal)}\" <{user.Email}>", subject, html, text)
        {
            SentByUserId = null,
        });
    }
}
