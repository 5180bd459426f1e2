using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class CrmSharedViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // What the CRM publishes for other modules to read in SQL (see Modules/Crm/Contracts/CrmSharedViews.cs).
            migrationBuilder.Sql("""
                CREATE VIEW crm_shared_contacts AS
                    SELECT id, created_at, updated_at, lifecycle_stage, job_title, lead_source, email_consent, sms_consent, emails,
                           custom_fields->>'userId' AS user_id
                    FROM crm_contacts WHERE deleted_at IS NULL;
                CREATE INDEX ix_crm_contacts_user_id ON crm_contacts ((custom_fields->>'userId')) WHERE deleted_at IS NULL;
                CREATE VIEW crm_shared_facts AS
                    SELECT id, type, record_id, contact_ids, company_id, occurred_at, properties_json AS properties FROM crm_internal_events;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS crm_shared_facts; DROP INDEX IF EXISTS ix_crm_contacts_user_id; DROP VIEW IF EXISTS crm_shared_contacts;");
        }
    }
}
