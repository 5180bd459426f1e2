using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Email;
using Microsoft.AspNetCore.Identity;

namespace CrmCdp.Web.Platform.Auth.Accounts;

/// <summary>What following an emailed link came to: done, or why not (the link, or the password's rules).</summary>
public sealed record AccountLinkResult(bool Succeeded, string? LinkProblem, IReadOnlyList<string> PasswordProblems)
{
    public const string InvalidLink = "This link has expired or was already used.";

    public static AccountLinkResult Done { get; } = new(true, null, []);

    public static AccountLinkResult BadLink { get; } = new(false, InvalidLink, []);
}

/// <summary>
/// The anonymous account flows: asking for a password reset (the same answer whether or not the address has an
/// account, at most three emails an hour per address), choosing a new password from the link, and accepting an
/// invitation. Each link works once: setting the password changes the security stamp its token is bound to.
/// </summary>
[SystemAccess("Anonymous by nature: the person proves who they are with the emailed token.")]
internal sealed class AccountRecovery(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopes,
    AccountEmails emails,
    AccountLinks links,
    EmailOutbox outbox,
    AuditLog audit,
    TimeProvider timeProvider)
{
    public const int ResetsPerHour = 3;

    public async Task RequestPasswordResetAsync(string email, string? baseUri = null, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await manager.FindByEmailAsync(email.Trim());
        if (user is null || user.DeactivatedAt is not null)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var since = timeProvider.GetUtcNow().AddHours(-1);
        var recent = await db.Set<OutboundEmail>().CountAsync(
            e => e.Purpose == EmailPurposes.PasswordReset && e.SentByUserId == null && e.ContactId == null && e.To.Contains("<" + user.Email + ">") && e.CreatedAt > since,
            cancellationToken);
        if (recent >= ResetsPerHour)
        {
            return;
        }

        var token = await manager.GeneratePasswordResetTokenAsync(user);
        emails.PasswordReset(db, user, links.PasswordReset(user.Id, token, baseUri));
        await audit.WriteAsync(new AuditEntry { Action = AuditActions.PasswordResetRequested, UserId = user.Id, Actor = user.Email, Summary = "Asked for a password reset link" }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Wake();
    }

    public Task<bool> IsPasswordResetLinkValidAsync(Guid userId, string? token) =>
        IsValidAsync(userId, token, manager => manager.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose);

    public Task<bool> IsInvitationValidAsync(Guid userId, string? token) =>
        IsValidAsync(userId, token, _ => AccountTokens.Invitation, AccountTokens.InvitationPurpose);

    public async Task<AccountLinkResult> ResetPasswordAsync(Guid userId, string? token, string password, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await manager.FindByIdAsync(userId.ToString()) is not { DeactivatedAt: null } user || string.IsNullOrEmpty(token))
        {
            return AccountLinkResult.BadLink;
        }

        var reset = await manager.ResetPasswordAsync(user, AccountLinks.TokenFromLink(token) ?? "", password);
        if (!reset.Succeeded)
        {
            return Outcome(reset);
        }

        await manager.ResetAccessFailedCountAsync(user);
        await manager.SetLockoutEndDateAsync(user, null);
        await FinishAsync(user, AuditActions.PasswordResetByLink, "Chose a new password from a reset link", "Your password was changed", cancellationToken);
        return AccountLinkResult.Done;
    }

    public async Task<AccountLinkResult> AcceptInvitationAsync(Guid userId, string? token, string password, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await manager.FindByIdAsync(userId.ToString()) is not { DeactivatedAt: null } user || string.IsNullOrEmpty(token)
            || await manager.HasPasswordAsync(user)
            || !await manager.VerifyUserTokenAsync(user, AccountTokens.Invitation, AccountTokens.InvitationPurpose, AccountLinks.TokenFromLink(token) ?? ""))
        {
            return AccountLinkResult.BadLink;
        }

        var added = await manager.AddPasswordAsync(user, password);
        if (!added.Succeeded)
        {
            return Outcome(added);
        }

        user.EmailConfirmed = true;
        await manager.UpdateAsync(user);
        await FinishAsync(user, AuditActions.InvitationAccepted, "Accepted the invitation and chose a password", null, cancellationToken);
        return AccountLinkResult.Done;
    }

    private async Task<bool> IsValidAsync(Guid userId, string? token, Func<UserManager<AppUser>, string> provider, string purpose)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return AccountLinks.TokenFromLink(token) is { } decoded && await manager.FindByIdAsync(userId.ToString()) is { DeactivatedAt: null } user
            && await manager.VerifyUserTokenAsync(user, provider(manager), purpose, decoded);
    }

    private async Task FinishAsync(AppUser user, string action, string summary, string? notice, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        audit.Add(db, new AuditEntry { Action = action, UserId = user.Id, Actor = user.Email, RecordType = "user", RecordId = user.Id.ToString(), Summary = summary });
        if (notice is not null)
        {
            emails.SecurityNotice(db, user, notice);
        }

        await db.SaveChangesAsync(cancellationToken);
        outbox.Wake();
    }

    private static AccountLinkResult Outcome(IdentityResult result) =>
        result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
            ? AccountLinkResult.BadLink
            : new AccountLinkResult(false, null, [.. result.Errors.Select(e => e.Description)]);
}
