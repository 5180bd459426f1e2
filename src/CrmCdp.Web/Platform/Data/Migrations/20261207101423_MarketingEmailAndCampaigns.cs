using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class MarketingEmailAndCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mkt_campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    segment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    template_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    scheduled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    audience_size = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mkt_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mkt_email_sends",
                columns: table => new
                {
                    email_id = table.Column<Guid>(type: "uuid", nullable: false),
                    profile_id = table.Column<Guid>(type: "uuid", nullable: false),
                    journey_id = table.Column<Guid>(type: "uuid", nullable: true),
                    step_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mkt_email_sends", x => x.email_id);
                });

            migrationBuilder.CreateTable(
                name: "mkt_unsubscribes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    profile_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mkt_unsubscribes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mkt_campaign_recipients",
                columns: table => new
                {
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    profile_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outcome = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    email_id = table.Column<Guid>(type: "uuid", nullable: true),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mkt_campaign_recipients", x => new { x.campaign_id, x.profile_id });
                    table.ForeignKey(
                        name: "fk_mkt_campaign_recipients_mkt_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "mkt_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_mkt_campaign_recipients_waiting",
                table: "mkt_campaign_recipients",
                column: "campaign_id",
                filter: "outcome IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_mkt_campaigns_status",
                table: "mkt_campaigns",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_mkt_email_sends_campaign_id",
                table: "mkt_email_sends",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_mkt_email_sends_journey_id",
                table: "mkt_email_sends",
                column: "journey_id");

            migrationBuilder.CreateIndex(
                name: "ix_mkt_email_sends_profile_id",
                table: "mkt_email_sends",
                column: "profile_id");

            migrationBuilder.CreateIndex(
                name: "ix_mkt_unsubscribes_profile_id_at",
                table: "mkt_unsubscribes",
                columns: new[] { "profile_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mkt_campaign_recipients");

            migrationBuilder.DropTable(
                name: "mkt_email_sends");

            migrationBuilder.DropTable(
                name: "mkt_unsubscribes");

            migrationBuilder.DropTable(
                name: "mkt_campaigns");
        }
    }
}
