using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventProfileNameIndexCoversEventIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Built beside the old index and swapped in without a lock on writes: on a large event table this takes minutes,
            // during which ingestion and resolution go on and insights keep an index to read. Each step can run again after
            // a crash: a half-built index left by one is dropped first.
            migrationBuilder.Sql("DROP INDEX CONCURRENTLY IF EXISTS ix_cdp_event_profiles_name_timestamp_next", suppressTransaction: true);
            migrationBuilder.Sql(
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_cdp_event_profiles_name_timestamp_next ON cdp_event_profiles (name, \"timestamp\") INCLUDE (profile_id, type, event_id)",
                suppressTransaction: true);
            migrationBuilder.Sql("DROP INDEX CONCURRENTLY IF EXISTS ix_cdp_event_profiles_name_timestamp", suppressTransaction: true);
            migrationBuilder.Sql("ALTER INDEX ix_cdp_event_profiles_name_timestamp_next RENAME TO ix_cdp_event_profiles_name_timestamp");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cdp_event_profiles_name_timestamp",
                table: "cdp_event_profiles");

            migrationBuilder.CreateIndex(
                name: "ix_cdp_event_profiles_name_timestamp",
                table: "cdp_event_profiles",
                columns: new[] { "name", "timestamp" })
                .Annotation("Npgsql:IndexInclude", new[] { "profile_id", "type" });
        }
    }
}
