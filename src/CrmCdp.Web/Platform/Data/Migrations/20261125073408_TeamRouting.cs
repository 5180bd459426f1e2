using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class TeamRouting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crm_team_routing",
                columns: table => new
                {
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    last_assigned_user_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_team_routing", x => x.team_id);
                    table.ForeignKey(
                        name: "fk_crm_team_routing_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "admin_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_team_routing");
        }
    }
}
