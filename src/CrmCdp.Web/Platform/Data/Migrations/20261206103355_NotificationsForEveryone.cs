using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotificationsForEveryone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "platform_notifications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "platform_user_preferences",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    culture = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    muted_notifications = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_user_preferences", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_platform_user_preferences_admin_users_user_id",
                        column: x => x.user_id,
                        principalTable: "admin_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Existing notifications were all task reminders or SLA warnings; the title tells which.
            migrationBuilder.Sql("UPDATE platform_notifications SET kind = CASE WHEN title LIKE 'Reminder:%' THEN 'task_reminder' ELSE 'ticket_sla' END;");

            // Each new notification names its user on a channel every instance listens to, so open pages update at once.
            migrationBuilder.Sql("""
                CREATE FUNCTION platform_notifications_announce() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('platform_notifications', NEW.user_id::text);
                    RETURN NEW;
                END $$;
                CREATE TRIGGER platform_notifications_announce AFTER INSERT ON platform_notifications
                    FOR EACH ROW EXECUTE FUNCTION platform_notifications_announce();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER platform_notifications_announce ON platform_notifications;
                DROP FUNCTION platform_notifications_announce();
                """);

            migrationBuilder.DropTable(
                name: "platform_user_preferences");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "platform_notifications");
        }
    }
}
