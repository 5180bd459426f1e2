using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class DealLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "deal_id",
                table: "crm_tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "deal_id",
                table: "crm_activities",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_tasks_deal_id",
                table: "crm_tasks",
                column: "deal_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_activities_deal_id_occurred_at",
                table: "crm_activities",
                columns: new[] { "deal_id", "occurred_at" });

            migrationBuilder.AddForeignKey(
                name: "fk_crm_activities_deal_deal_id",
                table: "crm_activities",
                column: "deal_id",
                principalTable: "crm_deals",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "fk_crm_tasks_crm_deals_deal_id",
                table: "crm_tasks",
                column: "deal_id",
                principalTable: "crm_deals",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_crm_activities_deal_deal_id",
                table: "crm_activities");

            migrationBuilder.DropForeignKey(
                name: "fk_crm_tasks_crm_deals_deal_id",
                table: "crm_tasks");

            migrationBuilder.DropIndex(
                name: "ix_crm_tasks_deal_id",
                table: "crm_tasks");

            migrationBuilder.DropIndex(
                name: "ix_crm_activities_deal_id_occurred_at",
                table: "crm_activities");

            migrationBuilder.DropColumn(
                name: "deal_id",
                table: "crm_tasks");

            migrationBuilder.DropColumn(
                name: "deal_id",
                table: "crm_activities");
        }
    }
}
