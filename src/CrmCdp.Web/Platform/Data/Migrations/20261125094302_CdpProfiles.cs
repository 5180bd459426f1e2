using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class CdpProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cdp_identifiers",
                columns: table => new
                {
                    type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    value = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    profile_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_identifiers", x => new { x.type, x.value });
                });

            migrationBuilder.CreateTable(
                name: "cdp_profile_merges",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    survivor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    merged_id = table.Column<Guid>(type: "uuid", nullable: false),
                    via_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    via_value = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    anchor_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    anchor_value = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    event_id = table.Column<long>(type: "bigint", nullable: true),
                    rule = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    actor_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_profile_merges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cdp_profiles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    merged_into_id = table.Column<Guid>(type: "uuid", nullable: true),
                    traits = table.Column<string>(type: "jsonb", nullable: false),
                    trait_sources = table.Column<string>(type: "jsonb", nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    event_count = table.Column<long>(type: "bigint", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_profiles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cdp_resolution_checkpoints",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    last_event_id = table.Column<long>(type: "bigint", nullable: false),
                    last_received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_resolution_checkpoints", x => x.name);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cdp_identifiers_profile_id",
                table: "cdp_identifiers",
                column: "profile_id");

            migrationBuilder.CreateIndex(
                name: "ix_cdp_profile_merges_merged_id",
                table: "cdp_profile_merges",
                column: "merged_id");

            migrationBuilder.CreateIndex(
                name: "ix_cdp_profile_merges_survivor_id",
                table: "cdp_profile_merges",
                column: "survivor_id");

            migrationBuilder.CreateIndex(
                name: "ix_cdp_profiles_contact_id",
                table: "cdp_profiles",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_cdp_profiles_last_seen_at",
                table: "cdp_profiles",
                column: "last_seen_at");

            migrationBuilder.CreateIndex(
                name: "ix_cdp_profiles_merged_into_id",
                table: "cdp_profiles",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_cdp_profiles_seq",
                table: "cdp_profiles",
                column: "seq",
                unique: true);

            // The merge log is append-only; only a privacy erasure (under the audit redaction flag) may remove a person's rows.
            migrationBuilder.Sql("""
                CREATE FUNCTION cdp_profile_merges_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF current_setting('crmcdp.audit_redaction', true) = 'on' THEN
                        RETURN COALESCE(NEW, OLD);
                    END IF;
                    RAISE EXCEPTION 'cdp_profile_merges is append-only';
                END;
                $$;
                CREATE TRIGGER cdp_profile_merges_append_only BEFORE UPDATE OR DELETE ON cdp_profile_merges
                    FOR EACH ROW EXECUTE FUNCTION cdp_profile_merges_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS cdp_profile_merges_append_only ON cdp_profile_merges; DROP FUNCTION IF EXISTS cdp_profile_merges_append_only();");
            migrationBuilder.DropTable(
                name: "cdp_identifiers");

            migrationBuilder.DropTable(
                name: "cdp_profile_merges");

            migrationBuilder.DropTable(
                name: "cdp_profiles");

            migrationBuilder.DropTable(
                name: "cdp_resolution_checkpoints");
        }
    }
}
