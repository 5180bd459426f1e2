using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotificationsAndReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reminder_sent_at",
                table: "crm_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "platform_notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    link = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_platform_notifications_admin_users_user_id",
                        column: x => x.user_id,
                        principalTable: "admin_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_crm_tasks_reminder_at",
                table: "crm_tasks",
                column: "reminder_at",
                filter: "reminder_sent_at IS NULL AND status = 'Open' AND deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_platform_notifications_user_id_read_at_created_at",
                table: "platform_notifications",
                columns: new[] { "user_id", "read_at", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_notifications");

            migrationBuilder.DropIndex(
                name: "ix_crm_tasks_reminder_at",
                table: "crm_tasks");

            migrationBuilder.DropColumn(
                name: "reminder_sent_at",
                table: "crm_tasks");
        }
    }
}
