using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class CdpSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cdp_sources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    write_key_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    write_key_prefix = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    previous_write_key_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    previous_key_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cdp_sources", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cdp_sources_previous_write_key_hash",
                table: "cdp_sources",
                column: "previous_write_key_hash");

            migrationBuilder.CreateIndex(
                name: "ix_cdp_sources_write_key_hash",
                table: "cdp_sources",
                column: "write_key_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cdp_sources");
        }
    }
}
