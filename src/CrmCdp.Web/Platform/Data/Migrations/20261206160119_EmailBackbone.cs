using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class EmailBackbone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_email_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    port = table.Column<int>(type: "integer", nullable: false),
                    tls_mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    user = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    protected_password = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    from = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    reply_to = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    send_from_user_address = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by_user_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_email_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_email_templates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subject = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    html = table.Column<string>(type: "character varying(500000)", maxLength: 500000, nullable: true),
                    text = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by_user_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_email_templates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_emails",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    from = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    sender_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reply_to = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    to = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    cc = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    bcc = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    subject = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    html = table.Column<string>(type: "text", nullable: true),
                    text = table.Column<string>(type: "text", nullable: true),
                    message_id = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    in_reply_to = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    references = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_response = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sent_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    activity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    template_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_emails", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_email_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    email_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_email_log", x => x.id);
                    table.ForeignKey(
                        name: "fk_platform_email_log_platform_emails_email_id",
                        column: x => x.email_id,
                        principalTable: "platform_emails",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_email_log_email_id_at",
                table: "platform_email_log",
                columns: new[] { "email_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_email_templates_name",
                table: "platform_email_templates",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_platform_emails_contact_id_created_at",
                table: "platform_emails",
                columns: new[] { "contact_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_emails_message_id",
                table: "platform_emails",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_platform_emails_next_attempt_at",
                table: "platform_emails",
                column: "next_attempt_at",
                filter: "status = 'Queued'");

            migrationBuilder.CreateIndex(
                name: "ix_platform_emails_purpose_to_created_at",
                table: "platform_emails",
                columns: new[] { "purpose", "to", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_email_log");

            migrationBuilder.DropTable(
                name: "platform_email_settings");

            migrationBuilder.DropTable(
                name: "platform_email_templates");

            migrationBuilder.DropTable(
                name: "platform_emails");
        }
    }
}
