using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class CompanyCustomFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_crm_custom_fields_key",
                table: "crm_custom_fields");

            migrationBuilder.AddColumn<string>(
                name: "applies_to",
                table: "crm_custom_fields",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Contact");

            migrationBuilder.AddColumn<string>(
                name: "custom_fields",
                table: "crm_companies",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'{}'::jsonb");

            migrationBuilder.CreateIndex(
                name: "ix_crm_custom_fields_applies_to_key",
                table: "crm_custom_fields",
                columns: new[] { "applies_to", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_companies_custom_fields",
                table: "crm_companies",
                column: "custom_fields")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_crm_custom_fields_applies_to_key",
                table: "crm_custom_fields");

            migrationBuilder.DropIndex(
                name: "ix_crm_companies_custom_fields",
                table: "crm_companies");

            migrationBuilder.DropColumn(
                name: "applies_to",
                table: "crm_custom_fields");

            migrationBuilder.DropColumn(
                name: "custom_fields",
                table: "crm_companies");

            migrationBuilder.CreateIndex(
                name: "ix_crm_custom_fields_key",
                table: "crm_custom_fields",
                column: "key",
                unique: true);
        }
    }
}
