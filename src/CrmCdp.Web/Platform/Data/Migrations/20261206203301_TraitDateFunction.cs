using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class TraitDateFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Segment conditions on dates read ISO 8601 trait text with this: always in UTC, and NULL (never an error that
            // would fail the whole segment query) for an impossible date such as 2026-02-30.
            migrationBuilder.Sql("""
                CREATE FUNCTION cdp_try_timestamptz(value text) RETURNS timestamptz
                LANGUAGE plpgsql STABLE PARALLEL SAFE SET timezone TO 'UTC' AS $$
                BEGIN
                    RETURN value::timestamptz;
                EXCEPTION WHEN others THEN
                    RETURN NULL;
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS cdp_try_timestamptz(text);");
        }
    }
}
