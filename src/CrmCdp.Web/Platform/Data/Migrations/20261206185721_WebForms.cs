using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class WebForms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crm_forms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    creates_ticket = table.Column<bool>(type: "boolean", nullable: false),
                    assign_team_id = table.Column<Guid>(type: "uuid", nullable: true),
                    last_assigned_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    thank_you_message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    consents = table.Column<string>(type: "jsonb", nullable: true),
                    fields = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_forms", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_forms_teams_assign_team_id",
                        column: x => x.assign_team_id,
                        principalTable: "admin_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "crm_form_consent_texts",
                columns: table => new
                {
                    form_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_form_consent_texts", x => new { x.form_id, x.category, x.version });
                    table.ForeignKey(
                        name: "fk_crm_form_consent_texts_crm_forms_form_id",
                        column: x => x.form_id,
                        principalTable: "crm_forms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_form_submissions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    form_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    values_json = table.Column<string>(type: "jsonb", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    anonymous_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    client_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    spam_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: true),
                    assigned_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    events_sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    consents = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_form_submissions", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_form_submissions_web_form_form_id",
                        column: x => x.form_id,
                        principalTable: "crm_forms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_crm_form_submissions_client_address_received_at",
                table: "crm_form_submissions",
                columns: new[] { "client_address", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_form_submissions_contact_id",
                table: "crm_form_submissions",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_form_submissions_form_id_received_at",
                table: "crm_form_submissions",
                columns: new[] { "form_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_form_submissions_unfinished",
                table: "crm_form_submissions",
                column: "received_at",
                filter: "status = 'Received' OR (status = 'Processed' AND events_sent_at IS NULL)");

            migrationBuilder.CreateIndex(
                name: "ix_crm_forms_assign_team_id",
                table: "crm_forms",
                column: "assign_team_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_forms_key",
                table: "crm_forms",
                column: "key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_form_consent_texts");

            migrationBuilder.DropTable(
                name: "crm_form_submissions");

            migrationBuilder.DropTable(
                name: "crm_forms");
        }
    }
}
