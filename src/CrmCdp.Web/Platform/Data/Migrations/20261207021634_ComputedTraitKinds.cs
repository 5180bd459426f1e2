using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class ComputedTraitKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "text_value",
                table: "cdp_profile_computed",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "event",
                table: "cdp_computed_traits",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "half_life_days",
                table: "cdp_computed_traits",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "cdp_computed_traits",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "score");

            migrationBuilder.AddColumn<string>(
                name: "property",
                table: "cdp_computed_traits",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "where",
                table: "cdp_computed_traits",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "within",
                table: "cdp_computed_traits",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "text_value",
                table: "cdp_profile_computed");

            migrationBuilder.DropColumn(
                name: "event",
                table: "cdp_computed_traits");

            migrationBuilder.DropColumn(
                name: "half_life_days",
                table: "cdp_computed_traits");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "cdp_computed_traits");

            migrationBuilder.DropColumn(
                name: "property",
                table: "cdp_computed_traits");

            migrationBuilder.DropColumn(
                name: "where",
                table: "cdp_computed_traits");

            migrationBuilder.DropColumn(
                name: "within",
                table: "cdp_computed_traits");
        }
    }
}
