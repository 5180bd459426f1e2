using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class DealsAndPipelines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crm_internal_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    properties_json = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_internal_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_lost_reasons",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_lost_reasons", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_pipelines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    visible_to_team_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_pipelines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_pipeline_stages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    probability = table.Column<int>(type: "integer", nullable: false),
                    rotting_days = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_pipeline_stages", x => x.id);
                    table.CheckConstraint("ck_crm_pipeline_stages_probability", "probability BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "fk_crm_pipeline_stages_crm_pipelines_pipeline_id",
                        column: x => x.pipeline_id,
                        principalTable: "crm_pipelines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_deals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    lost_reason_id = table.Column<Guid>(type: "uuid", nullable: true),
                    expected_close_date = table.Column<DateOnly>(type: "date", nullable: true),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: true),
                    contact_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    next_step = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    stage_entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_deals", x => x.id);
                    table.CheckConstraint("ck_crm_deals_amount", "amount >= 0");
                    table.ForeignKey(
                        name: "fk_crm_deals_admin_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "admin_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_crm_deals_crm_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "crm_companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_crm_deals_lost_reason_lost_reason_id",
                        column: x => x.lost_reason_id,
                        principalTable: "crm_lost_reasons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_crm_deals_pipeline_stage_stage_id",
                        column: x => x.stage_id,
                        principalTable: "crm_pipeline_stages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_crm_deals_sales_pipeline_pipeline_id",
                        column: x => x.pipeline_id,
                        principalTable: "crm_pipelines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "crm_deal_stage_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    deal_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_stage_id = table.Column<Guid>(type: "uuid", nullable: true),
                    to_stage_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    seconds_in_previous = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_deal_stage_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_deal_stage_changes_crm_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "crm_deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_crm_deal_stage_changes_deal_id_changed_at",
                table: "crm_deal_stage_changes",
                columns: new[] { "deal_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_company_id",
                table: "crm_deals",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_contact_ids",
                table: "crm_deals",
                column: "contact_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_expected_close_date",
                table: "crm_deals",
                column: "expected_close_date");

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_lost_reason_id",
                table: "crm_deals",
                column: "lost_reason_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_owner_id_stage_id",
                table: "crm_deals",
                columns: new[] { "owner_id", "stage_id" },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_pipeline_id",
                table: "crm_deals",
                column: "pipeline_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_deals_stage_id_stage_entered_at",
                table: "crm_deals",
                columns: new[] { "stage_id", "stage_entered_at" },
                filter: "deleted_at IS NULL AND outcome = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_crm_internal_events_occurred_at",
                table: "crm_internal_events",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_crm_pipeline_stages_pipeline_id_order",
                table: "crm_pipeline_stages",
                columns: new[] { "pipeline_id", "order" });

            // A ready-to-use pipeline and lost reasons; admins rename, reorder or replace them.
            migrationBuilder.Sql("""
                INSERT INTO crm_pipelines (id, name, "order", currency, visible_to_team_ids)
                VALUES ('0193a000-0000-7000-8000-000000000001', 'Sales', 0, 'EUR', '{}');
                INSERT INTO crm_pipeline_stages (id, pipeline_id, name, "order", probability, rotting_days) VALUES
                    ('0193a000-0000-7000-8000-000000000011', '0193a000-0000-7000-8000-000000000001', 'Qualification', 0, 10, 14),
                    ('0193a000-0000-7000-8000-000000000012', '0193a000-0000-7000-8000-000000000001', 'Meeting scheduled', 1, 25, 14),
                    ('0193a000-0000-7000-8000-000000000013', '0193a000-0000-7000-8000-000000000001', 'Proposal sent', 2, 50, 10),
                    ('0193a000-0000-7000-8000-000000000014', '0193a000-0000-7000-8000-000000000001', 'Negotiation', 3, 75, 7);
                INSERT INTO crm_lost_reasons (id, name, "order", active) VALUES
                    ('0193a000-0000-7000-8000-000000000101', 'Price too high', 0, true),
                    ('0193a000-0000-7000-8000-000000000102', 'Went with a competitor', 1, true),
                    ('0193a000-0000-7000-8000-000000000103', 'No budget', 2, true),
                    ('0193a000-0000-7000-8000-000000000104', 'No decision / went dark', 3, true),
                    ('0193a000-0000-7000-8000-000000000105', 'Bad timing', 4, true),
                    ('0193a000-0000-7000-8000-000000000106', 'Other', 5, true);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_deal_stage_changes");

            migrationBuilder.DropTable(
                name: "crm_internal_events");

            migrationBuilder.DropTable(
                name: "crm_deals");

            migrationBuilder.DropTable(
                name: "crm_lost_reasons");

            migrationBuilder.DropTable(
                name: "crm_pipeline_stages");

            migrationBuilder.DropTable(
                name: "crm_pipelines");
        }
    }
}
