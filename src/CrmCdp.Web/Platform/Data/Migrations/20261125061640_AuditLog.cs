using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "admin_audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    record_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    field = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    before = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    after = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ip_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_admin_audit_log", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_admin_audit_log_action_at",
                table: "admin_audit_log",
                columns: new[] { "action", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_admin_audit_log_at",
                table: "admin_audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_admin_audit_log_record_id",
                table: "admin_audit_log",
                column: "record_id");

            migrationBuilder.CreateIndex(
                name: "ix_admin_audit_log_user_id_at",
                table: "admin_audit_log",
                columns: new[] { "user_id", "at" });

            // Append-only: the application can add audit entries but never change or remove them. The one
            // exception is an erasure (privacy request), which may blank personal values inside entries by
            // setting crmcdp.audit_redaction for its own transaction; deleting stays impossible.
            migrationBuilder.Sql("""
                CREATE FUNCTION admin_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND current_setting('crmcdp.audit_redaction', true) = 'on' THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'The audit log is append-only (% refused).', TG_OP USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                CREATE TRIGGER admin_audit_log_append_only
                    BEFORE UPDATE OR DELETE ON admin_audit_log
                    FOR EACH ROW EXECUTE FUNCTION admin_audit_log_append_only();
                CREATE TRIGGER admin_audit_log_no_truncate
                    BEFORE TRUNCATE ON admin_audit_log
                    FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_log_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS admin_audit_log_no_truncate ON admin_audit_log;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS admin_audit_log_append_only ON admin_audit_log;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS admin_audit_log_append_only();");
            migrationBuilder.DropTable(
                name: "admin_audit_log");
        }
    }
}
