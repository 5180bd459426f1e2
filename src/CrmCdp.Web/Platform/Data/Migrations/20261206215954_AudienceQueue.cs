using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class AudienceQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cdp_audience_checkpoints",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    last_change_id = table.Column<long>(type: "bigint", nullable: false),
                    swept_to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_audience_checkpoints", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "cdp_audience_queue",
                columns: table => new
                {
                    profile_id = table.Column<Guid>(type: "uuid", nullable: false),
                    queued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_audience_queue", x => x.profile_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cdp_audience_queue_queued_at",
                table: "cdp_audience_queue",
                column: "queued_at");

            // The window-edge sweep finds the events that left a window by their time; the minute refresh this replaces
            // last ran at most a minute ago, so the first sweep starts from there.
            migrationBuilder.Sql("""
                CREATE INDEX ix_cdp_events_timestamp ON cdp_events ("timestamp");
                INSERT INTO cdp_audience_checkpoints (name, last_change_id, swept_to, updated_at) VALUES ('window-edges', 0, now() - interval '1 minute', now());
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_cdp_events_timestamp;");
            migrationBuilder.DropTable(
                name: "cdp_audience_checkpoints");

            migrationBuilder.DropTable(
                name: "cdp_audience_queue");
        }
    }
}
