using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class CdpTrackingPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cdp_tracking_plan_violations",
                columns: table => new
                {
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    violations = table.Column<long>(type: "bigint", nullable: false),
                    blocked = table.Column<long>(type: "bigint", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_tracking_plan_violations", x => new { x.source_id, x.rule });
                });

            migrationBuilder.CreateTable(
                name: "cdp_tracking_plans",
                columns: table => new
                {
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    mode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    rules = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_tracking_plans", x => x.source_id);
                    table.ForeignKey(
                        name: "fk_cdp_tracking_plans_cdp_sources_source_id",
                        column: x => x.source_id,
                        principalTable: "cdp_sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // What the source's tracking plan said about a stored event (flag and drop modes); null when nothing.
            migrationBuilder.Sql("ALTER TABLE cdp_events ADD COLUMN violations jsonb;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE cdp_events DROP COLUMN violations;");
            migrationBuilder.DropTable(
                name: "cdp_tracking_plan_violations");

            migrationBuilder.DropTable(
                name: "cdp_tracking_plans");
        }
    }
}
