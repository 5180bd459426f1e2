using System.Linq.Expressions;

namespace CrmCdp.Web.Modules.Crm.Common;

/// <summary>A CRM record with an owner, so own / team / all scopes apply to it.</summary>
internal interface IOwnedRecord
{
    Guid? OwnerId { get; }
}

internal static class OwnedRecordQueries
{
    /// <summary>Keeps only the records the permission's scope reaches. Applied in every query, not only in the UI.</summary>
    public static IQueryable<T> Within<T>(this IQueryable<T> query, AccessContext access, string permission)
        where T : class, IOwnedRecord
    {
        switch (access.ScopeOf(permission))
        {
            case RecordScope.All:
                return query;
            case RecordScope.Team:
                var team = access.TeamMemberIds.ToList();
                return query.Where(OwnerIn<T>(team));
            case RecordScope.Own when access.UserId is { } userId:
                return query.Where(r => r.OwnerId == userId);
            default:
                return query.Where(_ => false);
        }
    }

    private static Expression<Func<T, bool>> OwnerIn<T>(List<Guid> owners)
        where T : IOwnedRecord =>
        r => r.OwnerId != null && owners.Contains(r.OwnerId.Value);
}
