using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class Segments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cdp_computed_traits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    window_days = table.Column<int>(type: "integer", nullable: false),
                    rules = table.Column<string>(type: "jsonb", nullable: false),
                    cap = table.Column<decimal>(type: "numeric", nullable: true),
                    last_computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_computed_traits", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cdp_profile_computed",
                columns: table => new
                {
                    profile_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    value = table.Column<decimal>(type: "numeric", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_profile_computed", x => new { x.profile_id, x.key });
                });

            migrationBuilder.CreateTable(
                name: "cdp_segments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    consent_category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    activation_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    activation_enabled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    task_title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    task_due_in_days = table.Column<int>(type: "integer", nullable: false),
                    member_count = table.Column<long>(type: "bigint", nullable: false),
                    last_computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_segments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cdp_segment_activations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    change_id = table.Column<long>(type: "bigint", nullable: false),
                    segment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    profile_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_segment_activations", x => x.id);
                    table.ForeignKey(
                        name: "fk_cdp_segment_activations_cdp_segments_segment_id",
                        column: x => x.segment_id,
                        principalTable: "cdp_segments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cdp_segment_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    segment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    profile_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_segment_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_cdp_segment_changes_cdp_segments_segment_id",
                        column: x => x.segment_id,
                        principalTable: "cdp_segments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cdp_segment_members",
                columns: table => new
                {
                    segment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    profile_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_segment_members", x => new { x.segment_id, x.profile_id });
                    table.ForeignKey(
                        name: "fk_cdp_segment_members_cdp_segments_segment_id",
                        column: x => x.segment_id,
                        principalTable: "cdp_segments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cdp_computed_traits_key",
                table: "cdp_computed_traits",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cdp_profile_computed_key_value",
                table: "cdp_profile_computed",
                columns: new[] { "key", "value" });

            migrationBuilder.CreateIndex(
                name: "ix_cdp_segment_activations_change_id",
                table: "cdp_segment_activations",
                column: "change_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cdp_segment_activations_profile_id",
                table: "cdp_segment_activations",
                column: "profile_id");

            migrationBuilder.CreateIndex(
                name: "ix_cdp_segment_activations_segment_id_at",
                table: "cdp_segment_activations",
                columns: new[] { "segment_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_cdp_segment_changes_profile_id",
                table: "cdp_segment_changes",
                column: "profile_id");

            migrationBuilder.CreateIndex(
                name: "ix_cdp_segment_changes_segment_id_at",
                table: "cdp_segment_changes",
                columns: new[] { "segment_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_cdp_segment_members_profile_id",
                table: "cdp_segment_members",
                column: "profile_id");

            migrationBuilder.CreateIndex(
                name: "ix_cdp_segment_members_segment_id_entered_at",
                table: "cdp_segment_members",
                columns: new[] { "segment_id", "entered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_cdp_segments_name",
                table: "cdp_segments",
                column: "name",
                unique: true);

            // Every installation starts with an intent score (weighted buying signals over 14 days, capped at 100) that an admin can tune.
            migrationBuilder.Sql("""
                INSERT INTO cdp_computed_traits (id, key, name, window_days, rules, cap, created_at, updated_at)
                VALUES ('019ab5a0-0000-7000-8000-000000000001', 'intent_score', 'Intent score', 14,
                        '[{"event":"Pricing Viewed","points":10},{"event":"Demo Requested","points":40},{"event":"Trial Started","points":30},{"event":"Signed Up","points":20},{"event":"page","points":1}]',
                        100, now(), now())
                ON CONFLICT (key) DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cdp_computed_traits");

            migrationBuilder.DropTable(
                name: "cdp_profile_computed");

            migrationBuilder.DropTable(
                name: "cdp_segment_activations");

            migrationBuilder.DropTable(
                name: "cdp_segment_changes");

            migrationBuilder.DropTable(
                name: "cdp_segment_members");

            migrationBuilder.DropTable(
                name: "cdp_segments");
        }
    }
}
