using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProfileEventDaysByName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Built without a lock on the resolver's writes; a half-built (invalid) index left by a crash is dropped and built again.
            migrationBuilder.Sql("DROP INDEX CONCURRENTLY IF EXISTS ix_cdp_profile_event_days_name_day", suppressTransaction: true);
            migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix_cdp_profile_event_days_name_day ON cdp_profile_event_days (name, day)", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cdp_profile_event_days_name_day",
                table: "cdp_profile_event_days");
        }
    }
}
