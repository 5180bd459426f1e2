using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class Journeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "list_unsubscribe",
                table: "platform_emails",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "source",
                table: "cdp_consent_changes",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(10)",
                oldMaxLength: 10);

            migrationBuilder.CreateTable(
                name: "mkt_journeys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    draft = table.Column<string>(type: "jsonb", nullable: false),
                    live_version = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mkt_journeys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mkt_journey_enrolments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    journey_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    profile_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trigger_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    step_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    step_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    wait_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    path = table.Column<string>(type: "jsonb", nullable: false),
                    errors = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mkt_journey_enrolments", x => x.id);
                    table.ForeignKey(
                        name: "fk_mkt_journey_enrolments_mkt_journeys_journey_id",
                        column: x => x.journey_id,
                        principalTable: "mkt_journeys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mkt_journey_versions",
                columns: table => new
                {
                    journey_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by_user_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mkt_journey_versions", x => new { x.journey_id, x.version });
                    table.ForeignKey(
                        name: "fk_mkt_journey_versions_mkt_journeys_journey_id",
                        column: x => x.journey_id,
                        principalTable: "mkt_journeys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mkt_journey_step_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    enrolment_id = table.Column<long>(type: "bigint", nullable: false),
                    journey_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    visit = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mkt_journey_step_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_mkt_journey_step_runs_mkt_journey_enrolments_enrolment_id",
                        column: x => x.enrolment_id,
                        principalTable: "mkt_journey_enrolments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_mkt_journey_enrolments_active_person",
                table: "mkt_journey_enrolments",
                columns: new[] { "journey_id", "profile_id" },
                unique: true,
                filter: "status = 'active'");

            migrationBuilder.CreateIndex(
                name: "ix_mkt_journey_enrolments_journey_id_trigger_key",
                table: "mkt_journey_enrolments",
                columns: new[] { "journey_id", "trigger_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mkt_journey_enrolments_next_run_at",
                table: "mkt_journey_enrolments",
                column: "next_run_at",
                filter: "status = 'active'");

            migrationBuilder.CreateIndex(
                name: "ix_mkt_journey_enrolments_profile_id",
                table: "mkt_journey_enrolments",
                column: "profile_id");

            migrationBuilder.CreateIndex(
                name: "ix_mkt_journey_step_runs_enrolment_id_step_id_visit",
                table: "mkt_journey_step_runs",
                columns: new[] { "enrolment_id", "step_id", "visit" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mkt_journey_step_runs_journey_id_step_id",
                table: "mkt_journey_step_runs",
                columns: new[] { "journey_id", "step_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mkt_journey_step_runs");

            migrationBuilder.DropTable(
                name: "mkt_journey_versions");

            migrationBuilder.DropTable(
                name: "mkt_journey_enrolments");

            migrationBuilder.DropTable(
                name: "mkt_journeys");

            migrationBuilder.DropColumn(
                name: "list_unsubscribe",
                table: "platform_emails");

            migrationBuilder.AlterColumn<string>(
                name: "source",
                table: "cdp_consent_changes",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);
        }
    }
}
