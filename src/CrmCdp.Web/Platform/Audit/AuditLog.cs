
namespace CrmCdp.Web.Platform.Audit;

/// <summary>Writes audit entries that are not a side effect of a record change (sign-ins, exports, admin actions).</summary>
internal sealed class AuditLog(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider, IHttpContextAccessor httpContextAccessor)
{
    /// <summary>Adds the entry to <paramref name="db"/>, to be saved with the caller's own changes.</summary>
    public void Add(AppDbContext db, AuditEntry entry) => db.Add(Stamp(entry));

    /// <summary>Saves the entry on its own.</summary>
    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Add(Stamp(entry));
        await db.SaveChangesAsync(cancellationToken);
    }

    private AuditEntry Stamp(AuditEntry entry)
    {
        entry.At = entry.At == default ? timeProvider.GetUtcNow() : entry.At;
        entry.IpAddress ??= httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
        return entry;
    }
}
