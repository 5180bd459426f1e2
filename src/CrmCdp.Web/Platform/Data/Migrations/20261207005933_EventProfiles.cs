using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cdp_profile_event_days",
                columns: table => new
                {
                    profile_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    first_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_profile_event_days", x => new { x.profile_id, x.day, x.type, x.name });
                    table.ForeignKey(
                        name: "fk_cdp_profile_event_days_profile_profile_id",
                        column: x => x.profile_id,
                        principalTable: "cdp_profiles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cdp_profile_event_days_day_name",
                table: "cdp_profile_event_days",
                columns: new[] { "day", "name" });

            // Every event takes the profile the rule gives it (user id unless blocked or unknown, else anonymous id), as
            // the resolver does from now on; events the resolver has not reached yet stay for it. Then the rollups.
            migrationBuilder.Sql("""
                ALTER TABLE cdp_events ADD COLUMN profile_id uuid;
                WITH settings AS (SELECT rules FROM cdp_identity_settings WHERE name = 'default' AND rules ? 'blockedValues'),
                blocked AS (
                    SELECT CASE WHEN EXISTS (SELECT 1 FROM settings)
                        THEN coalesce((SELECT array_agg(lower(v)) FROM settings, jsonb_array_elements_text(settings.rules->'blockedValues') v), '{}')
                        ELSE ARRAY['null', 'undefined', '0', '-1', 'anonymous', 'guest', '[object object]', 'none', 'nil', 'n/a', 'unknown', 'test', '00000000-0000-0000-0000-000000000000'] END AS vals)
                UPDATE cdp_events e SET profile_id = coalesce(
                    (SELECT i.profile_id FROM cdp_identifiers i, blocked b WHERE i.type = 'user_id' AND i.value = e.user_id AND NOT lower(e.user_id) = ANY(b.vals)),
                    (SELECT i.profile_id FROM cdp_identifiers i WHERE i.type = 'anonymous_id' AND i.value = e.anonymous_id))
                WHERE e.id <= coalesce((SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity'), 0);
                CREATE INDEX ix_cdp_events_profile ON cdp_events (profile_id, "timestamp") WHERE profile_id IS NOT NULL;
                INSERT INTO cdp_profile_event_days (profile_id, day, type, name, count, first_at, last_at)
                SELECT profile_id, ("timestamp" AT TIME ZONE 'UTC')::date, type, coalesce(event, ''), count(*), min("timestamp"), max("timestamp")
                FROM cdp_events WHERE profile_id IS NOT NULL AND profile_id IN (SELECT id FROM cdp_profiles) GROUP BY 1, 2, 3, 4;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_cdp_events_profile; ALTER TABLE cdp_events DROP COLUMN IF EXISTS profile_id;");
            migrationBuilder.DropTable(
                name: "cdp_profile_event_days");
        }
    }
}
