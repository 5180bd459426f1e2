using Npgsql;

namespace CrmCdp.Web.Platform.Data;

internal static class UniqueViolation
{
    /// <summary>Whether a save failed on a unique index: a concurrent writer got there first (a 409, not a 500).</summary>
    public static bool Is(DbUpdateException exception) => exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
