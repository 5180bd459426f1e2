using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class EmailAttachmentsAndInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "calendar_invite",
                table: "platform_emails",
                type: "character varying(100000)",
                maxLength: 100000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "platform_inbound_attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    inbound_email_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_inbound_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_platform_inbound_attachments_inbound_email_inbound_email_id",
                        column: x => x.inbound_email_id,
                        principalTable: "platform_inbound_emails",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_inbound_attachments_inbound_email_id",
                table: "platform_inbound_attachments",
                column: "inbound_email_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_inbound_attachments");

            migrationBuilder.DropColumn(
                name: "calendar_invite",
                table: "platform_emails");
        }
    }
}
