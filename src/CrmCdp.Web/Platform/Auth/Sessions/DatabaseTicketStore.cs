using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace CrmCdp.Web.Platform.Auth.Sessions;

/// <summary>
/// Keeps cookie sessions in <c>admin_user_sessions</c>: the browser only holds the session id, so
/// deleting the row signs the session out everywhere at once.
/// </summary>
internal sealed class DatabaseTicketStore(
    IDbContextFactory<AppDbContext> dbFactory,
    IDataProtectionProvider dataProtection,
    TimeProvider timeProvider) : ITicketStore
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(14);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("CrmCdp.UserSessions");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var now = timeProvider.GetUtcNow();
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = ReadUserId(ticket),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc ?? now + DefaultLifetime,
            Ticket = Protect(ticket),
        };
        await using var db = await dbFactory.CreateDbContextAsync();
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id.ToString();
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        if (!Guid.TryParse(key, out var id))
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var expiresAt = ticket.Properties.ExpiresUtc ?? now + DefaultLifetime;
        var protectedTicket = Protect(ticket);
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(s => s.Ticket, protectedTicket)
            .SetProperty(s => s.LastSeenAt, now)
            .SetProperty(s => s.ExpiresAt, expiresAt));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (!Guid.TryParse(key, out var id))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var session = await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id);
        if (session is null || session.ExpiresAt <= timeProvider.GetUtcNow())
        {
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(session.Ticket));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public async Task RemoveAsync(string key)
    {
        if (!Guid.TryParse(key, out var id))
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        await db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync();
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private static Guid? ReadUserId(AuthenticationTicket ticket) =>
        Guid.TryParse(ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
}
