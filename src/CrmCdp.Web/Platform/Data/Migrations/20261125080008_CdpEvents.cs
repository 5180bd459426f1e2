using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCdp.Web.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class CdpEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Events are append-only and partitioned by month of event time, so retention is dropping a partition.
            // Uniqueness of messageId per source lives in cdp_message_ids (a partitioned table cannot enforce it).
            migrationBuilder.Sql("""
                CREATE TABLE cdp_events (
                    id bigint GENERATED ALWAYS AS IDENTITY,
                    source_id uuid NOT NULL,
                    message_id varchar(100) NOT NULL,
                    type varchar(10) NOT NULL,
                    event varchar(255),
                    user_id varchar(255),
                    anonymous_id varchar(255),
                    group_id varchar(255),
                    previous_id varchar(255),
                    "timestamp" timestamptz NOT NULL,
                    received_at timestamptz NOT NULL,
                    sent_at timestamptz,
                    time_clamped boolean NOT NULL DEFAULT false,
                    payload jsonb NOT NULL,
                    PRIMARY KEY (id, "timestamp")
                ) PARTITION BY RANGE ("timestamp");
                CREATE TABLE cdp_events_default PARTITION OF cdp_events DEFAULT;
                CREATE INDEX ix_cdp_events_source_received ON cdp_events (source_id, received_at DESC);
                CREATE INDEX ix_cdp_events_user_id ON cdp_events (user_id) WHERE user_id IS NOT NULL;
                CREATE INDEX ix_cdp_events_anonymous_id ON cdp_events (anonymous_id) WHERE anonymous_id IS NOT NULL;
                CREATE TABLE cdp_message_ids (
                    source_id uuid NOT NULL,
                    message_id varchar(100) NOT NULL,
                    received_at timestamptz NOT NULL,
                    PRIMARY KEY (source_id, message_id)
                );
                CREATE INDEX ix_cdp_message_ids_received_at ON cdp_message_ids (received_at);
                CREATE FUNCTION cdp_ensure_event_partitions(first_month date, months int) RETURNS void LANGUAGE plpgsql AS $$
                DECLARE m date;
                BEGIN
                    FOR i IN 0..months - 1 LOOP
                        m := (date_trunc('month', first_month) + make_interval(months => i))::date;
                        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF cdp_events FOR VALUES FROM (%L) TO (%L)',
                            'cdp_events_' || to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
                    END LOOP;
                END;
                $$;
                SELECT cdp_ensure_event_partitions((now() - interval '12 months')::date, 16);
                """);


        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS cdp_ensure_event_partitions(date, int); DROP TABLE IF EXISTS cdp_message_ids; DROP TABLE IF EXISTS cdp_events;");


        }
    }
}
