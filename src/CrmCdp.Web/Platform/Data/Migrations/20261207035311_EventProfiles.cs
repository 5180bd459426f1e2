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
                name: "cdp_event_profiles",
                columns: table => new
                {
                    event_id = table.Column<long>(type: "bigint", nullable: false),
                    timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    profile_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_event_profiles", x => x.event_id);
                });

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
                });

            migrationBuilder.CreateIndex(
                name: "ix_cdp_event_profiles_name_timestamp",
                table: "cdp_event_profiles",
                columns: new[] { "name", "timestamp" })
                .Annotation("Npgsql:IndexInclude", new[] { "profile_id", "type" });

            migrationBuilder.CreateIndex(
                name: "ix_cdp_event_profiles_profile_id_timestamp",
                table: "cdp_event_profiles",
                columns: new[] { "profile_id", "timestamp" })
                .Annotation("Npgsql:IndexInclude", new[] { "name", "type" });

            // Every event the resolver has reached takes the profile the rule gives it (user id unless blocked or
            // unknown, else anonymous id), as the resolver does from now on; later events stay for it. Then the rollups.
            migrationBuilder.Sql("""
                WITH settings AS (SELECT rules FROM cdp_identity_settings WHERE name = 'default' AND rules ? 'blockedValues'),
                blocked AS (
                    SELECT CASE WHEN EXISTS (SELECT 1 FROM settings)
                        THEN coalesce((SELECT array_agg(lower(v)) FROM settings, jsonb_array_elements_text(settings.rules->'blockedValues') v), '{}')
                        ELSE ARRAY['null', 'undefined', '0', '-1', 'anonymous', 'guest', '[object object]', 'none', 'nil', 'n/a', 'unknown', 'test', '00000000-0000-0000-0000-000000000000'] END AS vals)
                INSERT INTO cdp_event_profiles (event_id, "timestamp", profile_id, type, name)
                SELECT id, "timestamp", owner, type, name FROM (
                    SELECT e.id, e."timestamp", e.type, coalesce(e.event, '') AS name, coalesce(
                        (SELECT i.profile_id FROM cdp_identifiers i, blocked b WHERE i.type = 'user_id' AND i.value = e.user_id AND NOT lower(e.user_id) = ANY(b.vals)),
                        (SELECT i.profile_id FROM cdp_identifiers i WHERE i.type = 'anonymous_id' AND i.value = e.anonymous_id)) AS owner
                    FROM cdp_events e
                    WHERE e.id <= coalesce((SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity'), 0) OFFSET 0) o
                WHERE owner IS NOT NULL;
                INSERT INTO cdp_profile_event_days (profile_id, day, type, name, count, first_at, last_at)
                SELECT profile_id, ("timestamp" AT TIME ZONE 'UTC')::date, type, name, count(*), min("timestamp"), max("timestamp")
                FROM cdp_event_profiles WHERE profile_id IN (SELECT id FROM cdp_profiles) GROUP BY 1, 2, 3, 4;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cdp_event_profiles");

            migrationBuilder.DropTable(
                name: "cdp_profile_event_days");
        }
    }
}
