using System.Globalization;
using System.Text;
using CrmCdp.Web.Platform.Audit;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace CrmCdp.Web.Platform.Auth.TwoFactor;

public sealed record TwoFactorStatus(bool Enabled, bool Required, int RecoveryCodesLeft);

public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri, string QrCodeSvg);

/// <summary>Sets up, confirms and removes a user's authenticator app (ASP.NET Core Identity's TOTP support).</summary>
internal sealed class TwoFactorSetupService(IServiceScopeFactory scopes, TwoFactorPolicy policy, PermissionResolver resolver, AuditLog audit, Accounts.AccountEmails emails)
{
    private const string Issuer = "CrmCdp";

    public async Task<TwoFactorStatus> StatusAsync(Guid userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");
        return new TwoFactorStatus(await users.GetTwoFactorEnabledAsync(user), await policy.IsRequiredAsync(userId), await users.CountRecoveryCodesAsync(user));
    }

    /// <summary>The key to enter in the authenticator app (a new one each time setup starts), as text and QR code.</summary>
    public async Task<AuthenticatorSetup> BeginAsync(Guid userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");
        await users.ResetAuthenticatorKeyAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email ?? user.UserName ?? "")}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return new AuthenticatorSetup(Grouped(key), uri, svg);
    }

    /// <summary>Turns two-factor sign-in on once the app's first code checks out; answers the recovery codes, or null for a wrong code.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(Guid userId, string code)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");
        var token = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, token))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await audit.WriteAsync(new AuditEntry { Action = AuditActions.TwoFactorEnabled, UserId = userId, Actor = user.Email, RecordType = "user", RecordId = userId.ToString(), Summary = "Turned on two-factor sign-in" });
        await emails.SendSecurityNoticeAsync(user, "Two-factor sign-in was turned on");
        resolver.InvalidateAll();
        return [.. codes ?? []];
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(Guid userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");
        return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
    }

    /// <returns>False when a role of the user requires two-factor sign-in.</returns>
    public async Task<bool> DisableAsync(Guid userId)
    {
        if (await policy.IsRequiredAsync(userId))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.WriteAsync(new AuditEntry { Action = AuditActions.TwoFactorDisabled, UserId = userId, Actor = user.Email, RecordType = "user", RecordId = userId.ToString(), Summary = "Turned off two-factor sign-in" });
        await emails.SendSecurityNoticeAsync(user, "Two-factor sign-in was turned off");
        resolver.InvalidateAll();
        return true;
    }

    private static string Grouped(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return grouped.ToString().TrimEnd().ToLowerInvariant();
    }
}
