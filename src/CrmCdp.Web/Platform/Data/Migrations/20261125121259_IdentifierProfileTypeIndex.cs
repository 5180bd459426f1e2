using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class IdentifierProfileTypeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cdp_identifiers_profile_id",
                table: "cdp_identifiers");

            migrationBuilder.CreateIndex(
                name: "ix_cdp_identifiers_profile_id_type",
                table: "cdp_identifiers",
                columns: new[] { "profile_id", "type" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cdp_identifiers_profile_id_type",
                table: "cdp_identifiers");

            migrationBuilder.CreateIndex(
                name: "ix_cdp_identifiers_profile_id",
                table: "cdp_identifiers",
                column: "profile_id");
        }
    }
}
