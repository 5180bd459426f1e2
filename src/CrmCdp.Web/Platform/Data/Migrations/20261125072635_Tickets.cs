using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class Tickets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crm_sla_calendar",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    time_zone_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    work_days = table.Column<List<int>>(type: "integer[]", nullable: false),
                    opens = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    closes = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    holidays = table.Column<List<DateOnly>>(type: "date[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_sla_calendar", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_sla_policies",
                columns: table => new
                {
                    priority = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    first_response_minutes = table.Column<int>(type: "integer", nullable: false),
                    resolution_minutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_sla_policies", x => x.priority);
                });

            migrationBuilder.CreateTable(
                name: "crm_tickets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: true),
                    priority = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    channel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    team_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_response_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    first_responded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_minutes_left_when_paused = table.Column<int>(type: "integer", nullable: true),
                    solved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_response_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    at_risk_notified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_tickets", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_tickets_admin_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "admin_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_crm_tickets_crm_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "crm_contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_crm_tickets_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "admin_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "crm_ticket_replies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    body = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: false),
                    is_internal = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_ticket_replies", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_ticket_replies_crm_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "crm_tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_crm_ticket_replies_ticket_id_created_at",
                table: "crm_ticket_replies",
                columns: new[] { "ticket_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_tickets_contact_id",
                table: "crm_tickets",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_tickets_first_response_due_at",
                table: "crm_tickets",
                column: "first_response_due_at",
                filter: "deleted_at IS NULL AND first_responded_at IS NULL AND first_response_breached_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_crm_tickets_number",
                table: "crm_tickets",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_tickets_owner_id_resolution_due_at",
                table: "crm_tickets",
                columns: new[] { "owner_id", "resolution_due_at" },
                filter: "deleted_at IS NULL AND solved_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_crm_tickets_resolution_due_at",
                table: "crm_tickets",
                column: "resolution_due_at",
                filter: "deleted_at IS NULL AND solved_at IS NULL AND resolution_breached_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_crm_tickets_team_id",
                table: "crm_tickets",
                column: "team_id");

            // Default targets (business minutes) and a Monday–Friday 9–17 UTC calendar; admins change them.
            migrationBuilder.Sql("""
                INSERT INTO crm_sla_policies (priority, first_response_minutes, resolution_minutes) VALUES
                    ('Urgent', 60, 240), ('High', 240, 960), ('Normal', 480, 2400), ('Low', 960, 4800);
                INSERT INTO crm_sla_calendar (id, time_zone_id, work_days, opens, closes, holidays)
                VALUES (1, 'UTC', '{1,2,3,4,5}', '09:00', '17:00', '{}');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_sla_calendar");

            migrationBuilder.DropTable(
                name: "crm_sla_policies");

            migrationBuilder.DropTable(
                name: "crm_ticket_replies");

            migrationBuilder.DropTable(
                name: "crm_tickets");
        }
    }
}
