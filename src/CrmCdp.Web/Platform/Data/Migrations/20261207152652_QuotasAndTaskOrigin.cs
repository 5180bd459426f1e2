using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class QuotasAndTaskOrigin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "origin",
                table: "crm_tasks",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "crm_quotas",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_quotas", x => x.id);
                    table.CheckConstraint("ck_crm_quotas_amount", "amount >= 0");
                    table.ForeignKey(
                        name: "fk_crm_quotas_admin_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "admin_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_crm_quotas_crm_pipelines_pipeline_id",
                        column: x => x.pipeline_id,
                        principalTable: "crm_pipelines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_crm_quotas_owner_id",
                table: "crm_quotas",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_quotas_pipeline_id_month_owner_id",
                table: "crm_quotas",
                columns: new[] { "pipeline_id", "month", "owner_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_quotas");

            migrationBuilder.DropColumn(
                name: "origin",
                table: "crm_tasks");
        }
    }
}
