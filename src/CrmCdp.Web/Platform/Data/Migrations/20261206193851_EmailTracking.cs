using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class EmailTracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "track_emails",
                table: "platform_user_preferences",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "click_count",
                table: "platform_emails",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "clicked_at",
                table: "platform_emails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "open_count",
                table: "platform_emails",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "opened_at",
                table: "platform_emails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "tracked",
                table: "platform_emails",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "track_emails",
                table: "platform_user_preferences");

            migrationBuilder.DropColumn(
                name: "click_count",
                table: "platform_emails");

            migrationBuilder.DropColumn(
                name: "clicked_at",
                table: "platform_emails");

            migrationBuilder.DropColumn(
                name: "open_count",
                table: "platform_emails");

            migrationBuilder.DropColumn(
                name: "opened_at",
                table: "platform_emails");

            migrationBuilder.DropColumn(
                name: "tracked",
                table: "platform_emails");
        }
    }
}
