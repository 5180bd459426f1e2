using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class InboundEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_mailboxes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    port = table.Column<int>(type: "integer", nullable: false),
                    tls_mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    user = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    protected_password = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    folder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    owner_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    is_support = table.Column<bool>(type: "boolean", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    uid_validity = table.Column<long>(type: "bigint", nullable: false),
                    last_uid = table.Column<long>(type: "bigint", nullable: false),
                    last_polled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_mailboxes", x => x.id);
                    table.ForeignKey(
                        name: "fk_platform_mailboxes_admin_users_owner_user_id",
                        column: x => x.owner_user_id,
                        principalTable: "admin_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_inbound_emails",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    mailbox_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    in_reply_to = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    references = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    from = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    from_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    to = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    cc = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    subject = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    text = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: true),
                    html = table.Column<string>(type: "character varying(500000)", maxLength: 500000, nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    fetched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    is_automatic = table.Column<bool>(type: "boolean", nullable: false),
                    replies_to_email_id = table.Column<Guid>(type: "uuid", nullable: true),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: true),
                    activity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    handled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_inbound_emails", x => x.id);
                    table.ForeignKey(
                        name: "fk_platform_inbound_emails_platform_mailboxes_mailbox_id",
                        column: x => x.mailbox_id,
                        principalTable: "platform_mailboxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_inbound_emails_contact_id_sent_at",
                table: "platform_inbound_emails",
                columns: new[] { "contact_id", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_inbound_emails_fetched_at",
                table: "platform_inbound_emails",
                column: "fetched_at",
                filter: "handled_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_platform_inbound_emails_mailbox_id",
                table: "platform_inbound_emails",
                column: "mailbox_id");

            migrationBuilder.CreateIndex(
                name: "ix_platform_inbound_emails_message_id",
                table: "platform_inbound_emails",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_platform_inbound_emails_ticket_id",
                table: "platform_inbound_emails",
                column: "ticket_id");

            migrationBuilder.CreateIndex(
                name: "ix_platform_mailboxes_owner_user_id",
                table: "platform_mailboxes",
                column: "owner_user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_inbound_emails");

            migrationBuilder.DropTable(
                name: "platform_mailboxes");
        }
    }
}
