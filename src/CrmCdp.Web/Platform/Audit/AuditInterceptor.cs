using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CrmCdp.Web.Platform.Audit;

/// <summary>Adds an audit entry for every <see cref="IAuditedChange"/> being inserted, in the same SaveChanges.</summary>
internal sealed class AuditInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void AddEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var entries = context.ChangeTracker.Entries<IAuditedChange>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity.ToAuditEntry())
            .ToList();
        if (entries.Count > 0)
        {
            context.AddRange(entries);
        }
    }
}
