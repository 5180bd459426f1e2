using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Platform.Auth.Accounts;

/// <summary>
/// Links sent by email carry Identity tokens bound to the user's security stamp: setting a password changes the
/// stamp, so each link works once; and each kind has its own lifetime.
/// </summary>
internal static class AccountTokens
{
    public const string Invitation = "Invitation";
    public const string InvitationPurpose = "invitation";
    public const string PasswordReset = "PasswordReset";
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromHours(1);
}

internal sealed class InvitationTokenOptions : DataProtectionTokenProviderOptions
{
    public InvitationTokenOptions()
    {
        Name = AccountTokens.Invitation;
        TokenLifespan = AccountTokens.InvitationLifetime;
    }
}

internal sealed class PasswordResetTokenOptions : DataProtectionTokenProviderOptions
{
    public PasswordResetTokenOptions()
    {
        Name = AccountTokens.PasswordReset;
        TokenLifespan = AccountTokens.PasswordResetLifetime;
    }
}

internal sealed class InvitationTokenProvider(IDataProtectionProvider dataProtection, IOptions<InvitationTokenOptions> options, ILogger<DataProtectorTokenProvider<AppUser>> logger)
    : DataProtectorTokenProvider<AppUser>(dataProtection, options, logger);

internal sealed class PasswordResetTokenProvider(IDataProtectionProvider dataProtection, IOptions<PasswordResetTokenOptions> options, ILogger<DataProtectorTokenProvider<AppUser>> logger)
    : DataProtectorTokenProvider<AppUser>(dataProtection, options, logger);
