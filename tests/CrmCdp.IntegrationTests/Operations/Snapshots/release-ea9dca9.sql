-- The schema and data of release ea9dca9 (2026-12-07), for UpgradeTests: made by starting that commit's app on an empty
-- database and creating a company, a contact, a deal, a ticket, a sales rep, a source, events (an anonymous visitor who
-- signs up and orders, and a second person) and a segment through its API; then pg_dump --format=plain --no-owner
-- --no-privileges. The data-protection keys were left out: key material does not belong in the repository.
--
-- PostgreSQL database dump
--

\restrict xdsMK1b8qtXfUAxbelC0xvywtiP97X86z6l3Pt9Xi3e7OXQn8xceBrxIbDFcfxr

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: hangfire; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA hangfire;


--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


--
-- Name: admin_audit_log_append_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.admin_audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('crmcdp.audit_redaction', true) = 'on' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The audit log is append-only (% refused).', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;


--
-- Name: cdp_ensure_event_partitions(date, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cdp_ensure_event_partitions(first_month date, months integer) RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE m date;
BEGIN
    FOR i IN 0..months - 1 LOOP
        m := (date_trunc('month', first_month) + make_interval(months => i))::date;
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF cdp_events FOR VALUES FROM (%L) TO (%L)',
            'cdp_events_' || to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
    END LOOP;
END;
$$;


--
-- Name: cdp_profile_merges_append_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cdp_profile_merges_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF current_setting('crmcdp.audit_redaction', true) = 'on' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    RAISE EXCEPTION 'cdp_profile_merges is append-only';
END;
$$;


--
-- Name: cdp_try_timestamptz(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.cdp_try_timestamptz(value text) RETURNS timestamp with time zone
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET "TimeZone" TO 'UTC'
    AS $$
BEGIN
    RETURN value::timestamptz;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;


--
-- Name: platform_notifications_announce(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.platform_notifications_announce() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM pg_notify('platform_notifications', NEW.user_id::text);
    RETURN NEW;
END $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: aggregatedcounter; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.aggregatedcounter (
    id bigint NOT NULL,
    key text NOT NULL,
    value bigint NOT NULL,
    expireat timestamp with time zone
);


--
-- Name: aggregatedcounter_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.aggregatedcounter_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: aggregatedcounter_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.aggregatedcounter_id_seq OWNED BY hangfire.aggregatedcounter.id;


--
-- Name: counter; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.counter (
    id bigint NOT NULL,
    key text NOT NULL,
    value bigint NOT NULL,
    expireat timestamp with time zone
);


--
-- Name: counter_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.counter_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: counter_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.counter_id_seq OWNED BY hangfire.counter.id;


--
-- Name: hash; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.hash (
    id bigint NOT NULL,
    key text NOT NULL,
    field text NOT NULL,
    value text,
    expireat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: hash_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.hash_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: hash_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.hash_id_seq OWNED BY hangfire.hash.id;


--
-- Name: job; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.job (
    id bigint NOT NULL,
    stateid bigint,
    statename text,
    invocationdata jsonb NOT NULL,
    arguments jsonb NOT NULL,
    createdat timestamp with time zone NOT NULL,
    expireat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: job_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.job_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: job_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.job_id_seq OWNED BY hangfire.job.id;


--
-- Name: jobparameter; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.jobparameter (
    id bigint NOT NULL,
    jobid bigint NOT NULL,
    name text NOT NULL,
    value text,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: jobparameter_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.jobparameter_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: jobparameter_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.jobparameter_id_seq OWNED BY hangfire.jobparameter.id;


--
-- Name: jobqueue; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.jobqueue (
    id bigint NOT NULL,
    jobid bigint NOT NULL,
    queue text NOT NULL,
    fetchedat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: jobqueue_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.jobqueue_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: jobqueue_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.jobqueue_id_seq OWNED BY hangfire.jobqueue.id;


--
-- Name: list; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.list (
    id bigint NOT NULL,
    key text NOT NULL,
    value text,
    expireat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: list_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.list_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: list_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.list_id_seq OWNED BY hangfire.list.id;


--
-- Name: lock; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.lock (
    resource text NOT NULL,
    updatecount integer DEFAULT 0 NOT NULL,
    acquired timestamp with time zone
);


--
-- Name: schema; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.schema (
    version integer NOT NULL
);


--
-- Name: server; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.server (
    id text NOT NULL,
    data jsonb,
    lastheartbeat timestamp with time zone NOT NULL,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: set; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.set (
    id bigint NOT NULL,
    key text NOT NULL,
    score double precision NOT NULL,
    value text NOT NULL,
    expireat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: set_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.set_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: set_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.set_id_seq OWNED BY hangfire.set.id;


--
-- Name: state; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.state (
    id bigint NOT NULL,
    jobid bigint NOT NULL,
    name text NOT NULL,
    reason text,
    createdat timestamp with time zone NOT NULL,
    data jsonb,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: state_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.state_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: state_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.state_id_seq OWNED BY hangfire.state.id;


--
-- Name: admin_api_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_api_keys (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    prefix character varying(16) NOT NULL,
    key_hash character varying(64) NOT NULL,
    role_id uuid NOT NULL,
    created_by_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone,
    revoked_at timestamp with time zone,
    last_used_at timestamp with time zone
);


--
-- Name: admin_audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_audit_log (
    id bigint NOT NULL,
    at timestamp with time zone NOT NULL,
    user_id uuid,
    actor character varying(256),
    action character varying(100) NOT NULL,
    record_type character varying(50),
    record_id character varying(100),
    field character varying(100),
    before character varying(2000),
    after character varying(2000),
    summary character varying(1000),
    ip_address character varying(64)
);


--
-- Name: admin_audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.admin_audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.admin_audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: admin_known_permissions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_known_permissions (
    name character varying(100) NOT NULL,
    first_seen_at timestamp with time zone NOT NULL
);


--
-- Name: admin_privacy_requests; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_privacy_requests (
    id uuid NOT NULL,
    kind character varying(20) NOT NULL,
    identifier_kind character varying(20) NOT NULL,
    identifier_hash character varying(64) NOT NULL,
    identifier_masked character varying(300) NOT NULL,
    protected_identifier text,
    status character varying(20) NOT NULL,
    requested_by_user_id uuid,
    requested_at timestamp with time zone NOT NULL,
    completed_at timestamp with time zone,
    report_json jsonb NOT NULL,
    result_json jsonb,
    failure text
);


--
-- Name: admin_role_claims; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_role_claims (
    id integer NOT NULL,
    role_id uuid NOT NULL,
    claim_type text,
    claim_value text
);


--
-- Name: admin_role_claims_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.admin_role_claims ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.admin_role_claims_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: admin_role_permissions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_role_permissions (
    role_id uuid NOT NULL,
    permission character varying(100) NOT NULL,
    scope character varying(10) DEFAULT 'All'::character varying NOT NULL
);


--
-- Name: admin_roles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_roles (
    id uuid NOT NULL,
    description character varying(500) NOT NULL,
    is_built_in boolean NOT NULL,
    name character varying(256),
    normalized_name character varying(256),
    concurrency_stamp text,
    require_two_factor boolean DEFAULT false NOT NULL
);


--
-- Name: admin_team_members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_team_members (
    team_id uuid NOT NULL,
    user_id uuid NOT NULL
);


--
-- Name: admin_teams; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_teams (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    lead_user_id uuid
);


--
-- Name: admin_user_claims; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_user_claims (
    id integer NOT NULL,
    user_id uuid NOT NULL,
    claim_type text,
    claim_value text
);


--
-- Name: admin_user_claims_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.admin_user_claims ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.admin_user_claims_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: admin_user_logins; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_user_logins (
    login_provider text NOT NULL,
    provider_key text NOT NULL,
    provider_display_name text,
    user_id uuid NOT NULL
);


--
-- Name: admin_user_roles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_user_roles (
    user_id uuid NOT NULL,
    role_id uuid NOT NULL
);


--
-- Name: admin_user_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_user_sessions (
    id uuid NOT NULL,
    user_id uuid,
    ticket bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_seen_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL
);


--
-- Name: admin_user_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_user_tokens (
    user_id uuid NOT NULL,
    login_provider text NOT NULL,
    name text NOT NULL,
    value text
);


--
-- Name: admin_users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_users (
    id uuid NOT NULL,
    display_name character varying(200) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    user_name character varying(256),
    normalized_user_name character varying(256),
    email character varying(256),
    normalized_email character varying(256),
    email_confirmed boolean NOT NULL,
    password_hash text,
    security_stamp text,
    concurrency_stamp text,
    phone_number text,
    phone_number_confirmed boolean NOT NULL,
    two_factor_enabled boolean NOT NULL,
    lockout_end timestamp with time zone,
    lockout_enabled boolean NOT NULL,
    access_failed_count integer NOT NULL,
    deactivated_at timestamp with time zone,
    is_away boolean DEFAULT false NOT NULL
);


--
-- Name: cdp_audience_checkpoints; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_audience_checkpoints (
    name character varying(50) NOT NULL,
    last_change_id bigint NOT NULL,
    swept_to timestamp with time zone,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: cdp_audience_queue; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_audience_queue (
    profile_id uuid NOT NULL,
    queued_at timestamp with time zone NOT NULL,
    id bigint NOT NULL
);


--
-- Name: cdp_audience_queue_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.cdp_audience_queue ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.cdp_audience_queue_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: cdp_computed_traits; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_computed_traits (
    id uuid NOT NULL,
    key character varying(64) NOT NULL,
    name character varying(100) NOT NULL,
    window_days integer NOT NULL,
    rules jsonb NOT NULL,
    cap numeric,
    last_computed_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    event character varying(255),
    half_life_days numeric,
    kind character varying(20) DEFAULT 'score'::character varying NOT NULL,
    property character varying(100),
    "where" jsonb,
    within jsonb
);


--
-- Name: cdp_consent_changes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_consent_changes (
    id bigint NOT NULL,
    profile_id uuid NOT NULL,
    source character varying(20) NOT NULL,
    event_id bigint,
    contact_id uuid,
    state jsonb NOT NULL,
    at timestamp with time zone NOT NULL
);


--
-- Name: cdp_consent_changes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.cdp_consent_changes ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.cdp_consent_changes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: cdp_dashboards; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_dashboards (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    description character varying(1000),
    owner_user_id uuid,
    shared boolean NOT NULL,
    refresh_seconds integer NOT NULL,
    tiles jsonb NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: cdp_deliveries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_deliveries (
    id bigint NOT NULL,
    destination_id uuid NOT NULL,
    webhook_id character varying(40) NOT NULL,
    kind character varying(20) NOT NULL,
    payload text NOT NULL,
    event_count integer NOT NULL,
    status character varying(20) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    lease_until timestamp with time zone,
    last_status_code integer,
    last_error character varying(500),
    created_at timestamp with time zone NOT NULL,
    delivered_at timestamp with time zone
);


--
-- Name: cdp_deliveries_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.cdp_deliveries ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.cdp_deliveries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: cdp_delivery_attempts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_delivery_attempts (
    id bigint NOT NULL,
    delivery_id bigint NOT NULL,
    destination_id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    status_code integer,
    latency_ms integer NOT NULL,
    response_excerpt character varying(1000),
    error character varying(500)
);


--
-- Name: cdp_delivery_attempts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.cdp_delivery_attempts ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.cdp_delivery_attempts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: cdp_destinations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_destinations (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    type character varying(20) NOT NULL,
    url character varying(2000) NOT NULL,
    headers jsonb NOT NULL,
    enabled boolean NOT NULL,
    disabled_reason character varying(300),
    subscriptions jsonb NOT NULL,
    batch_size integer NOT NULL,
    consent_category character varying(100),
    include_pii boolean NOT NULL,
    protected_secret text NOT NULL,
    previous_protected_secret text,
    previous_secret_expires_at timestamp with time zone,
    failing_since timestamp with time zone,
    created_by_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: cdp_event_profiles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_event_profiles (
    event_id bigint NOT NULL,
    "timestamp" timestamp with time zone NOT NULL,
    profile_id uuid NOT NULL,
    type character varying(10) NOT NULL,
    name text NOT NULL
);


--
-- Name: cdp_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
)
PARTITION BY RANGE ("timestamp");


--
-- Name: cdp_events_2025_12; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2025_12 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2026_01; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2026_01 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2026_02; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2026_02 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2026_03; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2026_03 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2026_04; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2026_04 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2026_05; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2026_05 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2026_06; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2026_06 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2026_07; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2026_07 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2026_08; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2026_08 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2026_09; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2026_09 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2026_10; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2026_10 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2026_11; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2026_11 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2026_12; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2026_12 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2027_01; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2027_01 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2027_02; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2027_02 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_2027_03; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_2027_03 (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_default; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_events_default (
    id bigint NOT NULL,
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    type character varying(10) NOT NULL,
    event character varying(255),
    user_id character varying(255),
    anonymous_id character varying(255),
    group_id character varying(255),
    previous_id character varying(255),
    "timestamp" timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    time_clamped boolean DEFAULT false NOT NULL,
    payload jsonb NOT NULL,
    violations jsonb
);


--
-- Name: cdp_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.cdp_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.cdp_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: cdp_identifiers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_identifiers (
    type character varying(64) NOT NULL,
    value character varying(255) NOT NULL,
    profile_id uuid NOT NULL,
    first_seen_at timestamp with time zone NOT NULL
);


--
-- Name: cdp_identity_settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_identity_settings (
    name character varying(20) NOT NULL,
    rules jsonb NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    updated_by_user_id uuid
);


--
-- Name: cdp_message_ids; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_message_ids (
    source_id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    received_at timestamp with time zone NOT NULL
);


--
-- Name: cdp_profile_computed; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_profile_computed (
    profile_id uuid NOT NULL,
    key character varying(64) NOT NULL,
    value numeric NOT NULL,
    computed_at timestamp with time zone NOT NULL,
    text_value character varying(500)
);


--
-- Name: cdp_profile_event_days; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_profile_event_days (
    profile_id uuid NOT NULL,
    day date NOT NULL,
    type character varying(20) NOT NULL,
    name text NOT NULL,
    count integer NOT NULL,
    first_at timestamp with time zone NOT NULL,
    last_at timestamp with time zone NOT NULL
);


--
-- Name: cdp_profile_merges; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_profile_merges (
    id bigint NOT NULL,
    kind character varying(10) NOT NULL,
    survivor_id uuid NOT NULL,
    merged_id uuid NOT NULL,
    via_type character varying(64),
    via_value character varying(255),
    anchor_type character varying(64),
    anchor_value character varying(255),
    event_id bigint,
    rule character varying(500) NOT NULL,
    actor_user_id uuid,
    at timestamp with time zone NOT NULL
);


--
-- Name: cdp_profile_merges_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.cdp_profile_merges ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.cdp_profile_merges_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: cdp_profiles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_profiles (
    id uuid NOT NULL,
    seq bigint NOT NULL,
    merged_into_id uuid,
    traits jsonb NOT NULL,
    trait_sources jsonb NOT NULL,
    first_seen_at timestamp with time zone NOT NULL,
    last_seen_at timestamp with time zone NOT NULL,
    event_count bigint NOT NULL,
    contact_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    consent jsonb DEFAULT '{}'::jsonb NOT NULL
);


--
-- Name: cdp_profiles_seq_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.cdp_profiles ALTER COLUMN seq ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.cdp_profiles_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: cdp_resolution_checkpoints; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_resolution_checkpoints (
    name character varying(50) NOT NULL,
    last_event_id bigint NOT NULL,
    last_received_at timestamp with time zone,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: cdp_segment_activations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_segment_activations (
    id bigint NOT NULL,
    change_id bigint NOT NULL,
    segment_id uuid NOT NULL,
    profile_id uuid NOT NULL,
    outcome character varying(20) NOT NULL,
    task_id uuid,
    at timestamp with time zone NOT NULL
);


--
-- Name: cdp_segment_activations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.cdp_segment_activations ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.cdp_segment_activations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: cdp_segment_changes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_segment_changes (
    id bigint NOT NULL,
    segment_id uuid NOT NULL,
    profile_id uuid NOT NULL,
    kind character varying(10) NOT NULL,
    at timestamp with time zone NOT NULL
);


--
-- Name: cdp_segment_changes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.cdp_segment_changes ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.cdp_segment_changes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: cdp_segment_members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_segment_members (
    segment_id uuid NOT NULL,
    profile_id uuid NOT NULL,
    entered_at timestamp with time zone NOT NULL
);


--
-- Name: cdp_segments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_segments (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    description character varying(1000),
    definition jsonb NOT NULL,
    consent_category character varying(100),
    activation_enabled boolean NOT NULL,
    activation_enabled_at timestamp with time zone,
    task_title character varying(200) NOT NULL,
    task_due_in_days integer NOT NULL,
    member_count bigint NOT NULL,
    last_computed_at timestamp with time zone,
    created_by_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    version bigint NOT NULL,
    is_static boolean DEFAULT false NOT NULL
);


--
-- Name: cdp_sources; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_sources (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    type character varying(20) NOT NULL,
    write_key_hash character varying(64) NOT NULL,
    write_key_prefix character varying(12) NOT NULL,
    previous_write_key_hash character varying(64),
    previous_key_expires_at timestamp with time zone,
    enabled boolean NOT NULL,
    created_by_user_id uuid,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: cdp_tracking_plan_violations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_tracking_plan_violations (
    source_id uuid NOT NULL,
    rule character varying(300) NOT NULL,
    violations bigint NOT NULL,
    blocked bigint NOT NULL,
    last_seen_at timestamp with time zone NOT NULL
);


--
-- Name: cdp_tracking_plans; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cdp_tracking_plans (
    source_id uuid NOT NULL,
    mode character varying(40) NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    updated_by_user_id uuid,
    rules jsonb
);


--
-- Name: crm_activities; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_activities (
    id uuid NOT NULL,
    type character varying(20) NOT NULL,
    contact_id uuid,
    company_id uuid,
    subject character varying(300),
    body character varying(50000) NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    call_outcome character varying(20),
    duration_minutes integer,
    ends_at timestamp with time zone,
    attendees text[] NOT NULL,
    owner_id uuid,
    created_at timestamp with time zone NOT NULL,
    deleted_at timestamp with time zone,
    deal_id uuid,
    is_private boolean DEFAULT false NOT NULL
);


--
-- Name: crm_calendar_feeds; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_calendar_feeds (
    user_id uuid NOT NULL,
    token_hash character varying(128) NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: crm_companies; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_companies (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    domain character varying(253),
    industry character varying(100),
    employees integer,
    street character varying(200),
    city character varying(100),
    region character varying(100),
    postal_code character varying(20),
    country character varying(100),
    phone character varying(20),
    owner_id uuid,
    tags text[] NOT NULL,
    notes character varying(10000),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    deleted_at timestamp with time zone,
    custom_fields jsonb DEFAULT '{}'::jsonb NOT NULL
);


--
-- Name: crm_contact_exports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_contact_exports (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    filter_json jsonb NOT NULL,
    columns character varying(500),
    status character varying(20) NOT NULL,
    rows integer NOT NULL,
    content bytea,
    failure character varying(2000),
    created_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone
);


--
-- Name: crm_contact_imports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_contact_imports (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    file_name character varying(260) NOT NULL,
    content bytea NOT NULL,
    mapping_json jsonb NOT NULL,
    mode character varying(20) NOT NULL,
    status character varying(20) NOT NULL,
    total_rows integer NOT NULL,
    processed_rows integer NOT NULL,
    created integer NOT NULL,
    updated integer NOT NULL,
    skipped integer NOT NULL,
    errors_json jsonb NOT NULL,
    failure character varying(2000),
    created_at timestamp with time zone NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone
);


--
-- Name: crm_contacts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_contacts (
    id uuid NOT NULL,
    first_name character varying(100) NOT NULL,
    last_name character varying(100) NOT NULL,
    emails text[] NOT NULL,
    phones text[] NOT NULL,
    job_title character varying(150),
    company_id uuid,
    owner_id uuid,
    lifecycle_stage character varying(20) NOT NULL,
    lead_source character varying(100),
    tags text[] NOT NULL,
    email_consent boolean NOT NULL,
    sms_consent boolean NOT NULL,
    search_text character varying(2000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    deleted_at timestamp with time zone,
    custom_fields jsonb DEFAULT '{}'::jsonb NOT NULL
);


--
-- Name: crm_custom_fields; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_custom_fields (
    id uuid NOT NULL,
    key character varying(50) NOT NULL,
    label character varying(100) NOT NULL,
    type character varying(20) NOT NULL,
    choices text[] NOT NULL,
    created_at timestamp with time zone NOT NULL,
    applies_to character varying(20) DEFAULT 'Contact'::character varying NOT NULL
);


--
-- Name: crm_deal_stage_changes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_deal_stage_changes (
    id bigint NOT NULL,
    deal_id uuid NOT NULL,
    from_stage_id uuid,
    to_stage_id uuid NOT NULL,
    outcome character varying(10) NOT NULL,
    user_id uuid,
    changed_at timestamp with time zone NOT NULL,
    seconds_in_previous bigint NOT NULL
);


--
-- Name: crm_deal_stage_changes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.crm_deal_stage_changes ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.crm_deal_stage_changes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: crm_deals; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_deals (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    amount numeric(18,2) NOT NULL,
    currency character varying(3) NOT NULL,
    pipeline_id uuid NOT NULL,
    stage_id uuid NOT NULL,
    outcome character varying(10) NOT NULL,
    lost_reason_id uuid,
    expected_close_date date,
    owner_id uuid,
    company_id uuid,
    contact_ids uuid[] NOT NULL,
    source character varying(100),
    next_step character varying(300),
    stage_entered_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    closed_at timestamp with time zone,
    deleted_at timestamp with time zone,
    CONSTRAINT ck_crm_deals_amount CHECK ((amount >= (0)::numeric))
);


--
-- Name: crm_form_consent_texts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_form_consent_texts (
    form_id uuid NOT NULL,
    category character varying(50) NOT NULL,
    version integer NOT NULL,
    text character varying(2000) NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: crm_form_submissions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_form_submissions (
    id uuid NOT NULL,
    form_id uuid NOT NULL,
    status character varying(20) NOT NULL,
    values_json jsonb NOT NULL,
    email character varying(320),
    anonymous_id character varying(200),
    client_address character varying(64),
    spam_reason character varying(200),
    note character varying(1000),
    contact_id uuid,
    ticket_id uuid,
    assigned_user_id uuid,
    received_at timestamp with time zone NOT NULL,
    processed_at timestamp with time zone,
    events_sent_at timestamp with time zone,
    consents jsonb
);


--
-- Name: crm_forms; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_forms (
    id uuid NOT NULL,
    key character varying(40) NOT NULL,
    name character varying(200) NOT NULL,
    creates_ticket boolean NOT NULL,
    assign_team_id uuid,
    last_assigned_user_id uuid,
    thank_you_message character varying(1000),
    enabled boolean NOT NULL,
    created_by_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    consents jsonb,
    fields jsonb
);


--
-- Name: crm_internal_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_internal_events (
    id bigint NOT NULL,
    type character varying(50) NOT NULL,
    record_id uuid NOT NULL,
    contact_ids uuid[] NOT NULL,
    company_id uuid,
    occurred_at timestamp with time zone NOT NULL,
    properties_json jsonb NOT NULL
);


--
-- Name: crm_internal_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.crm_internal_events ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.crm_internal_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: crm_lost_reasons; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_lost_reasons (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    "order" integer NOT NULL,
    active boolean NOT NULL
);


--
-- Name: crm_pipeline_stages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_pipeline_stages (
    id uuid NOT NULL,
    pipeline_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    "order" integer NOT NULL,
    probability integer NOT NULL,
    rotting_days integer,
    CONSTRAINT ck_crm_pipeline_stages_probability CHECK (((probability >= 0) AND (probability <= 100)))
);


--
-- Name: crm_pipelines; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_pipelines (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    "order" integer NOT NULL,
    currency character varying(3) NOT NULL,
    visible_to_team_ids uuid[] NOT NULL
);


--
-- Name: crm_quotas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_quotas (
    id uuid NOT NULL,
    owner_id uuid NOT NULL,
    pipeline_id uuid NOT NULL,
    month date NOT NULL,
    amount numeric(18,2) NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT ck_crm_quotas_amount CHECK ((amount >= (0)::numeric))
);


--
-- Name: crm_recent_views; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_recent_views (
    user_id uuid NOT NULL,
    record_type character varying(20) NOT NULL,
    record_id uuid NOT NULL,
    viewed_at timestamp with time zone NOT NULL
);


--
-- Name: crm_record_changes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_record_changes (
    id bigint NOT NULL,
    record_type character varying(20) NOT NULL,
    record_id uuid NOT NULL,
    user_id uuid,
    changed_at timestamp with time zone NOT NULL,
    field character varying(100) NOT NULL,
    old_value character varying(1000),
    new_value character varying(1000)
);


--
-- Name: crm_record_changes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.crm_record_changes ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.crm_record_changes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: crm_saved_views; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_saved_views (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    list character varying(20) NOT NULL,
    name character varying(100) NOT NULL,
    shared boolean NOT NULL,
    state_json jsonb NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: crm_shared_contacts; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.crm_shared_contacts AS
 SELECT crm_contacts.id,
    crm_contacts.created_at,
    crm_contacts.updated_at,
    crm_contacts.lifecycle_stage,
    crm_contacts.job_title,
    crm_contacts.lead_source,
    crm_contacts.email_consent,
    crm_contacts.sms_consent,
    crm_contacts.emails,
    (crm_contacts.custom_fields ->> 'userId'::text) AS user_id
   FROM public.crm_contacts
  WHERE (crm_contacts.deleted_at IS NULL);


--
-- Name: crm_shared_facts; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.crm_shared_facts AS
 SELECT crm_internal_events.id,
    crm_internal_events.type,
    crm_internal_events.record_id,
    crm_internal_events.contact_ids,
    crm_internal_events.company_id,
    crm_internal_events.occurred_at,
    crm_internal_events.properties_json AS properties
   FROM public.crm_internal_events;


--
-- Name: crm_sla_calendar; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_sla_calendar (
    id integer NOT NULL,
    time_zone_id character varying(100) NOT NULL,
    work_days integer[] NOT NULL,
    opens time without time zone NOT NULL,
    closes time without time zone NOT NULL,
    holidays date[] NOT NULL
);


--
-- Name: crm_sla_policies; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_sla_policies (
    priority character varying(10) NOT NULL,
    first_response_minutes integer NOT NULL,
    resolution_minutes integer NOT NULL
);


--
-- Name: crm_tasks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_tasks (
    id uuid NOT NULL,
    title character varying(300) NOT NULL,
    type character varying(20) NOT NULL,
    due_at timestamp with time zone NOT NULL,
    priority character varying(10) NOT NULL,
    status character varying(10) NOT NULL,
    owner_id uuid,
    contact_id uuid,
    company_id uuid,
    reminder_at timestamp with time zone,
    notes character varying(10000),
    completed_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    deleted_at timestamp with time zone,
    reminder_sent_at timestamp with time zone,
    deal_id uuid,
    origin character varying(20)
);


--
-- Name: crm_team_routing; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_team_routing (
    team_id uuid NOT NULL,
    mode character varying(20) NOT NULL,
    last_assigned_user_id uuid
);


--
-- Name: crm_ticket_replies; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_ticket_replies (
    id uuid NOT NULL,
    ticket_id uuid NOT NULL,
    author_user_id uuid,
    body character varying(50000) NOT NULL,
    is_internal boolean NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: crm_tickets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crm_tickets (
    id uuid NOT NULL,
    number bigint NOT NULL,
    subject character varying(300) NOT NULL,
    description character varying(50000) NOT NULL,
    contact_id uuid,
    company_id uuid,
    priority character varying(10) NOT NULL,
    status character varying(20) NOT NULL,
    type character varying(50),
    channel character varying(50),
    owner_id uuid,
    team_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    deleted_at timestamp with time zone,
    first_response_due_at timestamp with time zone NOT NULL,
    first_responded_at timestamp with time zone,
    resolution_due_at timestamp with time zone,
    resolution_minutes_left_when_paused integer,
    solved_at timestamp with time zone,
    first_response_breached_at timestamp with time zone,
    resolution_breached_at timestamp with time zone,
    at_risk_notified_at timestamp with time zone,
    tags text[] NOT NULL
);


--
-- Name: crm_tickets_number_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.crm_tickets ALTER COLUMN number ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.crm_tickets_number_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: mkt_campaign_recipients; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mkt_campaign_recipients (
    campaign_id uuid NOT NULL,
    profile_id uuid NOT NULL,
    outcome character varying(100),
    email_id uuid,
    contact_id uuid,
    at timestamp with time zone
);


--
-- Name: mkt_campaigns; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mkt_campaigns (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    segment_id uuid NOT NULL,
    template_id uuid NOT NULL,
    status character varying(20) NOT NULL,
    scheduled_at timestamp with time zone,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    audience_size integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: mkt_checkpoints; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mkt_checkpoints (
    name character varying(80) NOT NULL,
    "position" bigint NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: mkt_email_sends; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mkt_email_sends (
    email_id uuid NOT NULL,
    profile_id uuid NOT NULL,
    journey_id uuid,
    step_id character varying(40),
    campaign_id uuid,
    at timestamp with time zone NOT NULL
);


--
-- Name: mkt_journey_enrolments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mkt_journey_enrolments (
    id bigint NOT NULL,
    journey_id uuid NOT NULL,
    version integer NOT NULL,
    profile_id uuid NOT NULL,
    trigger_key character varying(100) NOT NULL,
    status character varying(20) NOT NULL,
    step_id character varying(40) NOT NULL,
    step_since timestamp with time zone NOT NULL,
    next_run_at timestamp with time zone NOT NULL,
    wait_until timestamp with time zone,
    entered_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    path jsonb NOT NULL,
    errors integer NOT NULL,
    last_error character varying(1000)
);


--
-- Name: mkt_journey_enrolments_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.mkt_journey_enrolments ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.mkt_journey_enrolments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: mkt_journey_step_runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mkt_journey_step_runs (
    id bigint NOT NULL,
    enrolment_id bigint NOT NULL,
    journey_id uuid NOT NULL,
    step_id character varying(40) NOT NULL,
    visit integer NOT NULL,
    outcome character varying(100) NOT NULL,
    at timestamp with time zone NOT NULL
);


--
-- Name: mkt_journey_step_runs_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.mkt_journey_step_runs ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.mkt_journey_step_runs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: mkt_journey_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mkt_journey_versions (
    journey_id uuid NOT NULL,
    version integer NOT NULL,
    definition jsonb NOT NULL,
    published_at timestamp with time zone NOT NULL,
    published_by_user_id uuid
);


--
-- Name: mkt_journeys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mkt_journeys (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    status character varying(20) NOT NULL,
    draft jsonb NOT NULL,
    live_version integer,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: mkt_round_robin_turns; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mkt_round_robin_turns (
    journey_id uuid NOT NULL,
    step_id character varying(40) NOT NULL,
    last_user_id uuid
);


--
-- Name: mkt_unsubscribes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mkt_unsubscribes (
    id bigint NOT NULL,
    profile_id uuid NOT NULL,
    at timestamp with time zone NOT NULL
);


--
-- Name: mkt_unsubscribes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.mkt_unsubscribes ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.mkt_unsubscribes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: platform_data_protection_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.platform_data_protection_keys (
    id integer NOT NULL,
    friendly_name text,
    xml text
);


--
-- Name: platform_data_protection_keys_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.platform_data_protection_keys ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.platform_data_protection_keys_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: platform_ef_migrations_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.platform_ef_migrations_history (
    migration_id character varying(150) NOT NULL,
    product_version character varying(32) NOT NULL
);


--
-- Name: platform_email_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.platform_email_log (
    id bigint NOT NULL,
    email_id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    status character varying(20) NOT NULL,
    detail character varying(2000)
);


--
-- Name: platform_email_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.platform_email_log ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.platform_email_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: platform_email_settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.platform_email_settings (
    id integer NOT NULL,
    host character varying(255) NOT NULL,
    port integer NOT NULL,
    tls_mode character varying(20) NOT NULL,
    "user" character varying(255),
    protected_password character varying(2000),
    "from" character varying(320) NOT NULL,
    reply_to character varying(320),
    send_from_user_address boolean NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    updated_by_user_id uuid
);


--
-- Name: platform_email_templates; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.platform_email_templates (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    subject character varying(998) NOT NULL,
    html character varying(500000),
    text character varying(200000),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    updated_by_user_id uuid
);


--
-- Name: platform_emails; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.platform_emails (
    id uuid NOT NULL,
    purpose character varying(40) NOT NULL,
    "from" character varying(400) NOT NULL,
    sender_name character varying(200),
    reply_to character varying(400),
    "to" character varying(4000) NOT NULL,
    cc character varying(4000),
    bcc character varying(4000),
    subject character varying(998) NOT NULL,
    html text,
    text text,
    message_id character varying(400) NOT NULL,
    in_reply_to character varying(400),
    "references" character varying(8000),
    status character varying(20) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    last_response character varying(2000),
    created_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    sent_by_user_id uuid,
    contact_id uuid,
    activity_id uuid,
    template_id uuid,
    calendar_invite character varying(100000),
    click_count integer DEFAULT 0 NOT NULL,
    clicked_at timestamp with time zone,
    open_count integer DEFAULT 0 NOT NULL,
    opened_at timestamp with time zone,
    tracked boolean DEFAULT false NOT NULL,
    list_unsubscribe character varying(2000)
);


--
-- Name: platform_inbound_attachments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.platform_inbound_attachments (
    id uuid NOT NULL,
    inbound_email_id uuid NOT NULL,
    file_name character varying(255) NOT NULL,
    content_type character varying(200) NOT NULL,
    size bigint NOT NULL,
    content bytea,
    note character varying(500)
);


--
-- Name: platform_inbound_emails; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.platform_inbound_emails (
    id uuid NOT NULL,
    mailbox_id uuid NOT NULL,
    message_id character varying(400) NOT NULL,
    in_reply_to character varying(400),
    "references" character varying(8000),
    "from" character varying(400) NOT NULL,
    from_address character varying(320) NOT NULL,
    "to" character varying(4000) NOT NULL,
    cc character varying(4000),
    subject character varying(998) NOT NULL,
    text character varying(200000),
    html character varying(500000),
    sent_at timestamp with time zone NOT NULL,
    fetched_at timestamp with time zone NOT NULL,
    is_automatic boolean NOT NULL,
    replies_to_email_id uuid,
    contact_id uuid,
    ticket_id uuid,
    activity_id uuid,
    note character varying(1000),
    handled_at timestamp with time zone
);


--
-- Name: platform_mailboxes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.platform_mailboxes (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    host character varying(255) NOT NULL,
    port integer NOT NULL,
    tls_mode character varying(20) NOT NULL,
    "user" character varying(320) NOT NULL,
    protected_password character varying(2000),
    folder character varying(200) NOT NULL,
    owner_user_id uuid,
    is_support boolean NOT NULL,
    enabled boolean NOT NULL,
    uid_validity bigint NOT NULL,
    last_uid bigint NOT NULL,
    last_polled_at timestamp with time zone,
    last_error character varying(2000),
    created_at timestamp with time zone NOT NULL
);


--
-- Name: platform_notifications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.platform_notifications (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    title character varying(300) NOT NULL,
    body character varying(2000),
    link character varying(500),
    created_at timestamp with time zone NOT NULL,
    read_at timestamp with time zone,
    kind character varying(40) DEFAULT ''::character varying NOT NULL
);


--
-- Name: platform_privacy_suppressions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.platform_privacy_suppressions (
    id uuid NOT NULL,
    kind character varying(20) NOT NULL,
    value_hash character varying(64) NOT NULL,
    masked_value character varying(300) NOT NULL,
    created_by_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    lifted_at timestamp with time zone,
    dropped_events bigint NOT NULL
);


--
-- Name: platform_user_preferences; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.platform_user_preferences (
    user_id uuid NOT NULL,
    culture character varying(20),
    time_zone character varying(64),
    muted_notifications text[] NOT NULL,
    track_emails boolean DEFAULT false NOT NULL
);


--
-- Name: cdp_events_2025_12; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2025_12 FOR VALUES FROM ('2025-12-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');


--
-- Name: cdp_events_2026_01; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2026_01 FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00');


--
-- Name: cdp_events_2026_02; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2026_02 FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00');


--
-- Name: cdp_events_2026_03; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2026_03 FOR VALUES FROM ('2026-03-01 00:00:00+00') TO ('2026-04-01 00:00:00+00');


--
-- Name: cdp_events_2026_04; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2026_04 FOR VALUES FROM ('2026-04-01 00:00:00+00') TO ('2026-05-01 00:00:00+00');


--
-- Name: cdp_events_2026_05; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2026_05 FOR VALUES FROM ('2026-05-01 00:00:00+00') TO ('2026-06-01 00:00:00+00');


--
-- Name: cdp_events_2026_06; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2026_06 FOR VALUES FROM ('2026-06-01 00:00:00+00') TO ('2026-07-01 00:00:00+00');


--
-- Name: cdp_events_2026_07; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2026_07 FOR VALUES FROM ('2026-07-01 00:00:00+00') TO ('2026-08-01 00:00:00+00');


--
-- Name: cdp_events_2026_08; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2026_08 FOR VALUES FROM ('2026-08-01 00:00:00+00') TO ('2026-09-01 00:00:00+00');


--
-- Name: cdp_events_2026_09; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2026_09 FOR VALUES FROM ('2026-09-01 00:00:00+00') TO ('2026-10-01 00:00:00+00');


--
-- Name: cdp_events_2026_10; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2026_10 FOR VALUES FROM ('2026-10-01 00:00:00+00') TO ('2026-11-01 00:00:00+00');


--
-- Name: cdp_events_2026_11; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2026_11 FOR VALUES FROM ('2026-11-01 00:00:00+00') TO ('2026-12-01 00:00:00+00');


--
-- Name: cdp_events_2026_12; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2026_12 FOR VALUES FROM ('2026-12-01 00:00:00+00') TO ('2027-01-01 00:00:00+00');


--
-- Name: cdp_events_2027_01; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2027_01 FOR VALUES FROM ('2027-01-01 00:00:00+00') TO ('2027-02-01 00:00:00+00');


--
-- Name: cdp_events_2027_02; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2027_02 FOR VALUES FROM ('2027-02-01 00:00:00+00') TO ('2027-03-01 00:00:00+00');


--
-- Name: cdp_events_2027_03; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_2027_03 FOR VALUES FROM ('2027-03-01 00:00:00+00') TO ('2027-04-01 00:00:00+00');


--
-- Name: cdp_events_default; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events ATTACH PARTITION public.cdp_events_default DEFAULT;


--
-- Name: aggregatedcounter id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.aggregatedcounter ALTER COLUMN id SET DEFAULT nextval('hangfire.aggregatedcounter_id_seq'::regclass);


--
-- Name: counter id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.counter ALTER COLUMN id SET DEFAULT nextval('hangfire.counter_id_seq'::regclass);


--
-- Name: hash id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.hash ALTER COLUMN id SET DEFAULT nextval('hangfire.hash_id_seq'::regclass);


--
-- Name: job id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.job ALTER COLUMN id SET DEFAULT nextval('hangfire.job_id_seq'::regclass);


--
-- Name: jobparameter id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobparameter ALTER COLUMN id SET DEFAULT nextval('hangfire.jobparameter_id_seq'::regclass);


--
-- Name: jobqueue id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobqueue ALTER COLUMN id SET DEFAULT nextval('hangfire.jobqueue_id_seq'::regclass);


--
-- Name: list id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.list ALTER COLUMN id SET DEFAULT nextval('hangfire.list_id_seq'::regclass);


--
-- Name: set id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.set ALTER COLUMN id SET DEFAULT nextval('hangfire.set_id_seq'::regclass);


--
-- Name: state id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.state ALTER COLUMN id SET DEFAULT nextval('hangfire.state_id_seq'::regclass);


--
-- Data for Name: aggregatedcounter; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.aggregatedcounter (id, key, value, expireat) FROM stdin;
\.


--
-- Data for Name: counter; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.counter (id, key, value, expireat) FROM stdin;
1	stats:succeeded:2026-12-07	1	2027-01-07 19:30:32.261017+00
2	stats:succeeded:2026-12-07-19	1	2026-12-08 19:30:33.261017+00
3	stats:succeeded	1	\N
\.


--
-- Data for Name: hash; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.hash (id, key, field, value, expireat, updatecount) FROM stdin;
1	recurring-job:housekeeping:expired-sessions	Queue	default	\N	0
2	recurring-job:housekeeping:expired-sessions	Cron	0 3 * * *	\N	0
3	recurring-job:housekeeping:expired-sessions	TimeZoneId	UTC	\N	0
4	recurring-job:housekeeping:expired-sessions	Job	{"t":"CrmCdp.Web.Platform.Jobs.ExpiredSessionCleanupJob, CrmCdp.Web","m":"RunAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
5	recurring-job:housekeeping:expired-sessions	CreatedAt	1796671807001	\N	0
6	recurring-job:housekeeping:expired-sessions	NextExecution	1796698800000	\N	0
7	recurring-job:housekeeping:expired-sessions	V	2	\N	0
8	recurring-job:email:deliver	Queue	default	\N	0
9	recurring-job:email:deliver	Cron	* * * * *	\N	0
10	recurring-job:email:deliver	TimeZoneId	UTC	\N	0
11	recurring-job:email:deliver	Job	{"t":"CrmCdp.Web.Platform.Email.EmailDeliveryJob, CrmCdp.Web","m":"SendDueAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
12	recurring-job:email:deliver	CreatedAt	1796671807103	\N	0
13	recurring-job:email:deliver	NextExecution	1796671860000	\N	0
14	recurring-job:email:deliver	V	2	\N	0
15	recurring-job:email:fetch	Queue	default	\N	0
16	recurring-job:email:fetch	Cron	* * * * *	\N	0
17	recurring-job:email:fetch	TimeZoneId	UTC	\N	0
18	recurring-job:email:fetch	Job	{"t":"CrmCdp.Web.Platform.Email.Inbound.MailboxFetchJob, CrmCdp.Web","m":"FetchAllAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
19	recurring-job:email:fetch	CreatedAt	1796671807109	\N	0
20	recurring-job:email:fetch	NextExecution	1796671860000	\N	0
21	recurring-job:email:fetch	V	2	\N	0
22	recurring-job:crm:task-reminders	Queue	default	\N	0
23	recurring-job:crm:task-reminders	Cron	* * * * *	\N	0
24	recurring-job:crm:task-reminders	TimeZoneId	UTC	\N	0
25	recurring-job:crm:task-reminders	Job	{"t":"CrmCdp.Web.Modules.Crm.Tasks.TaskReminderJob, CrmCdp.Web","m":"RunAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
26	recurring-job:crm:task-reminders	CreatedAt	1796671807115	\N	0
27	recurring-job:crm:task-reminders	NextExecution	1796671860000	\N	0
28	recurring-job:crm:task-reminders	V	2	\N	0
29	recurring-job:crm:ticket-sla	Queue	default	\N	0
30	recurring-job:crm:ticket-sla	Cron	* * * * *	\N	0
31	recurring-job:crm:ticket-sla	TimeZoneId	UTC	\N	0
32	recurring-job:crm:ticket-sla	Job	{"t":"CrmCdp.Web.Modules.Crm.Tickets.TicketSlaJob, CrmCdp.Web","m":"RunAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
33	recurring-job:crm:ticket-sla	CreatedAt	1796671807121	\N	0
34	recurring-job:crm:ticket-sla	NextExecution	1796671860000	\N	0
35	recurring-job:crm:ticket-sla	V	2	\N	0
36	recurring-job:forms:process	Queue	default	\N	0
37	recurring-job:forms:process	Cron	* * * * *	\N	0
38	recurring-job:forms:process	TimeZoneId	UTC	\N	0
39	recurring-job:forms:process	Job	{"t":"CrmCdp.Web.Modules.Crm.Forms.FormSweepJob, CrmCdp.Web","m":"RunAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
40	recurring-job:forms:process	CreatedAt	1796671807126	\N	0
41	recurring-job:forms:process	NextExecution	1796671860000	\N	0
42	recurring-job:forms:process	V	2	\N	0
43	recurring-job:cdp:link-contacts	Queue	default	\N	0
44	recurring-job:cdp:link-contacts	Cron	* * * * *	\N	0
45	recurring-job:cdp:link-contacts	TimeZoneId	UTC	\N	0
46	recurring-job:cdp:link-contacts	Job	{"t":"CrmCdp.Web.Modules.Cdp.Profiles.ContactLinkJob, CrmCdp.Web","m":"RunAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
47	recurring-job:cdp:link-contacts	CreatedAt	1796671807132	\N	0
48	recurring-job:cdp:link-contacts	NextExecution	1796671860000	\N	0
49	recurring-job:cdp:link-contacts	V	2	\N	0
50	recurring-job:cdp:prune-deliveries	Queue	default	\N	0
51	recurring-job:cdp:prune-deliveries	Cron	0 4 * * *	\N	0
52	recurring-job:cdp:prune-deliveries	TimeZoneId	UTC	\N	0
53	recurring-job:cdp:prune-deliveries	Job	{"t":"CrmCdp.Web.Modules.Cdp.Destinations.DeliveryRetentionJob, CrmCdp.Web","m":"RunAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
54	recurring-job:cdp:prune-deliveries	CreatedAt	1796671807137	\N	0
55	recurring-job:cdp:prune-deliveries	NextExecution	1796702400000	\N	0
56	recurring-job:cdp:prune-deliveries	V	2	\N	0
57	recurring-job:cdp:reconcile-audiences	Queue	default	\N	0
58	recurring-job:cdp:reconcile-audiences	Cron	0 3 * * *	\N	0
59	recurring-job:cdp:reconcile-audiences	TimeZoneId	UTC	\N	0
60	recurring-job:cdp:reconcile-audiences	Job	{"t":"CrmCdp.Web.Modules.Cdp.Audiences.AudienceReconciliationJob, CrmCdp.Web","m":"RunAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
61	recurring-job:cdp:reconcile-audiences	CreatedAt	1796671807143	\N	0
62	recurring-job:cdp:reconcile-audiences	NextExecution	1796698800000	\N	0
63	recurring-job:cdp:reconcile-audiences	V	2	\N	0
64	recurring-job:cdp:refresh-segments	Queue	default	\N	0
65	recurring-job:cdp:refresh-segments	Cron	* * * * *	\N	0
66	recurring-job:cdp:refresh-segments	TimeZoneId	UTC	\N	0
67	recurring-job:cdp:refresh-segments	Job	{"t":"CrmCdp.Web.Modules.Cdp.Segments.SegmentRefreshJob, CrmCdp.Web","m":"RunAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
68	recurring-job:cdp:refresh-segments	CreatedAt	1796671807150	\N	0
69	recurring-job:cdp:refresh-segments	NextExecution	1796671860000	\N	0
70	recurring-job:cdp:refresh-segments	V	2	\N	0
71	recurring-job:cdp:event-maintenance	Queue	default	\N	0
72	recurring-job:cdp:event-maintenance	Cron	0 3 * * *	\N	0
73	recurring-job:cdp:event-maintenance	TimeZoneId	UTC	\N	0
74	recurring-job:cdp:event-maintenance	Job	{"t":"CrmCdp.Web.Modules.Cdp.Ingestion.EventMaintenanceJob, CrmCdp.Web","m":"RunAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
75	recurring-job:cdp:event-maintenance	CreatedAt	1796671807157	\N	0
76	recurring-job:cdp:event-maintenance	NextExecution	1796698800000	\N	0
77	recurring-job:cdp:event-maintenance	V	2	\N	0
78	recurring-job:marketing:journey-schedules	Queue	default	\N	0
79	recurring-job:marketing:journey-schedules	Cron	* * * * *	\N	0
80	recurring-job:marketing:journey-schedules	TimeZoneId	UTC	\N	0
81	recurring-job:marketing:journey-schedules	Job	{"t":"CrmCdp.Web.Modules.Marketing.Journeys.JourneyScheduleJob, CrmCdp.Web","m":"RunAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
82	recurring-job:marketing:journey-schedules	CreatedAt	1796671807163	\N	0
83	recurring-job:marketing:journey-schedules	NextExecution	1796671860000	\N	0
84	recurring-job:marketing:journey-schedules	V	2	\N	0
85	recurring-job:marketing:send-campaigns	Queue	default	\N	0
86	recurring-job:marketing:send-campaigns	Cron	* * * * *	\N	0
87	recurring-job:marketing:send-campaigns	TimeZoneId	UTC	\N	0
88	recurring-job:marketing:send-campaigns	Job	{"t":"CrmCdp.Web.Modules.Marketing.Campaigns.CampaignSendJob, CrmCdp.Web","m":"RunAsync","p":["System.Threading.CancellationToken, mscorlib"],"a":[null]}	\N	0
89	recurring-job:marketing:send-campaigns	CreatedAt	1796671807169	\N	0
90	recurring-job:marketing:send-campaigns	NextExecution	1796671860000	\N	0
91	recurring-job:marketing:send-campaigns	V	2	\N	0
\.


--
-- Data for Name: job; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.job (id, stateid, statename, invocationdata, arguments, createdat, expireat, updatecount) FROM stdin;
1	3	Succeeded	{"Type": "CrmCdp.Web.Modules.Cdp.Segments.SegmentRefreshJob, CrmCdp.Web", "Method": "RefreshOneAsync", "Arguments": "[\\"\\\\\\"01a251fc-83dd-7a05-aab1-5eead9348e58\\\\\\"\\",null]", "ParameterTypes": "[\\"System.Guid, mscorlib\\",\\"System.Threading.CancellationToken, mscorlib\\"]"}	["\\"01a251fc-83dd-7a05-aab1-5eead9348e58\\"", null]	2026-12-07 19:30:33.112679+00	2026-12-08 19:30:33.261017+00	0
\.


--
-- Data for Name: jobparameter; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.jobparameter (id, jobid, name, value, updatecount) FROM stdin;
1	1	CurrentCulture	""	0
\.


--
-- Data for Name: jobqueue; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.jobqueue (id, jobid, queue, fetchedat, updatecount) FROM stdin;
\.


--
-- Data for Name: list; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.list (id, key, value, expireat, updatecount) FROM stdin;
\.


--
-- Data for Name: lock; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.lock (resource, updatecount, acquired) FROM stdin;
\.


--
-- Data for Name: schema; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.schema (version) FROM stdin;
23
\.


--
-- Data for Name: server; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.server (id, data, lastheartbeat, updatecount) FROM stdin;
\.


--
-- Data for Name: set; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.set (id, key, score, value, expireat, updatecount) FROM stdin;
1	recurring-jobs	1796698800	housekeeping:expired-sessions	\N	0
2	recurring-jobs	1796671860	email:deliver	\N	0
3	recurring-jobs	1796671860	email:fetch	\N	0
4	recurring-jobs	1796671860	crm:task-reminders	\N	0
5	recurring-jobs	1796671860	crm:ticket-sla	\N	0
6	recurring-jobs	1796671860	forms:process	\N	0
7	recurring-jobs	1796671860	cdp:link-contacts	\N	0
8	recurring-jobs	1796702400	cdp:prune-deliveries	\N	0
9	recurring-jobs	1796698800	cdp:reconcile-audiences	\N	0
10	recurring-jobs	1796671860	cdp:refresh-segments	\N	0
11	recurring-jobs	1796698800	cdp:event-maintenance	\N	0
12	recurring-jobs	1796671860	marketing:journey-schedules	\N	0
13	recurring-jobs	1796671860	marketing:send-campaigns	\N	0
\.


--
-- Data for Name: state; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.state (id, jobid, name, reason, createdat, data, updatecount) FROM stdin;
1	1	Enqueued	\N	2026-12-07 19:30:33.137746+00	{"Queue": "default", "EnqueuedAt": "1796671833099"}	0
2	1	Processing	\N	2026-12-07 19:30:33.182983+00	{"ServerId": "vm:26536:16e69cb3-36f2-4fc3-9bf9-11fb727ab3a1", "WorkerId": "12cc6496-59a9-4a15-83dd-6c7883e40994", "StartedAt": "1796671833153"}	0
3	1	Succeeded	\N	2026-12-07 19:30:33.262479+00	{"Latency": "73", "SucceededAt": "1796671833255", "PerformanceDuration": "69"}	0
\.


--
-- Data for Name: admin_api_keys; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_api_keys (id, name, prefix, key_hash, role_id, created_by_user_id, created_at, expires_at, revoked_at, last_used_at) FROM stdin;
3a189b0b-28a7-4e4b-8cf4-59d0ebb14f91	Bootstrap key	crm_upgrade_	eb824a843b05cdf23cae0bfd487888f17c23c67d8ef46f4e6840948b746ad302	01a251fc-1bbe-76dc-8723-93c7b8360db9	\N	2026-12-07 19:30:06.870723+00	\N	\N	2026-12-07 19:30:19.130268+00
\.


--
-- Data for Name: admin_audit_log; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_audit_log (id, at, user_id, actor, action, record_type, record_id, field, before, after, summary, ip_address) FROM stdin;
1	2026-12-07 19:30:19.578339+00	\N	\N	crm.company.created	company	01a251fc-4f4d-7e5e-908e-e9d24db5af69	\N	\N	\N	\N	\N
2	2026-12-07 19:30:19.807466+00	\N	\N	crm.contact.created	contact	01a251fc-5029-7667-971f-cc9ffe91aad4	\N	\N	\N	\N	\N
3	2026-12-07 19:30:20.08936+00	\N	\N	crm.deal.created	deal	01a251fc-514e-79e7-b2f2-fa094c2d1dd1	\N	\N	\N	\N	\N
4	2026-12-07 19:30:20.31857+00	\N	\N	crm.ticket.created	ticket	01a251fc-521f-7bed-8860-beebc33649c7	\N	\N	\N	\N	\N
5	2026-12-07 19:30:20.618945+00	\N	API key Bootstrap key	admin.user.created	user	01a251fc-52e5-7dce-9bdf-4dc4f265f2a9	\N	\N	\N	Created user rep@upgrade.example with roles SalesRep	127.0.0.1
6	2026-12-07 19:30:20.693536+00	\N	API key Bootstrap key	cdp.source.changed	source	01a251fc-5387-75e6-88ca-5ce7ab6d8270	\N	\N	\N	Created source Upgrade site (server)	127.0.0.1
7	2026-12-07 19:30:33.087801+00	\N	API key Bootstrap key	cdp.segment.created	segment	01a251fc-83dd-7a05-aab1-5eead9348e58	\N	\N	{"type":"trait","field":"plan","operator":"equals","value":"pro"}	Created segment Upgrade pro plan	127.0.0.1
\.


--
-- Data for Name: admin_known_permissions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_known_permissions (name, first_seen_at) FROM stdin;
admin.apikeys.manage	2026-12-07 19:30:06.540753+00
admin.audit.export	2026-12-07 19:30:06.540753+00
admin.audit.read	2026-12-07 19:30:06.540753+00
admin.customfields.manage	2026-12-07 19:30:06.540753+00
admin.email.manage	2026-12-07 19:30:06.540753+00
admin.emailtemplates.manage	2026-12-07 19:30:06.540753+00
admin.jobs	2026-12-07 19:30:06.540753+00
admin.pipelines.manage	2026-12-07 19:30:06.540753+00
admin.quotas.manage	2026-12-07 19:30:06.540753+00
admin.roles.manage	2026-12-07 19:30:06.540753+00
admin.users.manage	2026-12-07 19:30:06.540753+00
cdp.activations.manage	2026-12-07 19:30:06.540753+00
cdp.computedtraits.manage	2026-12-07 19:30:06.540753+00
cdp.destinations.manage	2026-12-07 19:30:06.540753+00
cdp.insights.read	2026-12-07 19:30:06.540753+00
cdp.linkedprofiles.read	2026-12-07 19:30:06.540753+00
cdp.profiles.edit	2026-12-07 19:30:06.540753+00
cdp.profiles.read	2026-12-07 19:30:06.540753+00
cdp.segments.export	2026-12-07 19:30:06.540753+00
cdp.segments.manage	2026-12-07 19:30:06.540753+00
cdp.segments.read	2026-12-07 19:30:06.540753+00
cdp.sources.manage	2026-12-07 19:30:06.540753+00
crm.activities.create	2026-12-07 19:30:06.540753+00
crm.activities.delete	2026-12-07 19:30:06.540753+00
crm.activities.edit	2026-12-07 19:30:06.540753+00
crm.activities.read	2026-12-07 19:30:06.540753+00
crm.companies.create	2026-12-07 19:30:06.540753+00
crm.companies.delete	2026-12-07 19:30:06.540753+00
crm.companies.edit	2026-12-07 19:30:06.540753+00
crm.companies.export	2026-12-07 19:30:06.540753+00
crm.companies.import	2026-12-07 19:30:06.540753+00
crm.companies.read	2026-12-07 19:30:06.540753+00
crm.contacts.create	2026-12-07 19:30:06.540753+00
crm.contacts.delete	2026-12-07 19:30:06.540753+00
crm.contacts.edit	2026-12-07 19:30:06.540753+00
crm.contacts.export	2026-12-07 19:30:06.540753+00
crm.contacts.import	2026-12-07 19:30:06.540753+00
crm.contacts.read	2026-12-07 19:30:06.540753+00
crm.deals.create	2026-12-07 19:30:06.540753+00
crm.deals.delete	2026-12-07 19:30:06.540753+00
crm.deals.edit	2026-12-07 19:30:06.540753+00
crm.deals.export	2026-12-07 19:30:06.540753+00
crm.deals.read	2026-12-07 19:30:06.540753+00
crm.emails.send	2026-12-07 19:30:06.540753+00
crm.forms.manage	2026-12-07 19:30:06.540753+00
crm.records.restore	2026-12-07 19:30:06.540753+00
crm.tasks.create	2026-12-07 19:30:06.540753+00
crm.tasks.delete	2026-12-07 19:30:06.540753+00
crm.tasks.edit	2026-12-07 19:30:06.540753+00
crm.tasks.read	2026-12-07 19:30:06.540753+00
crm.tickets.create	2026-12-07 19:30:06.540753+00
crm.tickets.delete	2026-12-07 19:30:06.540753+00
crm.tickets.edit	2026-12-07 19:30:06.540753+00
crm.tickets.read	2026-12-07 19:30:06.540753+00
marketing.campaigns.send	2026-12-07 19:30:06.540753+00
marketing.email.manage	2026-12-07 19:30:06.540753+00
marketing.journeys.manage	2026-12-07 19:30:06.540753+00
privacy.pii.reveal	2026-12-07 19:30:06.540753+00
privacy.pii.view	2026-12-07 19:30:06.540753+00
privacy.requests.manage	2026-12-07 19:30:06.540753+00
\.


--
-- Data for Name: admin_privacy_requests; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_privacy_requests (id, kind, identifier_kind, identifier_hash, identifier_masked, protected_identifier, status, requested_by_user_id, requested_at, completed_at, report_json, result_json, failure) FROM stdin;
\.


--
-- Data for Name: admin_role_claims; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_role_claims (id, role_id, claim_type, claim_value) FROM stdin;
\.


--
-- Data for Name: admin_role_permissions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_role_permissions (role_id, permission, scope) FROM stdin;
01a251fc-1bbe-76dc-8723-93c7b8360db9	admin.apikeys.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	admin.audit.export	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	admin.audit.read	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	admin.customfields.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	admin.email.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	admin.emailtemplates.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	admin.jobs	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	admin.pipelines.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	admin.quotas.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	admin.roles.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	admin.users.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	cdp.activations.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	cdp.computedtraits.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	cdp.destinations.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	cdp.insights.read	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	cdp.linkedprofiles.read	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	cdp.profiles.edit	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	cdp.profiles.read	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	cdp.segments.export	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	cdp.segments.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	cdp.segments.read	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	cdp.sources.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.activities.create	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.activities.delete	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.activities.edit	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.activities.read	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.companies.create	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.companies.delete	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.companies.edit	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.companies.export	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.companies.import	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.companies.read	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.contacts.create	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.contacts.delete	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.contacts.edit	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.contacts.export	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.contacts.import	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.contacts.read	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.deals.create	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.deals.delete	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.deals.edit	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.deals.export	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.deals.read	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.emails.send	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.forms.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.records.restore	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.tasks.create	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.tasks.delete	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.tasks.edit	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.tasks.read	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.tickets.create	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.tickets.delete	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.tickets.edit	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	crm.tickets.read	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	marketing.campaigns.send	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	marketing.email.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	marketing.journeys.manage	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	privacy.pii.reveal	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	privacy.pii.view	All
01a251fc-1bbe-76dc-8723-93c7b8360db9	privacy.requests.manage	All
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	admin.emailtemplates.manage	All
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	cdp.insights.read	All
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	cdp.linkedprofiles.read	All
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.activities.create	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.activities.delete	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.activities.edit	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.activities.read	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.companies.create	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.companies.delete	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.companies.edit	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.companies.export	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.companies.import	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.companies.read	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.contacts.create	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.contacts.delete	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.contacts.edit	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.contacts.export	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.contacts.import	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.contacts.read	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.deals.create	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.deals.delete	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.deals.edit	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.deals.export	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.deals.read	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.emails.send	All
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.tasks.create	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.tasks.delete	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.tasks.edit	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.tasks.read	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	crm.tickets.read	Team
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	privacy.pii.view	All
01a251fc-1c31-7910-b7fa-de26679b174f	cdp.linkedprofiles.read	All
01a251fc-1c31-7910-b7fa-de26679b174f	crm.activities.create	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.activities.delete	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.activities.edit	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.activities.read	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.companies.create	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.companies.delete	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.companies.edit	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.companies.import	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.companies.read	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.contacts.create	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.contacts.delete	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.contacts.edit	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.contacts.import	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.contacts.read	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.deals.create	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.deals.delete	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.deals.edit	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.deals.read	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.emails.send	All
01a251fc-1c31-7910-b7fa-de26679b174f	crm.tasks.create	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.tasks.delete	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.tasks.edit	Own
01a251fc-1c31-7910-b7fa-de26679b174f	crm.tasks.read	Own
01a251fc-1c31-7910-b7fa-de26679b174f	privacy.pii.view	All
01a251fc-1c32-70be-a931-5df9a18eb788	admin.emailtemplates.manage	All
01a251fc-1c32-70be-a931-5df9a18eb788	cdp.activations.manage	All
01a251fc-1c32-70be-a931-5df9a18eb788	cdp.computedtraits.manage	All
01a251fc-1c32-70be-a931-5df9a18eb788	cdp.destinations.manage	All
01a251fc-1c32-70be-a931-5df9a18eb788	cdp.insights.read	All
01a251fc-1c32-70be-a931-5df9a18eb788	cdp.profiles.edit	All
01a251fc-1c32-70be-a931-5df9a18eb788	cdp.profiles.read	All
01a251fc-1c32-70be-a931-5df9a18eb788	cdp.segments.export	All
01a251fc-1c32-70be-a931-5df9a18eb788	cdp.segments.manage	All
01a251fc-1c32-70be-a931-5df9a18eb788	cdp.segments.read	All
01a251fc-1c32-70be-a931-5df9a18eb788	cdp.sources.manage	All
01a251fc-1c32-70be-a931-5df9a18eb788	crm.activities.read	All
01a251fc-1c32-70be-a931-5df9a18eb788	crm.companies.export	All
01a251fc-1c32-70be-a931-5df9a18eb788	crm.companies.read	All
01a251fc-1c32-70be-a931-5df9a18eb788	crm.contacts.export	All
01a251fc-1c32-70be-a931-5df9a18eb788	crm.contacts.read	All
01a251fc-1c32-70be-a931-5df9a18eb788	crm.deals.read	All
01a251fc-1c32-70be-a931-5df9a18eb788	crm.forms.manage	All
01a251fc-1c32-70be-a931-5df9a18eb788	marketing.campaigns.send	All
01a251fc-1c32-70be-a931-5df9a18eb788	marketing.email.manage	All
01a251fc-1c32-70be-a931-5df9a18eb788	marketing.journeys.manage	All
01a251fc-1c33-7082-b0a7-589274cb7df4	cdp.linkedprofiles.read	All
01a251fc-1c33-7082-b0a7-589274cb7df4	crm.activities.create	All
01a251fc-1c33-7082-b0a7-589274cb7df4	crm.activities.read	All
01a251fc-1c33-7082-b0a7-589274cb7df4	crm.companies.read	All
01a251fc-1c33-7082-b0a7-589274cb7df4	crm.contacts.read	All
01a251fc-1c33-7082-b0a7-589274cb7df4	crm.emails.send	All
01a251fc-1c33-7082-b0a7-589274cb7df4	crm.tasks.create	Own
01a251fc-1c33-7082-b0a7-589274cb7df4	crm.tasks.edit	Own
01a251fc-1c33-7082-b0a7-589274cb7df4	crm.tasks.read	Own
01a251fc-1c33-7082-b0a7-589274cb7df4	crm.tickets.create	Team
01a251fc-1c33-7082-b0a7-589274cb7df4	crm.tickets.edit	Team
01a251fc-1c33-7082-b0a7-589274cb7df4	crm.tickets.read	Team
01a251fc-1c33-7082-b0a7-589274cb7df4	privacy.pii.reveal	All
\.


--
-- Data for Name: admin_roles; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_roles (id, description, is_built_in, name, normalized_name, concurrency_stamp, require_two_factor) FROM stdin;
01a251fc-1bbe-76dc-8723-93c7b8360db9	Manages users, roles, API keys and every record.	t	Admin	ADMIN	2111cc30-dd88-430f-a8b9-521beb6e0562	f
01a251fc-1c2d-7af5-afe5-2fd1097fcf8e	Leads a sales team: the team's records, reports, exports.	t	SalesManager	SALESMANAGER	4024861c-15d0-47e1-a2d1-58f3321ea26b	f
01a251fc-1c31-7910-b7fa-de26679b174f	Works their own contacts, companies and tasks.	t	SalesRep	SALESREP	3555236f-271c-4fde-bd57-01859478ec40	f
01a251fc-1c32-70be-a931-5df9a18eb788	Builds segments and manages data sources; reads and exports all contacts, with personal data masked.	t	Marketer	MARKETER	3da5502c-25e8-47f1-9ead-d3ee50cc6db6	f
01a251fc-1c33-7082-b0a7-589274cb7df4	Answers support tickets; reads all contacts and companies (personal data revealed on demand), edits none.	t	SupportAgent	SUPPORTAGENT	a87a53b6-ac8b-4b84-bd7f-2993850ea0f9	f
\.


--
-- Data for Name: admin_team_members; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_team_members (team_id, user_id) FROM stdin;
\.


--
-- Data for Name: admin_teams; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_teams (id, name, lead_user_id) FROM stdin;
\.


--
-- Data for Name: admin_user_claims; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_user_claims (id, user_id, claim_type, claim_value) FROM stdin;
\.


--
-- Data for Name: admin_user_logins; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_user_logins (login_provider, provider_key, provider_display_name, user_id) FROM stdin;
\.


--
-- Data for Name: admin_user_roles; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_user_roles (user_id, role_id) FROM stdin;
01a251fc-1d04-7eb5-909e-adf998fb835b	01a251fc-1bbe-76dc-8723-93c7b8360db9
01a251fc-52e5-7dce-9bdf-4dc4f265f2a9	01a251fc-1c31-7910-b7fa-de26679b174f
\.


--
-- Data for Name: admin_user_sessions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_user_sessions (id, user_id, ticket, created_at, last_seen_at, expires_at) FROM stdin;
\.


--
-- Data for Name: admin_user_tokens; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_user_tokens (user_id, login_provider, name, value) FROM stdin;
\.


--
-- Data for Name: admin_users; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_users (id, display_name, created_at, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number, phone_number_confirmed, two_factor_enabled, lockout_end, lockout_enabled, access_failed_count, deactivated_at, is_away) FROM stdin;
01a251fc-1d04-7eb5-909e-adf998fb835b	Administrator	2026-12-07 19:30:06.632238+00	admin@upgrade.example	ADMIN@UPGRADE.EXAMPLE	admin@upgrade.example	ADMIN@UPGRADE.EXAMPLE	t	AQAAAAIAAYagAAAAEIZgjGQO/RvVuAIfoL9XacSqs11/pnQ7u0cJDC9EKKAzsodUDhynnd7KrV4kPrZsJQ==	6OQ7JF4HOXIQG4VVX3ODKOQ5EHEAURPN	778964a7-21a2-4db2-97fa-49ab806736bd	\N	f	f	\N	t	0	\N	f
01a251fc-52e5-7dce-9bdf-4dc4f265f2a9	Upgrade Rep	2026-12-07 19:30:20.518045+00	rep@upgrade.example	REP@UPGRADE.EXAMPLE	rep@upgrade.example	REP@UPGRADE.EXAMPLE	t	AQAAAAIAAYagAAAAEHWd1PA+hsQUNQGisqfoVxvIWVOD3X6PVpDnvuWBv9mTwd+BAyk5FbZu5mVtHgLaqA==	7FJ7EWIP7S3AKR7VFAOYHNOYEFIWQEJ6	faa4d26f-4c6e-4d15-bafa-020194b594d2	\N	f	f	\N	t	0	\N	f
\.


--
-- Data for Name: cdp_audience_checkpoints; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_audience_checkpoints (name, last_change_id, swept_to, updated_at) FROM stdin;
destinations:crm-facts	3	\N	2026-12-07 19:30:22.422468+00
destinations:events	7	\N	2026-12-07 19:30:28.011092+00
feed:crm-activation	1	\N	2026-12-07 19:30:33.242372+00
feed:destinations	1	\N	2026-12-07 19:30:33.250565+00
feed:journeys	1	\N	2026-12-07 19:30:33.253899+00
window-edges	0	2026-12-07 19:30:37.469171+00	2026-12-07 19:30:37.469419+00
\.


--
-- Data for Name: cdp_audience_queue; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_audience_queue (profile_id, queued_at, id) FROM stdin;
\.


--
-- Data for Name: cdp_computed_traits; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_computed_traits (id, key, name, window_days, rules, cap, last_computed_at, created_at, updated_at, event, half_life_days, kind, property, "where", within) FROM stdin;
019ab5a0-0000-7000-8000-000000000001	intent_score	Intent score	14	[{"event": "Pricing Viewed", "points": 10}, {"event": "Demo Requested", "points": 40}, {"event": "Trial Started", "points": 30}, {"event": "Signed Up", "points": 20}, {"event": "page", "points": 1}]	100	\N	2026-12-07 19:30:04.59918+00	2026-12-07 19:30:04.59918+00	\N	\N	score	\N	\N	\N
\.


--
-- Data for Name: cdp_consent_changes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_consent_changes (id, profile_id, source, event_id, contact_id, state, at) FROM stdin;
1	01a251fc-6f4e-7b38-a234-76db877020ce	event	3	\N	{"categoryPreferences": {"Advertising": true}, "categoryPreferencesAt": "2026-12-01T10:02:00+00:00"}	2026-12-01 10:02:00+00
\.


--
-- Data for Name: cdp_dashboards; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_dashboards (id, name, description, owner_user_id, shared, refresh_seconds, tiles, created_at, updated_at) FROM stdin;
\.


--
-- Data for Name: cdp_deliveries; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_deliveries (id, destination_id, webhook_id, kind, payload, event_count, status, attempts, next_attempt_at, lease_until, last_status_code, last_error, created_at, delivered_at) FROM stdin;
\.


--
-- Data for Name: cdp_delivery_attempts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_delivery_attempts (id, delivery_id, destination_id, at, status_code, latency_ms, response_excerpt, error) FROM stdin;
\.


--
-- Data for Name: cdp_destinations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_destinations (id, name, type, url, headers, enabled, disabled_reason, subscriptions, batch_size, consent_category, include_pii, protected_secret, previous_protected_secret, previous_secret_expires_at, failing_since, created_by_user_id, created_at, updated_at) FROM stdin;
\.


--
-- Data for Name: cdp_event_profiles; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_event_profiles (event_id, "timestamp", profile_id, type, name) FROM stdin;
1	2026-12-01 10:00:00+00	01a251fc-6f4e-7b38-a234-76db877020ce	track	Product Viewed
2	2026-12-01 10:01:00+00	01a251fc-6f4e-7b38-a234-76db877020ce	page	Pricing
3	2026-12-01 10:02:00+00	01a251fc-6f4e-7b38-a234-76db877020ce	identify	
4	2026-12-02 09:00:00+00	01a251fc-6f4e-7b38-a234-76db877020ce	track	Product Viewed
5	2026-12-02 09:30:00+00	01a251fc-6f4e-7b38-a234-76db877020ce	track	Order Completed
6	2026-12-03 08:00:00+00	01a251fc-6f59-7ba4-bfc5-2041b0d35e15	identify	
7	2026-12-03 08:05:00+00	01a251fc-6f59-7ba4-bfc5-2041b0d35e15	track	Product Viewed
\.


--
-- Data for Name: cdp_events_2025_12; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2025_12 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_2026_01; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2026_01 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_2026_02; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2026_02 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_2026_03; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2026_03 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_2026_04; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2026_04 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_2026_05; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2026_05 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_2026_06; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2026_06 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_2026_07; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2026_07 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_2026_08; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2026_08 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_2026_09; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2026_09 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_2026_10; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2026_10 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_2026_11; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2026_11 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_2026_12; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2026_12 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
1	01a251fc-5387-75e6-88ca-5ce7ab6d8270	upgrade-1	track	Product Viewed	\N	anon-upgrade-1	\N	\N	2026-12-01 10:00:00+00	2026-12-07 19:30:27.078041+00	\N	f	{"type": "track", "event": "Product Viewed", "messageId": "upgrade-1", "timestamp": "2026-12-01T10:00:00Z", "properties": {"price": 150, "category": "shoes"}, "anonymousId": "anon-upgrade-1"}	\N
2	01a251fc-5387-75e6-88ca-5ce7ab6d8270	upgrade-2	page	Pricing	\N	anon-upgrade-1	\N	\N	2026-12-01 10:01:00+00	2026-12-07 19:30:27.078041+00	\N	f	{"name": "Pricing", "type": "page", "messageId": "upgrade-2", "timestamp": "2026-12-01T10:01:00Z", "properties": {"path": "/pricing"}, "anonymousId": "anon-upgrade-1"}	\N
3	01a251fc-5387-75e6-88ca-5ce7ab6d8270	upgrade-3	identify	\N	user-upgrade-1	anon-upgrade-1	\N	\N	2026-12-01 10:02:00+00	2026-12-07 19:30:27.078041+00	\N	f	{"type": "identify", "traits": {"plan": "pro", "email": "ada@upgrade.example"}, "userId": "user-upgrade-1", "context": {"consent": {"categoryPreferences": {"Advertising": true}}}, "messageId": "upgrade-3", "timestamp": "2026-12-01T10:02:00Z", "anonymousId": "anon-upgrade-1"}	\N
4	01a251fc-5387-75e6-88ca-5ce7ab6d8270	upgrade-4	track	Product Viewed	user-upgrade-1	\N	\N	\N	2026-12-02 09:00:00+00	2026-12-07 19:30:27.078041+00	\N	f	{"type": "track", "event": "Product Viewed", "userId": "user-upgrade-1", "messageId": "upgrade-4", "timestamp": "2026-12-02T09:00:00Z", "properties": {"price": 40, "category": "hats"}}	\N
5	01a251fc-5387-75e6-88ca-5ce7ab6d8270	upgrade-5	track	Order Completed	user-upgrade-1	\N	\N	\N	2026-12-02 09:30:00+00	2026-12-07 19:30:27.078041+00	\N	f	{"type": "track", "event": "Order Completed", "userId": "user-upgrade-1", "messageId": "upgrade-5", "timestamp": "2026-12-02T09:30:00Z", "properties": {"total": 190, "currency": "EUR"}}	\N
6	01a251fc-5387-75e6-88ca-5ce7ab6d8270	upgrade-6	identify	\N	user-upgrade-2	\N	\N	\N	2026-12-03 08:00:00+00	2026-12-07 19:30:27.078041+00	\N	f	{"type": "identify", "traits": {"plan": "free", "email": "grace@upgrade.example"}, "userId": "user-upgrade-2", "messageId": "upgrade-6", "timestamp": "2026-12-03T08:00:00Z"}	\N
7	01a251fc-5387-75e6-88ca-5ce7ab6d8270	upgrade-7	track	Product Viewed	user-upgrade-2	\N	\N	\N	2026-12-03 08:05:00+00	2026-12-07 19:30:27.078041+00	\N	f	{"type": "track", "event": "Product Viewed", "userId": "user-upgrade-2", "messageId": "upgrade-7", "timestamp": "2026-12-03T08:05:00Z", "properties": {"price": 90, "category": "shoes"}}	\N
\.


--
-- Data for Name: cdp_events_2027_01; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2027_01 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_2027_02; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2027_02 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_2027_03; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_2027_03 (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_events_default; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_events_default (id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations) FROM stdin;
\.


--
-- Data for Name: cdp_identifiers; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_identifiers (type, value, profile_id, first_seen_at) FROM stdin;
anonymous_id	anon-upgrade-1	01a251fc-6f4e-7b38-a234-76db877020ce	2026-12-01 10:00:00+00
user_id	user-upgrade-1	01a251fc-6f4e-7b38-a234-76db877020ce	2026-12-01 10:02:00+00
email	ada@upgrade.example	01a251fc-6f4e-7b38-a234-76db877020ce	2026-12-01 10:02:00+00
user_id	user-upgrade-2	01a251fc-6f59-7ba4-bfc5-2041b0d35e15	2026-12-03 08:00:00+00
email	grace@upgrade.example	01a251fc-6f59-7ba4-bfc5-2041b0d35e15	2026-12-03 08:00:00+00
\.


--
-- Data for Name: cdp_identity_settings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_identity_settings (name, rules, updated_at, updated_by_user_id) FROM stdin;
\.


--
-- Data for Name: cdp_message_ids; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_message_ids (source_id, message_id, received_at) FROM stdin;
01a251fc-5387-75e6-88ca-5ce7ab6d8270	upgrade-1	2026-12-07 19:30:27.078041+00
01a251fc-5387-75e6-88ca-5ce7ab6d8270	upgrade-2	2026-12-07 19:30:27.078041+00
01a251fc-5387-75e6-88ca-5ce7ab6d8270	upgrade-3	2026-12-07 19:30:27.078041+00
01a251fc-5387-75e6-88ca-5ce7ab6d8270	upgrade-4	2026-12-07 19:30:27.078041+00
01a251fc-5387-75e6-88ca-5ce7ab6d8270	upgrade-5	2026-12-07 19:30:27.078041+00
01a251fc-5387-75e6-88ca-5ce7ab6d8270	upgrade-6	2026-12-07 19:30:27.078041+00
01a251fc-5387-75e6-88ca-5ce7ab6d8270	upgrade-7	2026-12-07 19:30:27.078041+00
\.


--
-- Data for Name: cdp_profile_computed; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_profile_computed (profile_id, key, value, computed_at, text_value) FROM stdin;
01a251fc-6f4e-7b38-a234-76db877020ce	intent_score	1.00	2026-12-07 19:30:28.044299+00	\N
\.


--
-- Data for Name: cdp_profile_event_days; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_profile_event_days (profile_id, day, type, name, count, first_at, last_at) FROM stdin;
01a251fc-6f4e-7b38-a234-76db877020ce	2026-12-02	track	Product Viewed	1	2026-12-02 09:00:00+00	2026-12-02 09:00:00+00
01a251fc-6f4e-7b38-a234-76db877020ce	2026-12-01	track	Product Viewed	1	2026-12-01 10:00:00+00	2026-12-01 10:00:00+00
01a251fc-6f59-7ba4-bfc5-2041b0d35e15	2026-12-03	track	Product Viewed	1	2026-12-03 08:05:00+00	2026-12-03 08:05:00+00
01a251fc-6f4e-7b38-a234-76db877020ce	2026-12-01	page	Pricing	1	2026-12-01 10:01:00+00	2026-12-01 10:01:00+00
01a251fc-6f59-7ba4-bfc5-2041b0d35e15	2026-12-03	identify		1	2026-12-03 08:00:00+00	2026-12-03 08:00:00+00
01a251fc-6f4e-7b38-a234-76db877020ce	2026-12-02	track	Order Completed	1	2026-12-02 09:30:00+00	2026-12-02 09:30:00+00
01a251fc-6f4e-7b38-a234-76db877020ce	2026-12-01	identify		1	2026-12-01 10:02:00+00	2026-12-01 10:02:00+00
\.


--
-- Data for Name: cdp_profile_merges; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_profile_merges (id, kind, survivor_id, merged_id, via_type, via_value, anchor_type, anchor_value, event_id, rule, actor_user_id, at) FROM stdin;
\.


--
-- Data for Name: cdp_profiles; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_profiles (id, seq, merged_into_id, traits, trait_sources, first_seen_at, last_seen_at, event_count, contact_id, created_at, updated_at, consent) FROM stdin;
01a251fc-6f59-7ba4-bfc5-2041b0d35e15	2	\N	{"plan": "free", "email": "grace@upgrade.example"}	{"plan": {"at": "2026-12-03T08:00:00+00:00", "eventId": 6, "sourceId": "01a251fc-5387-75e6-88ca-5ce7ab6d8270"}, "email": {"at": "2026-12-03T08:00:00+00:00", "eventId": 6, "sourceId": "01a251fc-5387-75e6-88ca-5ce7ab6d8270"}}	2026-12-03 08:00:00+00	2026-12-03 08:05:00+00	2	\N	2026-12-07 19:30:27.766619+00	2026-12-07 19:30:27.766619+00	{}
01a251fc-6f4e-7b38-a234-76db877020ce	1	\N	{"plan": "pro", "email": "ada@upgrade.example"}	{"plan": {"at": "2026-12-01T10:02:00+00:00", "eventId": 3, "sourceId": "01a251fc-5387-75e6-88ca-5ce7ab6d8270"}, "email": {"at": "2026-12-01T10:02:00+00:00", "eventId": 3, "sourceId": "01a251fc-5387-75e6-88ca-5ce7ab6d8270"}}	2026-12-01 10:00:00+00	2026-12-02 09:30:00+00	5	01a251fc-5029-7667-971f-cc9ffe91aad4	2026-12-07 19:30:27.766619+00	2026-12-07 19:30:27.766619+00	{"categoryPreferences": {"Advertising": true}, "categoryPreferencesAt": "2026-12-01T10:02:00+00:00"}
\.


--
-- Data for Name: cdp_resolution_checkpoints; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_resolution_checkpoints (name, last_event_id, last_received_at, updated_at) FROM stdin;
identity	7	2026-12-07 19:30:27.078041+00	2026-12-07 19:30:27.766619+00
\.


--
-- Data for Name: cdp_segment_activations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_segment_activations (id, change_id, segment_id, profile_id, outcome, task_id, at) FROM stdin;
\.


--
-- Data for Name: cdp_segment_changes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_segment_changes (id, segment_id, profile_id, kind, at) FROM stdin;
1	01a251fc-83dd-7a05-aab1-5eead9348e58	01a251fc-6f4e-7b38-a234-76db877020ce	entered	2026-12-07 19:30:33.202499+00
\.


--
-- Data for Name: cdp_segment_members; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_segment_members (segment_id, profile_id, entered_at) FROM stdin;
01a251fc-83dd-7a05-aab1-5eead9348e58	01a251fc-6f4e-7b38-a234-76db877020ce	2026-12-07 19:30:33.202499+00
\.


--
-- Data for Name: cdp_segments; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_segments (id, name, description, definition, consent_category, activation_enabled, activation_enabled_at, task_title, task_due_in_days, member_count, last_computed_at, created_by_user_id, created_at, updated_at, version, is_static) FROM stdin;
01a251fc-83dd-7a05-aab1-5eead9348e58	Upgrade pro plan	\N	{"type": "trait", "field": "plan", "value": "pro", "operator": "equals"}	\N	f	\N	Call {name}: entered {segment}	1	1	2026-12-07 19:30:33.202499+00	\N	2026-12-07 19:30:33.053712+00	2026-12-07 19:30:33.053712+00	1	f
\.


--
-- Data for Name: cdp_sources; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_sources (id, name, type, write_key_hash, write_key_prefix, previous_write_key_hash, previous_key_expires_at, enabled, created_by_user_id, created_at) FROM stdin;
01a251fc-5387-75e6-88ca-5ce7ab6d8270	Upgrade site	server	69ace8bf68d733bf4af8c2531e0dc40416f5ed28fdc418f88e17bae30a6552fc	wk_lpvCWnE	\N	\N	t	\N	2026-12-07 19:30:20.679892+00
\.


--
-- Data for Name: cdp_tracking_plan_violations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_tracking_plan_violations (source_id, rule, violations, blocked, last_seen_at) FROM stdin;
\.


--
-- Data for Name: cdp_tracking_plans; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cdp_tracking_plans (source_id, mode, updated_at, updated_by_user_id, rules) FROM stdin;
\.


--
-- Data for Name: crm_activities; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_activities (id, type, contact_id, company_id, subject, body, occurred_at, call_outcome, duration_minutes, ends_at, attendees, owner_id, created_at, deleted_at, deal_id, is_private) FROM stdin;
\.


--
-- Data for Name: crm_calendar_feeds; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_calendar_feeds (user_id, token_hash, created_at) FROM stdin;
\.


--
-- Data for Name: crm_companies; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_companies (id, name, domain, industry, employees, street, city, region, postal_code, country, phone, owner_id, tags, notes, created_at, updated_at, deleted_at, custom_fields) FROM stdin;
01a251fc-4f4d-7e5e-908e-e9d24db5af69	Upgrade Co	upgrade.example	\N	\N	\N	\N	\N	\N	\N	\N	\N	{}	\N	2026-12-07 19:30:19.578339+00	2026-12-07 19:30:19.578339+00	\N	{}
\.


--
-- Data for Name: crm_contact_exports; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_contact_exports (id, user_id, filter_json, columns, status, rows, content, failure, created_at, finished_at) FROM stdin;
\.


--
-- Data for Name: crm_contact_imports; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_contact_imports (id, user_id, file_name, content, mapping_json, mode, status, total_rows, processed_rows, created, updated, skipped, errors_json, failure, created_at, started_at, finished_at) FROM stdin;
\.


--
-- Data for Name: crm_contacts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_contacts (id, first_name, last_name, emails, phones, job_title, company_id, owner_id, lifecycle_stage, lead_source, tags, email_consent, sms_consent, search_text, created_at, updated_at, deleted_at, custom_fields) FROM stdin;
01a251fc-5029-7667-971f-cc9ffe91aad4	Ada	Lovelace	{ada@upgrade.example}	{}	\N	01a251fc-4f4d-7e5e-908e-e9d24db5af69	\N	Lead	\N	{}	f	f	ada lovelace ada@upgrade.example	2026-12-07 19:30:19.807466+00	2026-12-07 19:30:19.807466+00	\N	{}
\.


--
-- Data for Name: crm_custom_fields; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_custom_fields (id, key, label, type, choices, created_at, applies_to) FROM stdin;
\.


--
-- Data for Name: crm_deal_stage_changes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_deal_stage_changes (id, deal_id, from_stage_id, to_stage_id, outcome, user_id, changed_at, seconds_in_previous) FROM stdin;
1	01a251fc-514e-79e7-b2f2-fa094c2d1dd1	\N	0193a000-0000-7000-8000-000000000011	Open	\N	2026-12-07 19:30:20.08936+00	0
\.


--
-- Data for Name: crm_deals; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_deals (id, name, amount, currency, pipeline_id, stage_id, outcome, lost_reason_id, expected_close_date, owner_id, company_id, contact_ids, source, next_step, stage_entered_at, created_at, updated_at, closed_at, deleted_at) FROM stdin;
01a251fc-514e-79e7-b2f2-fa094c2d1dd1	Upgrade deal	5000.00	EUR	0193a000-0000-7000-8000-000000000001	0193a000-0000-7000-8000-000000000011	Open	\N	\N	\N	\N	{}	\N	\N	2026-12-07 19:30:20.08936+00	2026-12-07 19:30:20.08936+00	2026-12-07 19:30:20.08936+00	\N	\N
\.


--
-- Data for Name: crm_form_consent_texts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_form_consent_texts (form_id, category, version, text, created_at) FROM stdin;
\.


--
-- Data for Name: crm_form_submissions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_form_submissions (id, form_id, status, values_json, email, anonymous_id, client_address, spam_reason, note, contact_id, ticket_id, assigned_user_id, received_at, processed_at, events_sent_at, consents) FROM stdin;
\.


--
-- Data for Name: crm_forms; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_forms (id, key, name, creates_ticket, assign_team_id, last_assigned_user_id, thank_you_message, enabled, created_by_user_id, created_at, updated_at, consents, fields) FROM stdin;
\.


--
-- Data for Name: crm_internal_events; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_internal_events (id, type, record_id, contact_ids, company_id, occurred_at, properties_json) FROM stdin;
1	contact.created	01a251fc-5029-7667-971f-cc9ffe91aad4	{01a251fc-5029-7667-971f-cc9ffe91aad4}	01a251fc-4f4d-7e5e-908e-e9d24db5af69	2026-12-07 19:30:19.807466+00	{"leadSource": null, "lifecycleStage": 1}
2	deal.created	01a251fc-514e-79e7-b2f2-fa094c2d1dd1	{}	\N	2026-12-07 19:30:20.08936+00	{"name": "Upgrade deal", "stage": "Qualification", "amount": 5000, "currency": "EUR", "pipeline": "Sales"}
3	ticket.opened	01a251fc-521f-7bed-8860-beebc33649c7	{}	\N	2026-12-07 19:30:20.31857+00	{"number": 0, "subject": "Upgrade ticket", "priority": "high"}
\.


--
-- Data for Name: crm_lost_reasons; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_lost_reasons (id, name, "order", active) FROM stdin;
0193a000-0000-7000-8000-000000000101	Price too high	0	t
0193a000-0000-7000-8000-000000000102	Went with a competitor	1	t
0193a000-0000-7000-8000-000000000103	No budget	2	t
0193a000-0000-7000-8000-000000000104	No decision / went dark	3	t
0193a000-0000-7000-8000-000000000105	Bad timing	4	t
0193a000-0000-7000-8000-000000000106	Other	5	t
\.


--
-- Data for Name: crm_pipeline_stages; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_pipeline_stages (id, pipeline_id, name, "order", probability, rotting_days) FROM stdin;
0193a000-0000-7000-8000-000000000011	0193a000-0000-7000-8000-000000000001	Qualification	0	10	14
0193a000-0000-7000-8000-000000000012	0193a000-0000-7000-8000-000000000001	Meeting scheduled	1	25	14
0193a000-0000-7000-8000-000000000013	0193a000-0000-7000-8000-000000000001	Proposal sent	2	50	10
0193a000-0000-7000-8000-000000000014	0193a000-0000-7000-8000-000000000001	Negotiation	3	75	7
\.


--
-- Data for Name: crm_pipelines; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_pipelines (id, name, "order", currency, visible_to_team_ids) FROM stdin;
0193a000-0000-7000-8000-000000000001	Sales	0	EUR	{}
\.


--
-- Data for Name: crm_quotas; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_quotas (id, owner_id, pipeline_id, month, amount, updated_at) FROM stdin;
\.


--
-- Data for Name: crm_recent_views; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_recent_views (user_id, record_type, record_id, viewed_at) FROM stdin;
\.


--
-- Data for Name: crm_record_changes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_record_changes (id, record_type, record_id, user_id, changed_at, field, old_value, new_value) FROM stdin;
1	Company	01a251fc-4f4d-7e5e-908e-e9d24db5af69	\N	2026-12-07 19:30:19.578339+00	created	\N	\N
2	Contact	01a251fc-5029-7667-971f-cc9ffe91aad4	\N	2026-12-07 19:30:19.807466+00	created	\N	\N
3	Deal	01a251fc-514e-79e7-b2f2-fa094c2d1dd1	\N	2026-12-07 19:30:20.08936+00	created	\N	\N
4	Ticket	01a251fc-521f-7bed-8860-beebc33649c7	\N	2026-12-07 19:30:20.31857+00	created	\N	\N
\.


--
-- Data for Name: crm_saved_views; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_saved_views (id, user_id, list, name, shared, state_json, created_at) FROM stdin;
\.


--
-- Data for Name: crm_sla_calendar; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_sla_calendar (id, time_zone_id, work_days, opens, closes, holidays) FROM stdin;
1	UTC	{1,2,3,4,5}	09:00:00	17:00:00	{}
\.


--
-- Data for Name: crm_sla_policies; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_sla_policies (priority, first_response_minutes, resolution_minutes) FROM stdin;
Urgent	60	240
High	240	960
Normal	480	2400
Low	960	4800
\.


--
-- Data for Name: crm_tasks; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_tasks (id, title, type, due_at, priority, status, owner_id, contact_id, company_id, reminder_at, notes, completed_at, created_at, updated_at, deleted_at, reminder_sent_at, deal_id, origin) FROM stdin;
\.


--
-- Data for Name: crm_team_routing; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_team_routing (team_id, mode, last_assigned_user_id) FROM stdin;
\.


--
-- Data for Name: crm_ticket_replies; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_ticket_replies (id, ticket_id, author_user_id, body, is_internal, created_at) FROM stdin;
\.


--
-- Data for Name: crm_tickets; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.crm_tickets (id, number, subject, description, contact_id, company_id, priority, status, type, channel, owner_id, team_id, created_at, updated_at, deleted_at, first_response_due_at, first_responded_at, resolution_due_at, resolution_minutes_left_when_paused, solved_at, first_response_breached_at, resolution_breached_at, at_risk_notified_at, tags) FROM stdin;
01a251fc-521f-7bed-8860-beebc33649c7	1	Upgrade ticket		\N	\N	High	New	\N	\N	\N	\N	2026-12-07 19:30:20.31857+00	2026-12-07 19:30:20.31857+00	\N	2026-12-08 13:00:00+00	\N	2026-12-09 17:00:00+00	\N	\N	\N	\N	\N	{}
\.


--
-- Data for Name: mkt_campaign_recipients; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.mkt_campaign_recipients (campaign_id, profile_id, outcome, email_id, contact_id, at) FROM stdin;
\.


--
-- Data for Name: mkt_campaigns; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.mkt_campaigns (id, name, segment_id, template_id, status, scheduled_at, started_at, finished_at, audience_size, created_at, updated_at) FROM stdin;
\.


--
-- Data for Name: mkt_checkpoints; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.mkt_checkpoints (name, "position", updated_at) FROM stdin;
journeys:crm	3	2026-12-07 19:30:22.834635+00
journeys:events	7	2026-12-07 19:30:27.865316+00
\.


--
-- Data for Name: mkt_email_sends; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.mkt_email_sends (email_id, profile_id, journey_id, step_id, campaign_id, at) FROM stdin;
\.


--
-- Data for Name: mkt_journey_enrolments; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.mkt_journey_enrolments (id, journey_id, version, profile_id, trigger_key, status, step_id, step_since, next_run_at, wait_until, entered_at, ended_at, path, errors, last_error) FROM stdin;
\.


--
-- Data for Name: mkt_journey_step_runs; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.mkt_journey_step_runs (id, enrolment_id, journey_id, step_id, visit, outcome, at) FROM stdin;
\.


--
-- Data for Name: mkt_journey_versions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.mkt_journey_versions (journey_id, version, definition, published_at, published_by_user_id) FROM stdin;
\.


--
-- Data for Name: mkt_journeys; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.mkt_journeys (id, name, status, draft, live_version, created_at, updated_at) FROM stdin;
\.


--
-- Data for Name: mkt_round_robin_turns; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.mkt_round_robin_turns (journey_id, step_id, last_user_id) FROM stdin;
\.


--
-- Data for Name: mkt_unsubscribes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.mkt_unsubscribes (id, profile_id, at) FROM stdin;
\.


--
-- Data for Name: platform_data_protection_keys; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.platform_data_protection_keys (id, friendly_name, xml) FROM stdin;
\.


--
-- Data for Name: platform_ef_migrations_history; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.platform_ef_migrations_history (migration_id, product_version) FROM stdin;
20261125023957_Initial	10.0.15
20261125030641_CrmRecords	10.0.15
20261125033320_ContactImports	10.0.15
20261125035046_SavedViewsAndCustomFields	10.0.15
20261125035838_ContactExports	10.0.15
20261125040738_CompanyCustomFields	10.0.15
20261125041305_NotificationsAndReminders	10.0.15
20261125061640_AuditLog	10.0.15
20261125062405_UserStatus	10.0.15
20261125064818_PrivacyRequests	10.0.15
20261125065220_RoleRequiresTwoFactor	10.0.15
20261125070305_DealsAndPipelines	10.0.15
20261125072635_Tickets	10.0.15
20261125073408_TeamRouting	10.0.15
20261125074550_DealLinks	10.0.15
20261125075208_TicketTags	10.0.15
20261125075747_CdpSources	10.0.15
20261125080008_CdpEvents	10.0.15
20261125084837_CdpTrackingPlans	10.0.15
20261125094302_CdpProfiles	10.0.15
20261125094719_CdpIdentitySettings	10.0.15
20261125102533_CdpConsent	10.0.15
20261125121259_IdentifierProfileTypeIndex	10.0.15
20261125132931_Segments	10.0.15
20261206081702_CrmSharedViews	10.0.15
20261206103355_NotificationsForEveryone	10.0.15
20261206160119_EmailBackbone	10.0.15
20261206165052_InboundEmail	10.0.15
20261206172941_PrivateActivities	10.0.15
20261206174637_CalendarFeeds	10.0.15
20261206185721_WebForms	10.0.15
20261206192552_EmailAttachmentsAndInvitations	10.0.15
20261206193851_EmailTracking	10.0.15
20261206203301_TraitDateFunction	10.0.15
20261206215954_AudienceQueue	10.0.15
20261207021634_ComputedTraitKinds	10.0.15
20261207035311_EventProfiles	10.0.15
20261207071731_AudienceQueueEntriesAndDestinations	10.0.15
20261207095339_Journeys	10.0.15
20261207101423_MarketingEmailAndCampaigns	10.0.15
20261207110712_MarketingCheckpoints	10.0.15
20261207121826_JourneyTriggersAndSteps	10.0.15
20261207152652_QuotasAndTaskOrigin	10.0.15
20261207153854_StaticSegments	10.0.15
20261207162723_InsightDashboards	10.0.15
\.


--
-- Data for Name: platform_email_log; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.platform_email_log (id, email_id, at, status, detail) FROM stdin;
\.


--
-- Data for Name: platform_email_settings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.platform_email_settings (id, host, port, tls_mode, "user", protected_password, "from", reply_to, send_from_user_address, updated_at, updated_by_user_id) FROM stdin;
\.


--
-- Data for Name: platform_email_templates; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.platform_email_templates (id, name, subject, html, text, created_at, updated_at, updated_by_user_id) FROM stdin;
\.


--
-- Data for Name: platform_emails; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.platform_emails (id, purpose, "from", sender_name, reply_to, "to", cc, bcc, subject, html, text, message_id, in_reply_to, "references", status, attempts, next_attempt_at, last_response, created_at, sent_at, sent_by_user_id, contact_id, activity_id, template_id, calendar_invite, click_count, clicked_at, open_count, opened_at, tracked, list_unsubscribe) FROM stdin;
\.


--
-- Data for Name: platform_inbound_attachments; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.platform_inbound_attachments (id, inbound_email_id, file_name, content_type, size, content, note) FROM stdin;
\.


--
-- Data for Name: platform_inbound_emails; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.platform_inbound_emails (id, mailbox_id, message_id, in_reply_to, "references", "from", from_address, "to", cc, subject, text, html, sent_at, fetched_at, is_automatic, replies_to_email_id, contact_id, ticket_id, activity_id, note, handled_at) FROM stdin;
\.


--
-- Data for Name: platform_mailboxes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.platform_mailboxes (id, name, host, port, tls_mode, "user", protected_password, folder, owner_user_id, is_support, enabled, uid_validity, last_uid, last_polled_at, last_error, created_at) FROM stdin;
\.


--
-- Data for Name: platform_notifications; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.platform_notifications (id, user_id, title, body, link, created_at, read_at, kind) FROM stdin;
\.


--
-- Data for Name: platform_privacy_suppressions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.platform_privacy_suppressions (id, kind, value_hash, masked_value, created_by_user_id, created_at, lifted_at, dropped_events) FROM stdin;
\.


--
-- Data for Name: platform_user_preferences; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.platform_user_preferences (user_id, culture, time_zone, muted_notifications, track_emails) FROM stdin;
\.


--
-- Name: aggregatedcounter_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.aggregatedcounter_id_seq', 1, false);


--
-- Name: counter_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.counter_id_seq', 3, true);


--
-- Name: hash_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.hash_id_seq', 91, true);


--
-- Name: job_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.job_id_seq', 1, true);


--
-- Name: jobparameter_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.jobparameter_id_seq', 1, true);


--
-- Name: jobqueue_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.jobqueue_id_seq', 1, true);


--
-- Name: list_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.list_id_seq', 1, false);


--
-- Name: set_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.set_id_seq', 13, true);


--
-- Name: state_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.state_id_seq', 3, true);


--
-- Name: admin_audit_log_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.admin_audit_log_id_seq', 7, true);


--
-- Name: admin_role_claims_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.admin_role_claims_id_seq', 1, false);


--
-- Name: admin_user_claims_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.admin_user_claims_id_seq', 1, false);


--
-- Name: cdp_audience_queue_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.cdp_audience_queue_id_seq', 2, true);


--
-- Name: cdp_consent_changes_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.cdp_consent_changes_id_seq', 1, true);


--
-- Name: cdp_deliveries_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.cdp_deliveries_id_seq', 1, false);


--
-- Name: cdp_delivery_attempts_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.cdp_delivery_attempts_id_seq', 1, false);


--
-- Name: cdp_events_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.cdp_events_id_seq', 7, true);


--
-- Name: cdp_profile_merges_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.cdp_profile_merges_id_seq', 1, false);


--
-- Name: cdp_profiles_seq_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.cdp_profiles_seq_seq', 2, true);


--
-- Name: cdp_segment_activations_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.cdp_segment_activations_id_seq', 1, false);


--
-- Name: cdp_segment_changes_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.cdp_segment_changes_id_seq', 1, true);


--
-- Name: crm_deal_stage_changes_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.crm_deal_stage_changes_id_seq', 1, true);


--
-- Name: crm_internal_events_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.crm_internal_events_id_seq', 3, true);


--
-- Name: crm_record_changes_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.crm_record_changes_id_seq', 4, true);


--
-- Name: crm_tickets_number_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.crm_tickets_number_seq', 1, true);


--
-- Name: mkt_journey_enrolments_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.mkt_journey_enrolments_id_seq', 1, false);


--
-- Name: mkt_journey_step_runs_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.mkt_journey_step_runs_id_seq', 1, false);


--
-- Name: mkt_unsubscribes_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.mkt_unsubscribes_id_seq', 1, false);


--
-- Name: platform_data_protection_keys_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.platform_data_protection_keys_id_seq', 1, true);


--
-- Name: platform_email_log_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.platform_email_log_id_seq', 1, false);


--
-- Name: aggregatedcounter aggregatedcounter_key_key; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.aggregatedcounter
    ADD CONSTRAINT aggregatedcounter_key_key UNIQUE (key);


--
-- Name: aggregatedcounter aggregatedcounter_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.aggregatedcounter
    ADD CONSTRAINT aggregatedcounter_pkey PRIMARY KEY (id);


--
-- Name: counter counter_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.counter
    ADD CONSTRAINT counter_pkey PRIMARY KEY (id);


--
-- Name: hash hash_key_field_key; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.hash
    ADD CONSTRAINT hash_key_field_key UNIQUE (key, field);


--
-- Name: hash hash_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.hash
    ADD CONSTRAINT hash_pkey PRIMARY KEY (id);


--
-- Name: job job_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.job
    ADD CONSTRAINT job_pkey PRIMARY KEY (id);


--
-- Name: jobparameter jobparameter_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobparameter
    ADD CONSTRAINT jobparameter_pkey PRIMARY KEY (id);


--
-- Name: jobqueue jobqueue_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobqueue
    ADD CONSTRAINT jobqueue_pkey PRIMARY KEY (id);


--
-- Name: list list_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.list
    ADD CONSTRAINT list_pkey PRIMARY KEY (id);


--
-- Name: lock lock_resource_key; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.lock
    ADD CONSTRAINT lock_resource_key UNIQUE (resource);

ALTER TABLE ONLY hangfire.lock REPLICA IDENTITY USING INDEX lock_resource_key;


--
-- Name: schema schema_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.schema
    ADD CONSTRAINT schema_pkey PRIMARY KEY (version);


--
-- Name: server server_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.server
    ADD CONSTRAINT server_pkey PRIMARY KEY (id);


--
-- Name: set set_key_value_key; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.set
    ADD CONSTRAINT set_key_value_key UNIQUE (key, value);


--
-- Name: set set_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.set
    ADD CONSTRAINT set_pkey PRIMARY KEY (id);


--
-- Name: state state_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.state
    ADD CONSTRAINT state_pkey PRIMARY KEY (id);


--
-- Name: cdp_events cdp_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events
    ADD CONSTRAINT cdp_events_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2025_12 cdp_events_2025_12_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2025_12
    ADD CONSTRAINT cdp_events_2025_12_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2026_01 cdp_events_2026_01_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2026_01
    ADD CONSTRAINT cdp_events_2026_01_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2026_02 cdp_events_2026_02_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2026_02
    ADD CONSTRAINT cdp_events_2026_02_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2026_03 cdp_events_2026_03_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2026_03
    ADD CONSTRAINT cdp_events_2026_03_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2026_04 cdp_events_2026_04_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2026_04
    ADD CONSTRAINT cdp_events_2026_04_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2026_05 cdp_events_2026_05_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2026_05
    ADD CONSTRAINT cdp_events_2026_05_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2026_06 cdp_events_2026_06_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2026_06
    ADD CONSTRAINT cdp_events_2026_06_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2026_07 cdp_events_2026_07_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2026_07
    ADD CONSTRAINT cdp_events_2026_07_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2026_08 cdp_events_2026_08_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2026_08
    ADD CONSTRAINT cdp_events_2026_08_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2026_09 cdp_events_2026_09_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2026_09
    ADD CONSTRAINT cdp_events_2026_09_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2026_10 cdp_events_2026_10_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2026_10
    ADD CONSTRAINT cdp_events_2026_10_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2026_11 cdp_events_2026_11_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2026_11
    ADD CONSTRAINT cdp_events_2026_11_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2026_12 cdp_events_2026_12_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2026_12
    ADD CONSTRAINT cdp_events_2026_12_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2027_01 cdp_events_2027_01_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2027_01
    ADD CONSTRAINT cdp_events_2027_01_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2027_02 cdp_events_2027_02_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2027_02
    ADD CONSTRAINT cdp_events_2027_02_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_2027_03 cdp_events_2027_03_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_2027_03
    ADD CONSTRAINT cdp_events_2027_03_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_events_default cdp_events_default_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_events_default
    ADD CONSTRAINT cdp_events_default_pkey PRIMARY KEY (id, "timestamp");


--
-- Name: cdp_message_ids cdp_message_ids_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_message_ids
    ADD CONSTRAINT cdp_message_ids_pkey PRIMARY KEY (source_id, message_id);


--
-- Name: admin_api_keys pk_admin_api_keys; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_api_keys
    ADD CONSTRAINT pk_admin_api_keys PRIMARY KEY (id);


--
-- Name: admin_audit_log pk_admin_audit_log; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_audit_log
    ADD CONSTRAINT pk_admin_audit_log PRIMARY KEY (id);


--
-- Name: admin_known_permissions pk_admin_known_permissions; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_known_permissions
    ADD CONSTRAINT pk_admin_known_permissions PRIMARY KEY (name);


--
-- Name: admin_privacy_requests pk_admin_privacy_requests; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_privacy_requests
    ADD CONSTRAINT pk_admin_privacy_requests PRIMARY KEY (id);


--
-- Name: admin_role_claims pk_admin_role_claims; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_role_claims
    ADD CONSTRAINT pk_admin_role_claims PRIMARY KEY (id);


--
-- Name: admin_role_permissions pk_admin_role_permissions; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_role_permissions
    ADD CONSTRAINT pk_admin_role_permissions PRIMARY KEY (role_id, permission);


--
-- Name: admin_roles pk_admin_roles; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_roles
    ADD CONSTRAINT pk_admin_roles PRIMARY KEY (id);


--
-- Name: admin_team_members pk_admin_team_members; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_team_members
    ADD CONSTRAINT pk_admin_team_members PRIMARY KEY (team_id, user_id);


--
-- Name: admin_teams pk_admin_teams; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_teams
    ADD CONSTRAINT pk_admin_teams PRIMARY KEY (id);


--
-- Name: admin_user_claims pk_admin_user_claims; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_user_claims
    ADD CONSTRAINT pk_admin_user_claims PRIMARY KEY (id);


--
-- Name: admin_user_logins pk_admin_user_logins; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_user_logins
    ADD CONSTRAINT pk_admin_user_logins PRIMARY KEY (login_provider, provider_key);


--
-- Name: admin_user_roles pk_admin_user_roles; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_user_roles
    ADD CONSTRAINT pk_admin_user_roles PRIMARY KEY (user_id, role_id);


--
-- Name: admin_user_sessions pk_admin_user_sessions; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_user_sessions
    ADD CONSTRAINT pk_admin_user_sessions PRIMARY KEY (id);


--
-- Name: admin_user_tokens pk_admin_user_tokens; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_user_tokens
    ADD CONSTRAINT pk_admin_user_tokens PRIMARY KEY (user_id, login_provider, name);


--
-- Name: admin_users pk_admin_users; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_users
    ADD CONSTRAINT pk_admin_users PRIMARY KEY (id);


--
-- Name: cdp_audience_checkpoints pk_cdp_audience_checkpoints; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_audience_checkpoints
    ADD CONSTRAINT pk_cdp_audience_checkpoints PRIMARY KEY (name);


--
-- Name: cdp_audience_queue pk_cdp_audience_queue; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_audience_queue
    ADD CONSTRAINT pk_cdp_audience_queue PRIMARY KEY (id);


--
-- Name: cdp_computed_traits pk_cdp_computed_traits; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_computed_traits
    ADD CONSTRAINT pk_cdp_computed_traits PRIMARY KEY (id);


--
-- Name: cdp_consent_changes pk_cdp_consent_changes; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_consent_changes
    ADD CONSTRAINT pk_cdp_consent_changes PRIMARY KEY (id);


--
-- Name: cdp_dashboards pk_cdp_dashboards; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_dashboards
    ADD CONSTRAINT pk_cdp_dashboards PRIMARY KEY (id);


--
-- Name: cdp_deliveries pk_cdp_deliveries; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_deliveries
    ADD CONSTRAINT pk_cdp_deliveries PRIMARY KEY (id);


--
-- Name: cdp_delivery_attempts pk_cdp_delivery_attempts; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_delivery_attempts
    ADD CONSTRAINT pk_cdp_delivery_attempts PRIMARY KEY (id);


--
-- Name: cdp_destinations pk_cdp_destinations; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_destinations
    ADD CONSTRAINT pk_cdp_destinations PRIMARY KEY (id);


--
-- Name: cdp_event_profiles pk_cdp_event_profiles; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_event_profiles
    ADD CONSTRAINT pk_cdp_event_profiles PRIMARY KEY (event_id);


--
-- Name: cdp_identifiers pk_cdp_identifiers; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_identifiers
    ADD CONSTRAINT pk_cdp_identifiers PRIMARY KEY (type, value);


--
-- Name: cdp_identity_settings pk_cdp_identity_settings; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_identity_settings
    ADD CONSTRAINT pk_cdp_identity_settings PRIMARY KEY (name);


--
-- Name: cdp_profile_computed pk_cdp_profile_computed; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_profile_computed
    ADD CONSTRAINT pk_cdp_profile_computed PRIMARY KEY (profile_id, key);


--
-- Name: cdp_profile_event_days pk_cdp_profile_event_days; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_profile_event_days
    ADD CONSTRAINT pk_cdp_profile_event_days PRIMARY KEY (profile_id, day, type, name);


--
-- Name: cdp_profile_merges pk_cdp_profile_merges; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_profile_merges
    ADD CONSTRAINT pk_cdp_profile_merges PRIMARY KEY (id);


--
-- Name: cdp_profiles pk_cdp_profiles; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_profiles
    ADD CONSTRAINT pk_cdp_profiles PRIMARY KEY (id);


--
-- Name: cdp_resolution_checkpoints pk_cdp_resolution_checkpoints; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_resolution_checkpoints
    ADD CONSTRAINT pk_cdp_resolution_checkpoints PRIMARY KEY (name);


--
-- Name: cdp_segment_activations pk_cdp_segment_activations; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_segment_activations
    ADD CONSTRAINT pk_cdp_segment_activations PRIMARY KEY (id);


--
-- Name: cdp_segment_changes pk_cdp_segment_changes; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_segment_changes
    ADD CONSTRAINT pk_cdp_segment_changes PRIMARY KEY (id);


--
-- Name: cdp_segment_members pk_cdp_segment_members; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_segment_members
    ADD CONSTRAINT pk_cdp_segment_members PRIMARY KEY (segment_id, profile_id);


--
-- Name: cdp_segments pk_cdp_segments; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_segments
    ADD CONSTRAINT pk_cdp_segments PRIMARY KEY (id);


--
-- Name: cdp_sources pk_cdp_sources; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_sources
    ADD CONSTRAINT pk_cdp_sources PRIMARY KEY (id);


--
-- Name: cdp_tracking_plan_violations pk_cdp_tracking_plan_violations; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_tracking_plan_violations
    ADD CONSTRAINT pk_cdp_tracking_plan_violations PRIMARY KEY (source_id, rule);


--
-- Name: cdp_tracking_plans pk_cdp_tracking_plans; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_tracking_plans
    ADD CONSTRAINT pk_cdp_tracking_plans PRIMARY KEY (source_id);


--
-- Name: crm_activities pk_crm_activities; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_activities
    ADD CONSTRAINT pk_crm_activities PRIMARY KEY (id);


--
-- Name: crm_calendar_feeds pk_crm_calendar_feeds; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_calendar_feeds
    ADD CONSTRAINT pk_crm_calendar_feeds PRIMARY KEY (user_id);


--
-- Name: crm_companies pk_crm_companies; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_companies
    ADD CONSTRAINT pk_crm_companies PRIMARY KEY (id);


--
-- Name: crm_contact_exports pk_crm_contact_exports; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_contact_exports
    ADD CONSTRAINT pk_crm_contact_exports PRIMARY KEY (id);


--
-- Name: crm_contact_imports pk_crm_contact_imports; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_contact_imports
    ADD CONSTRAINT pk_crm_contact_imports PRIMARY KEY (id);


--
-- Name: crm_contacts pk_crm_contacts; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_contacts
    ADD CONSTRAINT pk_crm_contacts PRIMARY KEY (id);


--
-- Name: crm_custom_fields pk_crm_custom_fields; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_custom_fields
    ADD CONSTRAINT pk_crm_custom_fields PRIMARY KEY (id);


--
-- Name: crm_deal_stage_changes pk_crm_deal_stage_changes; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_deal_stage_changes
    ADD CONSTRAINT pk_crm_deal_stage_changes PRIMARY KEY (id);


--
-- Name: crm_deals pk_crm_deals; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_deals
    ADD CONSTRAINT pk_crm_deals PRIMARY KEY (id);


--
-- Name: crm_form_consent_texts pk_crm_form_consent_texts; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_form_consent_texts
    ADD CONSTRAINT pk_crm_form_consent_texts PRIMARY KEY (form_id, category, version);


--
-- Name: crm_form_submissions pk_crm_form_submissions; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_form_submissions
    ADD CONSTRAINT pk_crm_form_submissions PRIMARY KEY (id);


--
-- Name: crm_forms pk_crm_forms; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_forms
    ADD CONSTRAINT pk_crm_forms PRIMARY KEY (id);


--
-- Name: crm_internal_events pk_crm_internal_events; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_internal_events
    ADD CONSTRAINT pk_crm_internal_events PRIMARY KEY (id);


--
-- Name: crm_lost_reasons pk_crm_lost_reasons; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_lost_reasons
    ADD CONSTRAINT pk_crm_lost_reasons PRIMARY KEY (id);


--
-- Name: crm_pipeline_stages pk_crm_pipeline_stages; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_pipeline_stages
    ADD CONSTRAINT pk_crm_pipeline_stages PRIMARY KEY (id);


--
-- Name: crm_pipelines pk_crm_pipelines; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_pipelines
    ADD CONSTRAINT pk_crm_pipelines PRIMARY KEY (id);


--
-- Name: crm_quotas pk_crm_quotas; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_quotas
    ADD CONSTRAINT pk_crm_quotas PRIMARY KEY (id);


--
-- Name: crm_recent_views pk_crm_recent_views; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_recent_views
    ADD CONSTRAINT pk_crm_recent_views PRIMARY KEY (user_id, record_type, record_id);


--
-- Name: crm_record_changes pk_crm_record_changes; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_record_changes
    ADD CONSTRAINT pk_crm_record_changes PRIMARY KEY (id);


--
-- Name: crm_saved_views pk_crm_saved_views; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_saved_views
    ADD CONSTRAINT pk_crm_saved_views PRIMARY KEY (id);


--
-- Name: crm_sla_calendar pk_crm_sla_calendar; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_sla_calendar
    ADD CONSTRAINT pk_crm_sla_calendar PRIMARY KEY (id);


--
-- Name: crm_sla_policies pk_crm_sla_policies; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_sla_policies
    ADD CONSTRAINT pk_crm_sla_policies PRIMARY KEY (priority);


--
-- Name: crm_tasks pk_crm_tasks; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_tasks
    ADD CONSTRAINT pk_crm_tasks PRIMARY KEY (id);


--
-- Name: crm_team_routing pk_crm_team_routing; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_team_routing
    ADD CONSTRAINT pk_crm_team_routing PRIMARY KEY (team_id);


--
-- Name: crm_ticket_replies pk_crm_ticket_replies; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_ticket_replies
    ADD CONSTRAINT pk_crm_ticket_replies PRIMARY KEY (id);


--
-- Name: crm_tickets pk_crm_tickets; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_tickets
    ADD CONSTRAINT pk_crm_tickets PRIMARY KEY (id);


--
-- Name: mkt_campaign_recipients pk_mkt_campaign_recipients; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_campaign_recipients
    ADD CONSTRAINT pk_mkt_campaign_recipients PRIMARY KEY (campaign_id, profile_id);


--
-- Name: mkt_campaigns pk_mkt_campaigns; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_campaigns
    ADD CONSTRAINT pk_mkt_campaigns PRIMARY KEY (id);


--
-- Name: mkt_checkpoints pk_mkt_checkpoints; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_checkpoints
    ADD CONSTRAINT pk_mkt_checkpoints PRIMARY KEY (name);


--
-- Name: mkt_email_sends pk_mkt_email_sends; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_email_sends
    ADD CONSTRAINT pk_mkt_email_sends PRIMARY KEY (email_id);


--
-- Name: mkt_journey_enrolments pk_mkt_journey_enrolments; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_journey_enrolments
    ADD CONSTRAINT pk_mkt_journey_enrolments PRIMARY KEY (id);


--
-- Name: mkt_journey_step_runs pk_mkt_journey_step_runs; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_journey_step_runs
    ADD CONSTRAINT pk_mkt_journey_step_runs PRIMARY KEY (id);


--
-- Name: mkt_journey_versions pk_mkt_journey_versions; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_journey_versions
    ADD CONSTRAINT pk_mkt_journey_versions PRIMARY KEY (journey_id, version);


--
-- Name: mkt_journeys pk_mkt_journeys; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_journeys
    ADD CONSTRAINT pk_mkt_journeys PRIMARY KEY (id);


--
-- Name: mkt_round_robin_turns pk_mkt_round_robin_turns; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_round_robin_turns
    ADD CONSTRAINT pk_mkt_round_robin_turns PRIMARY KEY (journey_id, step_id);


--
-- Name: mkt_unsubscribes pk_mkt_unsubscribes; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_unsubscribes
    ADD CONSTRAINT pk_mkt_unsubscribes PRIMARY KEY (id);


--
-- Name: platform_data_protection_keys pk_platform_data_protection_keys; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_data_protection_keys
    ADD CONSTRAINT pk_platform_data_protection_keys PRIMARY KEY (id);


--
-- Name: platform_ef_migrations_history pk_platform_ef_migrations_history; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_ef_migrations_history
    ADD CONSTRAINT pk_platform_ef_migrations_history PRIMARY KEY (migration_id);


--
-- Name: platform_email_log pk_platform_email_log; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_email_log
    ADD CONSTRAINT pk_platform_email_log PRIMARY KEY (id);


--
-- Name: platform_email_settings pk_platform_email_settings; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_email_settings
    ADD CONSTRAINT pk_platform_email_settings PRIMARY KEY (id);


--
-- Name: platform_email_templates pk_platform_email_templates; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_email_templates
    ADD CONSTRAINT pk_platform_email_templates PRIMARY KEY (id);


--
-- Name: platform_emails pk_platform_emails; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_emails
    ADD CONSTRAINT pk_platform_emails PRIMARY KEY (id);


--
-- Name: platform_inbound_attachments pk_platform_inbound_attachments; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_inbound_attachments
    ADD CONSTRAINT pk_platform_inbound_attachments PRIMARY KEY (id);


--
-- Name: platform_inbound_emails pk_platform_inbound_emails; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_inbound_emails
    ADD CONSTRAINT pk_platform_inbound_emails PRIMARY KEY (id);


--
-- Name: platform_mailboxes pk_platform_mailboxes; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_mailboxes
    ADD CONSTRAINT pk_platform_mailboxes PRIMARY KEY (id);


--
-- Name: platform_notifications pk_platform_notifications; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_notifications
    ADD CONSTRAINT pk_platform_notifications PRIMARY KEY (id);


--
-- Name: platform_privacy_suppressions pk_platform_privacy_suppressions; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_privacy_suppressions
    ADD CONSTRAINT pk_platform_privacy_suppressions PRIMARY KEY (id);


--
-- Name: platform_user_preferences pk_platform_user_preferences; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_user_preferences
    ADD CONSTRAINT pk_platform_user_preferences PRIMARY KEY (user_id);


--
-- Name: ix_hangfire_counter_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_counter_expireat ON hangfire.counter USING btree (expireat);


--
-- Name: ix_hangfire_counter_key; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_counter_key ON hangfire.counter USING btree (key);


--
-- Name: ix_hangfire_hash_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_hash_expireat ON hangfire.hash USING btree (expireat);


--
-- Name: ix_hangfire_job_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_job_expireat ON hangfire.job USING btree (expireat);


--
-- Name: ix_hangfire_job_statename; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_job_statename ON hangfire.job USING btree (statename);


--
-- Name: ix_hangfire_job_statename_is_not_null; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_job_statename_is_not_null ON hangfire.job USING btree (statename) INCLUDE (id) WHERE (statename IS NOT NULL);


--
-- Name: ix_hangfire_jobparameter_jobidandname; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_jobparameter_jobidandname ON hangfire.jobparameter USING btree (jobid, name);


--
-- Name: ix_hangfire_jobqueue_fetchedat_queue_jobid; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_jobqueue_fetchedat_queue_jobid ON hangfire.jobqueue USING btree (fetchedat NULLS FIRST, queue, jobid);


--
-- Name: ix_hangfire_jobqueue_jobidandqueue; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_jobqueue_jobidandqueue ON hangfire.jobqueue USING btree (jobid, queue);


--
-- Name: ix_hangfire_jobqueue_queueandfetchedat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_jobqueue_queueandfetchedat ON hangfire.jobqueue USING btree (queue, fetchedat);


--
-- Name: ix_hangfire_list_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_list_expireat ON hangfire.list USING btree (expireat);


--
-- Name: ix_hangfire_set_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_set_expireat ON hangfire.set USING btree (expireat);


--
-- Name: ix_hangfire_set_key_score; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_set_key_score ON hangfire.set USING btree (key, score);


--
-- Name: ix_hangfire_state_jobid; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_state_jobid ON hangfire.state USING btree (jobid);


--
-- Name: EmailIndex; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "EmailIndex" ON public.admin_users USING btree (normalized_email);


--
-- Name: RoleNameIndex; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "RoleNameIndex" ON public.admin_roles USING btree (normalized_name);


--
-- Name: UserNameIndex; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "UserNameIndex" ON public.admin_users USING btree (normalized_user_name);


--
-- Name: ix_cdp_events_anonymous_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_events_anonymous_id ON ONLY public.cdp_events USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2025_12_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2025_12_anonymous_id_idx ON public.cdp_events_2025_12 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: ix_cdp_events_source_received; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_events_source_received ON ONLY public.cdp_events USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2025_12_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2025_12_source_id_received_at_idx ON public.cdp_events_2025_12 USING btree (source_id, received_at DESC);


--
-- Name: ix_cdp_events_timestamp; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_events_timestamp ON ONLY public.cdp_events USING btree ("timestamp");


--
-- Name: cdp_events_2025_12_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2025_12_timestamp_idx ON public.cdp_events_2025_12 USING btree ("timestamp");


--
-- Name: ix_cdp_events_user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_events_user_id ON ONLY public.cdp_events USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2025_12_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2025_12_user_id_idx ON public.cdp_events_2025_12 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2026_01_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_01_anonymous_id_idx ON public.cdp_events_2026_01 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2026_01_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_01_source_id_received_at_idx ON public.cdp_events_2026_01 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2026_01_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_01_timestamp_idx ON public.cdp_events_2026_01 USING btree ("timestamp");


--
-- Name: cdp_events_2026_01_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_01_user_id_idx ON public.cdp_events_2026_01 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2026_02_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_02_anonymous_id_idx ON public.cdp_events_2026_02 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2026_02_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_02_source_id_received_at_idx ON public.cdp_events_2026_02 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2026_02_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_02_timestamp_idx ON public.cdp_events_2026_02 USING btree ("timestamp");


--
-- Name: cdp_events_2026_02_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_02_user_id_idx ON public.cdp_events_2026_02 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2026_03_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_03_anonymous_id_idx ON public.cdp_events_2026_03 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2026_03_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_03_source_id_received_at_idx ON public.cdp_events_2026_03 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2026_03_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_03_timestamp_idx ON public.cdp_events_2026_03 USING btree ("timestamp");


--
-- Name: cdp_events_2026_03_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_03_user_id_idx ON public.cdp_events_2026_03 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2026_04_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_04_anonymous_id_idx ON public.cdp_events_2026_04 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2026_04_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_04_source_id_received_at_idx ON public.cdp_events_2026_04 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2026_04_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_04_timestamp_idx ON public.cdp_events_2026_04 USING btree ("timestamp");


--
-- Name: cdp_events_2026_04_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_04_user_id_idx ON public.cdp_events_2026_04 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2026_05_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_05_anonymous_id_idx ON public.cdp_events_2026_05 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2026_05_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_05_source_id_received_at_idx ON public.cdp_events_2026_05 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2026_05_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_05_timestamp_idx ON public.cdp_events_2026_05 USING btree ("timestamp");


--
-- Name: cdp_events_2026_05_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_05_user_id_idx ON public.cdp_events_2026_05 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2026_06_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_06_anonymous_id_idx ON public.cdp_events_2026_06 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2026_06_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_06_source_id_received_at_idx ON public.cdp_events_2026_06 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2026_06_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_06_timestamp_idx ON public.cdp_events_2026_06 USING btree ("timestamp");


--
-- Name: cdp_events_2026_06_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_06_user_id_idx ON public.cdp_events_2026_06 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2026_07_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_07_anonymous_id_idx ON public.cdp_events_2026_07 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2026_07_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_07_source_id_received_at_idx ON public.cdp_events_2026_07 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2026_07_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_07_timestamp_idx ON public.cdp_events_2026_07 USING btree ("timestamp");


--
-- Name: cdp_events_2026_07_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_07_user_id_idx ON public.cdp_events_2026_07 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2026_08_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_08_anonymous_id_idx ON public.cdp_events_2026_08 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2026_08_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_08_source_id_received_at_idx ON public.cdp_events_2026_08 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2026_08_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_08_timestamp_idx ON public.cdp_events_2026_08 USING btree ("timestamp");


--
-- Name: cdp_events_2026_08_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_08_user_id_idx ON public.cdp_events_2026_08 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2026_09_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_09_anonymous_id_idx ON public.cdp_events_2026_09 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2026_09_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_09_source_id_received_at_idx ON public.cdp_events_2026_09 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2026_09_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_09_timestamp_idx ON public.cdp_events_2026_09 USING btree ("timestamp");


--
-- Name: cdp_events_2026_09_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_09_user_id_idx ON public.cdp_events_2026_09 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2026_10_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_10_anonymous_id_idx ON public.cdp_events_2026_10 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2026_10_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_10_source_id_received_at_idx ON public.cdp_events_2026_10 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2026_10_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_10_timestamp_idx ON public.cdp_events_2026_10 USING btree ("timestamp");


--
-- Name: cdp_events_2026_10_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_10_user_id_idx ON public.cdp_events_2026_10 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2026_11_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_11_anonymous_id_idx ON public.cdp_events_2026_11 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2026_11_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_11_source_id_received_at_idx ON public.cdp_events_2026_11 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2026_11_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_11_timestamp_idx ON public.cdp_events_2026_11 USING btree ("timestamp");


--
-- Name: cdp_events_2026_11_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_11_user_id_idx ON public.cdp_events_2026_11 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2026_12_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_12_anonymous_id_idx ON public.cdp_events_2026_12 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2026_12_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_12_source_id_received_at_idx ON public.cdp_events_2026_12 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2026_12_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_12_timestamp_idx ON public.cdp_events_2026_12 USING btree ("timestamp");


--
-- Name: cdp_events_2026_12_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2026_12_user_id_idx ON public.cdp_events_2026_12 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2027_01_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2027_01_anonymous_id_idx ON public.cdp_events_2027_01 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2027_01_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2027_01_source_id_received_at_idx ON public.cdp_events_2027_01 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2027_01_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2027_01_timestamp_idx ON public.cdp_events_2027_01 USING btree ("timestamp");


--
-- Name: cdp_events_2027_01_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2027_01_user_id_idx ON public.cdp_events_2027_01 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2027_02_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2027_02_anonymous_id_idx ON public.cdp_events_2027_02 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2027_02_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2027_02_source_id_received_at_idx ON public.cdp_events_2027_02 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2027_02_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2027_02_timestamp_idx ON public.cdp_events_2027_02 USING btree ("timestamp");


--
-- Name: cdp_events_2027_02_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2027_02_user_id_idx ON public.cdp_events_2027_02 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_2027_03_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2027_03_anonymous_id_idx ON public.cdp_events_2027_03 USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_2027_03_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2027_03_source_id_received_at_idx ON public.cdp_events_2027_03 USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_2027_03_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2027_03_timestamp_idx ON public.cdp_events_2027_03 USING btree ("timestamp");


--
-- Name: cdp_events_2027_03_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_2027_03_user_id_idx ON public.cdp_events_2027_03 USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: cdp_events_default_anonymous_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_default_anonymous_id_idx ON public.cdp_events_default USING btree (anonymous_id) WHERE (anonymous_id IS NOT NULL);


--
-- Name: cdp_events_default_source_id_received_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_default_source_id_received_at_idx ON public.cdp_events_default USING btree (source_id, received_at DESC);


--
-- Name: cdp_events_default_timestamp_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_default_timestamp_idx ON public.cdp_events_default USING btree ("timestamp");


--
-- Name: cdp_events_default_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cdp_events_default_user_id_idx ON public.cdp_events_default USING btree (user_id) WHERE (user_id IS NOT NULL);


--
-- Name: ix_admin_api_keys_key_hash; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_admin_api_keys_key_hash ON public.admin_api_keys USING btree (key_hash);


--
-- Name: ix_admin_api_keys_role_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_admin_api_keys_role_id ON public.admin_api_keys USING btree (role_id);


--
-- Name: ix_admin_audit_log_action_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_admin_audit_log_action_at ON public.admin_audit_log USING btree (action, at);


--
-- Name: ix_admin_audit_log_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_admin_audit_log_at ON public.admin_audit_log USING btree (at);


--
-- Name: ix_admin_audit_log_record_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_admin_audit_log_record_id ON public.admin_audit_log USING btree (record_id);


--
-- Name: ix_admin_audit_log_user_id_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_admin_audit_log_user_id_at ON public.admin_audit_log USING btree (user_id, at);


--
-- Name: ix_admin_privacy_requests_requested_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_admin_privacy_requests_requested_at ON public.admin_privacy_requests USING btree (requested_at);


--
-- Name: ix_admin_role_claims_role_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_admin_role_claims_role_id ON public.admin_role_claims USING btree (role_id);


--
-- Name: ix_admin_team_members_user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_admin_team_members_user_id ON public.admin_team_members USING btree (user_id);


--
-- Name: ix_admin_teams_lead_user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_admin_teams_lead_user_id ON public.admin_teams USING btree (lead_user_id);


--
-- Name: ix_admin_teams_name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_admin_teams_name ON public.admin_teams USING btree (name);


--
-- Name: ix_admin_user_claims_user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_admin_user_claims_user_id ON public.admin_user_claims USING btree (user_id);


--
-- Name: ix_admin_user_logins_user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_admin_user_logins_user_id ON public.admin_user_logins USING btree (user_id);


--
-- Name: ix_admin_user_roles_role_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_admin_user_roles_role_id ON public.admin_user_roles USING btree (role_id);


--
-- Name: ix_admin_user_sessions_expires_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_admin_user_sessions_expires_at ON public.admin_user_sessions USING btree (expires_at);


--
-- Name: ix_admin_user_sessions_user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_admin_user_sessions_user_id ON public.admin_user_sessions USING btree (user_id);


--
-- Name: ix_cdp_audience_queue_profile_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_audience_queue_profile_id ON public.cdp_audience_queue USING btree (profile_id);


--
-- Name: ix_cdp_computed_traits_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_cdp_computed_traits_key ON public.cdp_computed_traits USING btree (key);


--
-- Name: ix_cdp_consent_changes_profile_id_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_consent_changes_profile_id_at ON public.cdp_consent_changes USING btree (profile_id, at);


--
-- Name: ix_cdp_dashboards_owner_user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_dashboards_owner_user_id ON public.cdp_dashboards USING btree (owner_user_id);


--
-- Name: ix_cdp_deliveries_destination_id_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_deliveries_destination_id_id ON public.cdp_deliveries USING btree (destination_id, id);


--
-- Name: ix_cdp_deliveries_next_attempt_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_deliveries_next_attempt_at ON public.cdp_deliveries USING btree (next_attempt_at) WHERE ((status)::text = ANY ((ARRAY['pending'::character varying, 'retrying'::character varying])::text[]));


--
-- Name: ix_cdp_deliveries_webhook_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_cdp_deliveries_webhook_id ON public.cdp_deliveries USING btree (webhook_id);


--
-- Name: ix_cdp_delivery_attempts_delivery_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_delivery_attempts_delivery_id ON public.cdp_delivery_attempts USING btree (delivery_id);


--
-- Name: ix_cdp_delivery_attempts_destination_id_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_delivery_attempts_destination_id_at ON public.cdp_delivery_attempts USING btree (destination_id, at);


--
-- Name: ix_cdp_event_profiles_name_timestamp; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_event_profiles_name_timestamp ON public.cdp_event_profiles USING btree (name, "timestamp") INCLUDE (profile_id, type);


--
-- Name: ix_cdp_event_profiles_profile_id_timestamp; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_event_profiles_profile_id_timestamp ON public.cdp_event_profiles USING btree (profile_id, "timestamp") INCLUDE (name, type);


--
-- Name: ix_cdp_identifiers_profile_id_type; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_identifiers_profile_id_type ON public.cdp_identifiers USING btree (profile_id, type);


--
-- Name: ix_cdp_message_ids_received_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_message_ids_received_at ON public.cdp_message_ids USING btree (received_at);


--
-- Name: ix_cdp_profile_computed_key_value; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_profile_computed_key_value ON public.cdp_profile_computed USING btree (key, value);


--
-- Name: ix_cdp_profile_merges_merged_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_profile_merges_merged_id ON public.cdp_profile_merges USING btree (merged_id);


--
-- Name: ix_cdp_profile_merges_survivor_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_profile_merges_survivor_id ON public.cdp_profile_merges USING btree (survivor_id);


--
-- Name: ix_cdp_profiles_contact_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_profiles_contact_id ON public.cdp_profiles USING btree (contact_id);


--
-- Name: ix_cdp_profiles_last_seen_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_profiles_last_seen_at ON public.cdp_profiles USING btree (last_seen_at);


--
-- Name: ix_cdp_profiles_merged_into_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_profiles_merged_into_id ON public.cdp_profiles USING btree (merged_into_id);


--
-- Name: ix_cdp_profiles_seq; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_cdp_profiles_seq ON public.cdp_profiles USING btree (seq);


--
-- Name: ix_cdp_segment_activations_change_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_cdp_segment_activations_change_id ON public.cdp_segment_activations USING btree (change_id);


--
-- Name: ix_cdp_segment_activations_profile_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_segment_activations_profile_id ON public.cdp_segment_activations USING btree (profile_id);


--
-- Name: ix_cdp_segment_activations_segment_id_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_segment_activations_segment_id_at ON public.cdp_segment_activations USING btree (segment_id, at);


--
-- Name: ix_cdp_segment_changes_profile_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_segment_changes_profile_id ON public.cdp_segment_changes USING btree (profile_id);


--
-- Name: ix_cdp_segment_changes_segment_id_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_segment_changes_segment_id_at ON public.cdp_segment_changes USING btree (segment_id, at);


--
-- Name: ix_cdp_segment_members_profile_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_segment_members_profile_id ON public.cdp_segment_members USING btree (profile_id);


--
-- Name: ix_cdp_segment_members_segment_id_entered_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_segment_members_segment_id_entered_at ON public.cdp_segment_members USING btree (segment_id, entered_at);


--
-- Name: ix_cdp_segments_name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_cdp_segments_name ON public.cdp_segments USING btree (name);


--
-- Name: ix_cdp_sources_previous_write_key_hash; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cdp_sources_previous_write_key_hash ON public.cdp_sources USING btree (previous_write_key_hash);


--
-- Name: ix_cdp_sources_write_key_hash; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_cdp_sources_write_key_hash ON public.cdp_sources USING btree (write_key_hash);


--
-- Name: ix_crm_activities_company_id_occurred_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_activities_company_id_occurred_at ON public.crm_activities USING btree (company_id, occurred_at);


--
-- Name: ix_crm_activities_contact_id_occurred_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_activities_contact_id_occurred_at ON public.crm_activities USING btree (contact_id, occurred_at);


--
-- Name: ix_crm_activities_deal_id_occurred_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_activities_deal_id_occurred_at ON public.crm_activities USING btree (deal_id, occurred_at);


--
-- Name: ix_crm_activities_owner_id_type_occurred_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_activities_owner_id_type_occurred_at ON public.crm_activities USING btree (owner_id, type, occurred_at);


--
-- Name: ix_crm_calendar_feeds_token_hash; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_crm_calendar_feeds_token_hash ON public.crm_calendar_feeds USING btree (token_hash);


--
-- Name: ix_crm_companies_custom_fields; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_companies_custom_fields ON public.crm_companies USING gin (custom_fields jsonb_path_ops);


--
-- Name: ix_crm_companies_domain; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_companies_domain ON public.crm_companies USING btree (domain);


--
-- Name: ix_crm_companies_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_companies_name ON public.crm_companies USING gin (name public.gin_trgm_ops);


--
-- Name: ix_crm_companies_owner_id_updated_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_companies_owner_id_updated_at ON public.crm_companies USING btree (owner_id, updated_at);


--
-- Name: ix_crm_companies_tags; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_companies_tags ON public.crm_companies USING gin (tags);


--
-- Name: ix_crm_companies_updated_at_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_companies_updated_at_id ON public.crm_companies USING btree (updated_at DESC, id DESC) WHERE (deleted_at IS NULL);


--
-- Name: ix_crm_contact_exports_user_id_created_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_contact_exports_user_id_created_at ON public.crm_contact_exports USING btree (user_id, created_at);


--
-- Name: ix_crm_contact_imports_user_id_created_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_contact_imports_user_id_created_at ON public.crm_contact_imports USING btree (user_id, created_at);


--
-- Name: ix_crm_contacts_company_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_contacts_company_id ON public.crm_contacts USING btree (company_id);


--
-- Name: ix_crm_contacts_custom_fields; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_contacts_custom_fields ON public.crm_contacts USING gin (custom_fields jsonb_path_ops);


--
-- Name: ix_crm_contacts_emails; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_contacts_emails ON public.crm_contacts USING gin (emails);


--
-- Name: ix_crm_contacts_last_name_first_name_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_contacts_last_name_first_name_id ON public.crm_contacts USING btree (last_name, first_name, id) WHERE (deleted_at IS NULL);


--
-- Name: ix_crm_contacts_lifecycle_stage_updated_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_contacts_lifecycle_stage_updated_at ON public.crm_contacts USING btree (lifecycle_stage, updated_at) WHERE (deleted_at IS NULL);


--
-- Name: ix_crm_contacts_owner_id_updated_at_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_contacts_owner_id_updated_at_id ON public.crm_contacts USING btree (owner_id, updated_at DESC, id DESC) WHERE (deleted_at IS NULL);


--
-- Name: ix_crm_contacts_phones; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_contacts_phones ON public.crm_contacts USING gin (phones);


--
-- Name: ix_crm_contacts_search_text; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_contacts_search_text ON public.crm_contacts USING gin (search_text public.gin_trgm_ops);


--
-- Name: ix_crm_contacts_tags; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_contacts_tags ON public.crm_contacts USING gin (tags);


--
-- Name: ix_crm_contacts_updated_at_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_contacts_updated_at_id ON public.crm_contacts USING btree (updated_at DESC, id DESC) WHERE (deleted_at IS NULL);


--
-- Name: ix_crm_contacts_user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_contacts_user_id ON public.crm_contacts USING btree (((custom_fields ->> 'userId'::text))) WHERE (deleted_at IS NULL);


--
-- Name: ix_crm_custom_fields_applies_to_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_crm_custom_fields_applies_to_key ON public.crm_custom_fields USING btree (applies_to, key);


--
-- Name: ix_crm_deal_stage_changes_deal_id_changed_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_deal_stage_changes_deal_id_changed_at ON public.crm_deal_stage_changes USING btree (deal_id, changed_at);


--
-- Name: ix_crm_deals_company_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_deals_company_id ON public.crm_deals USING btree (company_id);


--
-- Name: ix_crm_deals_contact_ids; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_deals_contact_ids ON public.crm_deals USING gin (contact_ids);


--
-- Name: ix_crm_deals_expected_close_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_deals_expected_close_date ON public.crm_deals USING btree (expected_close_date);


--
-- Name: ix_crm_deals_lost_reason_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_deals_lost_reason_id ON public.crm_deals USING btree (lost_reason_id);


--
-- Name: ix_crm_deals_owner_id_stage_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_deals_owner_id_stage_id ON public.crm_deals USING btree (owner_id, stage_id) WHERE (deleted_at IS NULL);


--
-- Name: ix_crm_deals_pipeline_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_deals_pipeline_id ON public.crm_deals USING btree (pipeline_id);


--
-- Name: ix_crm_deals_stage_id_stage_entered_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_deals_stage_id_stage_entered_at ON public.crm_deals USING btree (stage_id, stage_entered_at) WHERE ((deleted_at IS NULL) AND ((outcome)::text = 'Open'::text));


--
-- Name: ix_crm_form_submissions_client_address_received_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_form_submissions_client_address_received_at ON public.crm_form_submissions USING btree (client_address, received_at);


--
-- Name: ix_crm_form_submissions_contact_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_form_submissions_contact_id ON public.crm_form_submissions USING btree (contact_id);


--
-- Name: ix_crm_form_submissions_form_id_received_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_form_submissions_form_id_received_at ON public.crm_form_submissions USING btree (form_id, received_at);


--
-- Name: ix_crm_form_submissions_unfinished; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_form_submissions_unfinished ON public.crm_form_submissions USING btree (received_at) WHERE (((status)::text = 'Received'::text) OR (((status)::text = 'Processed'::text) AND (events_sent_at IS NULL)));


--
-- Name: ix_crm_forms_assign_team_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_forms_assign_team_id ON public.crm_forms USING btree (assign_team_id);


--
-- Name: ix_crm_forms_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_crm_forms_key ON public.crm_forms USING btree (key);


--
-- Name: ix_crm_internal_events_occurred_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_internal_events_occurred_at ON public.crm_internal_events USING btree (occurred_at);


--
-- Name: ix_crm_pipeline_stages_pipeline_id_order; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_pipeline_stages_pipeline_id_order ON public.crm_pipeline_stages USING btree (pipeline_id, "order");


--
-- Name: ix_crm_quotas_owner_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_quotas_owner_id ON public.crm_quotas USING btree (owner_id);


--
-- Name: ix_crm_quotas_pipeline_id_month_owner_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_crm_quotas_pipeline_id_month_owner_id ON public.crm_quotas USING btree (pipeline_id, month, owner_id);


--
-- Name: ix_crm_recent_views_user_id_viewed_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_recent_views_user_id_viewed_at ON public.crm_recent_views USING btree (user_id, viewed_at);


--
-- Name: ix_crm_record_changes_record_type_record_id_changed_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_record_changes_record_type_record_id_changed_at ON public.crm_record_changes USING btree (record_type, record_id, changed_at);


--
-- Name: ix_crm_saved_views_list_user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_saved_views_list_user_id ON public.crm_saved_views USING btree (list, user_id);


--
-- Name: ix_crm_saved_views_user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_saved_views_user_id ON public.crm_saved_views USING btree (user_id);


--
-- Name: ix_crm_tasks_company_id_status_due_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_tasks_company_id_status_due_at ON public.crm_tasks USING btree (company_id, status, due_at);


--
-- Name: ix_crm_tasks_contact_id_status_due_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_tasks_contact_id_status_due_at ON public.crm_tasks USING btree (contact_id, status, due_at);


--
-- Name: ix_crm_tasks_deal_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_tasks_deal_id ON public.crm_tasks USING btree (deal_id);


--
-- Name: ix_crm_tasks_owner_id_status_due_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_tasks_owner_id_status_due_at ON public.crm_tasks USING btree (owner_id, status, due_at);


--
-- Name: ix_crm_tasks_reminder_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_tasks_reminder_at ON public.crm_tasks USING btree (reminder_at) WHERE ((reminder_sent_at IS NULL) AND ((status)::text = 'Open'::text) AND (deleted_at IS NULL));


--
-- Name: ix_crm_ticket_replies_ticket_id_created_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_ticket_replies_ticket_id_created_at ON public.crm_ticket_replies USING btree (ticket_id, created_at);


--
-- Name: ix_crm_tickets_contact_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_tickets_contact_id ON public.crm_tickets USING btree (contact_id);


--
-- Name: ix_crm_tickets_first_response_due_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_tickets_first_response_due_at ON public.crm_tickets USING btree (first_response_due_at) WHERE ((deleted_at IS NULL) AND (first_responded_at IS NULL) AND (first_response_breached_at IS NULL));


--
-- Name: ix_crm_tickets_number; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_crm_tickets_number ON public.crm_tickets USING btree (number);


--
-- Name: ix_crm_tickets_owner_id_resolution_due_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_tickets_owner_id_resolution_due_at ON public.crm_tickets USING btree (owner_id, resolution_due_at) WHERE ((deleted_at IS NULL) AND (solved_at IS NULL));


--
-- Name: ix_crm_tickets_resolution_due_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_tickets_resolution_due_at ON public.crm_tickets USING btree (resolution_due_at) WHERE ((deleted_at IS NULL) AND (solved_at IS NULL) AND (resolution_breached_at IS NULL));


--
-- Name: ix_crm_tickets_team_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_crm_tickets_team_id ON public.crm_tickets USING btree (team_id);


--
-- Name: ix_mkt_campaign_recipients_waiting; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_mkt_campaign_recipients_waiting ON public.mkt_campaign_recipients USING btree (campaign_id) WHERE (outcome IS NULL);


--
-- Name: ix_mkt_campaigns_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_mkt_campaigns_status ON public.mkt_campaigns USING btree (status);


--
-- Name: ix_mkt_email_sends_campaign_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_mkt_email_sends_campaign_id ON public.mkt_email_sends USING btree (campaign_id);


--
-- Name: ix_mkt_email_sends_journey_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_mkt_email_sends_journey_id ON public.mkt_email_sends USING btree (journey_id);


--
-- Name: ix_mkt_email_sends_profile_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_mkt_email_sends_profile_id ON public.mkt_email_sends USING btree (profile_id);


--
-- Name: ix_mkt_journey_enrolments_active_person; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_mkt_journey_enrolments_active_person ON public.mkt_journey_enrolments USING btree (journey_id, profile_id) WHERE ((status)::text = 'active'::text);


--
-- Name: ix_mkt_journey_enrolments_journey_id_trigger_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_mkt_journey_enrolments_journey_id_trigger_key ON public.mkt_journey_enrolments USING btree (journey_id, trigger_key);


--
-- Name: ix_mkt_journey_enrolments_next_run_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_mkt_journey_enrolments_next_run_at ON public.mkt_journey_enrolments USING btree (next_run_at) WHERE ((status)::text = 'active'::text);


--
-- Name: ix_mkt_journey_enrolments_profile_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_mkt_journey_enrolments_profile_id ON public.mkt_journey_enrolments USING btree (profile_id);


--
-- Name: ix_mkt_journey_step_runs_enrolment_id_step_id_visit; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_mkt_journey_step_runs_enrolment_id_step_id_visit ON public.mkt_journey_step_runs USING btree (enrolment_id, step_id, visit);


--
-- Name: ix_mkt_journey_step_runs_journey_id_step_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_mkt_journey_step_runs_journey_id_step_id ON public.mkt_journey_step_runs USING btree (journey_id, step_id);


--
-- Name: ix_mkt_unsubscribes_profile_id_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_mkt_unsubscribes_profile_id_at ON public.mkt_unsubscribes USING btree (profile_id, at);


--
-- Name: ix_platform_email_log_email_id_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_platform_email_log_email_id_at ON public.platform_email_log USING btree (email_id, at);


--
-- Name: ix_platform_email_templates_name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_platform_email_templates_name ON public.platform_email_templates USING btree (name);


--
-- Name: ix_platform_emails_contact_id_created_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_platform_emails_contact_id_created_at ON public.platform_emails USING btree (contact_id, created_at);


--
-- Name: ix_platform_emails_message_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_platform_emails_message_id ON public.platform_emails USING btree (message_id);


--
-- Name: ix_platform_emails_next_attempt_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_platform_emails_next_attempt_at ON public.platform_emails USING btree (next_attempt_at) WHERE ((status)::text = 'Queued'::text);


--
-- Name: ix_platform_emails_purpose_to_created_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_platform_emails_purpose_to_created_at ON public.platform_emails USING btree (purpose, "to", created_at);


--
-- Name: ix_platform_inbound_attachments_inbound_email_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_platform_inbound_attachments_inbound_email_id ON public.platform_inbound_attachments USING btree (inbound_email_id);


--
-- Name: ix_platform_inbound_emails_contact_id_sent_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_platform_inbound_emails_contact_id_sent_at ON public.platform_inbound_emails USING btree (contact_id, sent_at);


--
-- Name: ix_platform_inbound_emails_fetched_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_platform_inbound_emails_fetched_at ON public.platform_inbound_emails USING btree (fetched_at) WHERE (handled_at IS NULL);


--
-- Name: ix_platform_inbound_emails_mailbox_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_platform_inbound_emails_mailbox_id ON public.platform_inbound_emails USING btree (mailbox_id);


--
-- Name: ix_platform_inbound_emails_message_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_platform_inbound_emails_message_id ON public.platform_inbound_emails USING btree (message_id);


--
-- Name: ix_platform_inbound_emails_ticket_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_platform_inbound_emails_ticket_id ON public.platform_inbound_emails USING btree (ticket_id);


--
-- Name: ix_platform_mailboxes_owner_user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_platform_mailboxes_owner_user_id ON public.platform_mailboxes USING btree (owner_user_id);


--
-- Name: ix_platform_notifications_user_id_read_at_created_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_platform_notifications_user_id_read_at_created_at ON public.platform_notifications USING btree (user_id, read_at, created_at);


--
-- Name: ix_platform_privacy_suppressions_value_hash; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_platform_privacy_suppressions_value_hash ON public.platform_privacy_suppressions USING btree (value_hash) WHERE (lifted_at IS NULL);


--
-- Name: cdp_events_2025_12_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2025_12_anonymous_id_idx;


--
-- Name: cdp_events_2025_12_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2025_12_pkey;


--
-- Name: cdp_events_2025_12_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2025_12_source_id_received_at_idx;


--
-- Name: cdp_events_2025_12_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2025_12_timestamp_idx;


--
-- Name: cdp_events_2025_12_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2025_12_user_id_idx;


--
-- Name: cdp_events_2026_01_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2026_01_anonymous_id_idx;


--
-- Name: cdp_events_2026_01_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2026_01_pkey;


--
-- Name: cdp_events_2026_01_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2026_01_source_id_received_at_idx;


--
-- Name: cdp_events_2026_01_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2026_01_timestamp_idx;


--
-- Name: cdp_events_2026_01_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2026_01_user_id_idx;


--
-- Name: cdp_events_2026_02_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2026_02_anonymous_id_idx;


--
-- Name: cdp_events_2026_02_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2026_02_pkey;


--
-- Name: cdp_events_2026_02_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2026_02_source_id_received_at_idx;


--
-- Name: cdp_events_2026_02_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2026_02_timestamp_idx;


--
-- Name: cdp_events_2026_02_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2026_02_user_id_idx;


--
-- Name: cdp_events_2026_03_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2026_03_anonymous_id_idx;


--
-- Name: cdp_events_2026_03_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2026_03_pkey;


--
-- Name: cdp_events_2026_03_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2026_03_source_id_received_at_idx;


--
-- Name: cdp_events_2026_03_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2026_03_timestamp_idx;


--
-- Name: cdp_events_2026_03_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2026_03_user_id_idx;


--
-- Name: cdp_events_2026_04_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2026_04_anonymous_id_idx;


--
-- Name: cdp_events_2026_04_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2026_04_pkey;


--
-- Name: cdp_events_2026_04_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2026_04_source_id_received_at_idx;


--
-- Name: cdp_events_2026_04_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2026_04_timestamp_idx;


--
-- Name: cdp_events_2026_04_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2026_04_user_id_idx;


--
-- Name: cdp_events_2026_05_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2026_05_anonymous_id_idx;


--
-- Name: cdp_events_2026_05_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2026_05_pkey;


--
-- Name: cdp_events_2026_05_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2026_05_source_id_received_at_idx;


--
-- Name: cdp_events_2026_05_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2026_05_timestamp_idx;


--
-- Name: cdp_events_2026_05_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2026_05_user_id_idx;


--
-- Name: cdp_events_2026_06_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2026_06_anonymous_id_idx;


--
-- Name: cdp_events_2026_06_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2026_06_pkey;


--
-- Name: cdp_events_2026_06_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2026_06_source_id_received_at_idx;


--
-- Name: cdp_events_2026_06_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2026_06_timestamp_idx;


--
-- Name: cdp_events_2026_06_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2026_06_user_id_idx;


--
-- Name: cdp_events_2026_07_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2026_07_anonymous_id_idx;


--
-- Name: cdp_events_2026_07_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2026_07_pkey;


--
-- Name: cdp_events_2026_07_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2026_07_source_id_received_at_idx;


--
-- Name: cdp_events_2026_07_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2026_07_timestamp_idx;


--
-- Name: cdp_events_2026_07_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2026_07_user_id_idx;


--
-- Name: cdp_events_2026_08_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2026_08_anonymous_id_idx;


--
-- Name: cdp_events_2026_08_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2026_08_pkey;


--
-- Name: cdp_events_2026_08_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2026_08_source_id_received_at_idx;


--
-- Name: cdp_events_2026_08_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2026_08_timestamp_idx;


--
-- Name: cdp_events_2026_08_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2026_08_user_id_idx;


--
-- Name: cdp_events_2026_09_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2026_09_anonymous_id_idx;


--
-- Name: cdp_events_2026_09_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2026_09_pkey;


--
-- Name: cdp_events_2026_09_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2026_09_source_id_received_at_idx;


--
-- Name: cdp_events_2026_09_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2026_09_timestamp_idx;


--
-- Name: cdp_events_2026_09_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2026_09_user_id_idx;


--
-- Name: cdp_events_2026_10_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2026_10_anonymous_id_idx;


--
-- Name: cdp_events_2026_10_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2026_10_pkey;


--
-- Name: cdp_events_2026_10_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2026_10_source_id_received_at_idx;


--
-- Name: cdp_events_2026_10_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2026_10_timestamp_idx;


--
-- Name: cdp_events_2026_10_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2026_10_user_id_idx;


--
-- Name: cdp_events_2026_11_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2026_11_anonymous_id_idx;


--
-- Name: cdp_events_2026_11_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2026_11_pkey;


--
-- Name: cdp_events_2026_11_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2026_11_source_id_received_at_idx;


--
-- Name: cdp_events_2026_11_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2026_11_timestamp_idx;


--
-- Name: cdp_events_2026_11_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2026_11_user_id_idx;


--
-- Name: cdp_events_2026_12_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2026_12_anonymous_id_idx;


--
-- Name: cdp_events_2026_12_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2026_12_pkey;


--
-- Name: cdp_events_2026_12_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2026_12_source_id_received_at_idx;


--
-- Name: cdp_events_2026_12_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2026_12_timestamp_idx;


--
-- Name: cdp_events_2026_12_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2026_12_user_id_idx;


--
-- Name: cdp_events_2027_01_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2027_01_anonymous_id_idx;


--
-- Name: cdp_events_2027_01_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2027_01_pkey;


--
-- Name: cdp_events_2027_01_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2027_01_source_id_received_at_idx;


--
-- Name: cdp_events_2027_01_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2027_01_timestamp_idx;


--
-- Name: cdp_events_2027_01_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2027_01_user_id_idx;


--
-- Name: cdp_events_2027_02_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2027_02_anonymous_id_idx;


--
-- Name: cdp_events_2027_02_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2027_02_pkey;


--
-- Name: cdp_events_2027_02_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2027_02_source_id_received_at_idx;


--
-- Name: cdp_events_2027_02_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2027_02_timestamp_idx;


--
-- Name: cdp_events_2027_02_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2027_02_user_id_idx;


--
-- Name: cdp_events_2027_03_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_2027_03_anonymous_id_idx;


--
-- Name: cdp_events_2027_03_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_2027_03_pkey;


--
-- Name: cdp_events_2027_03_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_2027_03_source_id_received_at_idx;


--
-- Name: cdp_events_2027_03_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_2027_03_timestamp_idx;


--
-- Name: cdp_events_2027_03_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_2027_03_user_id_idx;


--
-- Name: cdp_events_default_anonymous_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_anonymous_id ATTACH PARTITION public.cdp_events_default_anonymous_id_idx;


--
-- Name: cdp_events_default_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.cdp_events_pkey ATTACH PARTITION public.cdp_events_default_pkey;


--
-- Name: cdp_events_default_source_id_received_at_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_source_received ATTACH PARTITION public.cdp_events_default_source_id_received_at_idx;


--
-- Name: cdp_events_default_timestamp_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_timestamp ATTACH PARTITION public.cdp_events_default_timestamp_idx;


--
-- Name: cdp_events_default_user_id_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.ix_cdp_events_user_id ATTACH PARTITION public.cdp_events_default_user_id_idx;


--
-- Name: admin_audit_log admin_audit_log_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER admin_audit_log_append_only BEFORE DELETE OR UPDATE ON public.admin_audit_log FOR EACH ROW EXECUTE FUNCTION public.admin_audit_log_append_only();


--
-- Name: admin_audit_log admin_audit_log_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER admin_audit_log_no_truncate BEFORE TRUNCATE ON public.admin_audit_log FOR EACH STATEMENT EXECUTE FUNCTION public.admin_audit_log_append_only();


--
-- Name: cdp_profile_merges cdp_profile_merges_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER cdp_profile_merges_append_only BEFORE DELETE OR UPDATE ON public.cdp_profile_merges FOR EACH ROW EXECUTE FUNCTION public.cdp_profile_merges_append_only();


--
-- Name: platform_notifications platform_notifications_announce; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER platform_notifications_announce AFTER INSERT ON public.platform_notifications FOR EACH ROW EXECUTE FUNCTION public.platform_notifications_announce();


--
-- Name: jobparameter jobparameter_jobid_fkey; Type: FK CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobparameter
    ADD CONSTRAINT jobparameter_jobid_fkey FOREIGN KEY (jobid) REFERENCES hangfire.job(id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: state state_jobid_fkey; Type: FK CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.state
    ADD CONSTRAINT state_jobid_fkey FOREIGN KEY (jobid) REFERENCES hangfire.job(id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: admin_api_keys fk_admin_api_keys_admin_roles_role_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_api_keys
    ADD CONSTRAINT fk_admin_api_keys_admin_roles_role_id FOREIGN KEY (role_id) REFERENCES public.admin_roles(id) ON DELETE RESTRICT;


--
-- Name: admin_role_claims fk_admin_role_claims_admin_roles_role_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_role_claims
    ADD CONSTRAINT fk_admin_role_claims_admin_roles_role_id FOREIGN KEY (role_id) REFERENCES public.admin_roles(id) ON DELETE CASCADE;


--
-- Name: admin_role_permissions fk_admin_role_permissions_admin_roles_role_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_role_permissions
    ADD CONSTRAINT fk_admin_role_permissions_admin_roles_role_id FOREIGN KEY (role_id) REFERENCES public.admin_roles(id) ON DELETE CASCADE;


--
-- Name: admin_team_members fk_admin_team_members_admin_teams_team_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_team_members
    ADD CONSTRAINT fk_admin_team_members_admin_teams_team_id FOREIGN KEY (team_id) REFERENCES public.admin_teams(id) ON DELETE CASCADE;


--
-- Name: admin_team_members fk_admin_team_members_admin_users_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_team_members
    ADD CONSTRAINT fk_admin_team_members_admin_users_user_id FOREIGN KEY (user_id) REFERENCES public.admin_users(id) ON DELETE CASCADE;


--
-- Name: admin_teams fk_admin_teams_admin_users_lead_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_teams
    ADD CONSTRAINT fk_admin_teams_admin_users_lead_user_id FOREIGN KEY (lead_user_id) REFERENCES public.admin_users(id) ON DELETE SET NULL;


--
-- Name: admin_user_claims fk_admin_user_claims_admin_users_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_user_claims
    ADD CONSTRAINT fk_admin_user_claims_admin_users_user_id FOREIGN KEY (user_id) REFERENCES public.admin_users(id) ON DELETE CASCADE;


--
-- Name: admin_user_logins fk_admin_user_logins_admin_users_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_user_logins
    ADD CONSTRAINT fk_admin_user_logins_admin_users_user_id FOREIGN KEY (user_id) REFERENCES public.admin_users(id) ON DELETE CASCADE;


--
-- Name: admin_user_roles fk_admin_user_roles_admin_roles_role_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_user_roles
    ADD CONSTRAINT fk_admin_user_roles_admin_roles_role_id FOREIGN KEY (role_id) REFERENCES public.admin_roles(id) ON DELETE CASCADE;


--
-- Name: admin_user_roles fk_admin_user_roles_admin_users_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_user_roles
    ADD CONSTRAINT fk_admin_user_roles_admin_users_user_id FOREIGN KEY (user_id) REFERENCES public.admin_users(id) ON DELETE CASCADE;


--
-- Name: admin_user_tokens fk_admin_user_tokens_admin_users_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_user_tokens
    ADD CONSTRAINT fk_admin_user_tokens_admin_users_user_id FOREIGN KEY (user_id) REFERENCES public.admin_users(id) ON DELETE CASCADE;


--
-- Name: cdp_dashboards fk_cdp_dashboards_admin_users_owner_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_dashboards
    ADD CONSTRAINT fk_cdp_dashboards_admin_users_owner_user_id FOREIGN KEY (owner_user_id) REFERENCES public.admin_users(id) ON DELETE SET NULL;


--
-- Name: cdp_deliveries fk_cdp_deliveries_destination_destination_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_deliveries
    ADD CONSTRAINT fk_cdp_deliveries_destination_destination_id FOREIGN KEY (destination_id) REFERENCES public.cdp_destinations(id) ON DELETE CASCADE;


--
-- Name: cdp_delivery_attempts fk_cdp_delivery_attempts_cdp_deliveries_delivery_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_delivery_attempts
    ADD CONSTRAINT fk_cdp_delivery_attempts_cdp_deliveries_delivery_id FOREIGN KEY (delivery_id) REFERENCES public.cdp_deliveries(id) ON DELETE CASCADE;


--
-- Name: cdp_segment_activations fk_cdp_segment_activations_cdp_segments_segment_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_segment_activations
    ADD CONSTRAINT fk_cdp_segment_activations_cdp_segments_segment_id FOREIGN KEY (segment_id) REFERENCES public.cdp_segments(id) ON DELETE CASCADE;


--
-- Name: cdp_segment_changes fk_cdp_segment_changes_cdp_segments_segment_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_segment_changes
    ADD CONSTRAINT fk_cdp_segment_changes_cdp_segments_segment_id FOREIGN KEY (segment_id) REFERENCES public.cdp_segments(id) ON DELETE CASCADE;


--
-- Name: cdp_segment_members fk_cdp_segment_members_cdp_segments_segment_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_segment_members
    ADD CONSTRAINT fk_cdp_segment_members_cdp_segments_segment_id FOREIGN KEY (segment_id) REFERENCES public.cdp_segments(id) ON DELETE CASCADE;


--
-- Name: cdp_tracking_plans fk_cdp_tracking_plans_cdp_sources_source_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cdp_tracking_plans
    ADD CONSTRAINT fk_cdp_tracking_plans_cdp_sources_source_id FOREIGN KEY (source_id) REFERENCES public.cdp_sources(id) ON DELETE CASCADE;


--
-- Name: crm_activities fk_crm_activities_admin_users_owner_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_activities
    ADD CONSTRAINT fk_crm_activities_admin_users_owner_id FOREIGN KEY (owner_id) REFERENCES public.admin_users(id) ON DELETE SET NULL;


--
-- Name: crm_activities fk_crm_activities_company_company_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_activities
    ADD CONSTRAINT fk_crm_activities_company_company_id FOREIGN KEY (company_id) REFERENCES public.crm_companies(id) ON DELETE CASCADE;


--
-- Name: crm_activities fk_crm_activities_contact_contact_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_activities
    ADD CONSTRAINT fk_crm_activities_contact_contact_id FOREIGN KEY (contact_id) REFERENCES public.crm_contacts(id) ON DELETE CASCADE;


--
-- Name: crm_activities fk_crm_activities_deal_deal_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_activities
    ADD CONSTRAINT fk_crm_activities_deal_deal_id FOREIGN KEY (deal_id) REFERENCES public.crm_deals(id) ON DELETE SET NULL;


--
-- Name: crm_calendar_feeds fk_crm_calendar_feeds_admin_users_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_calendar_feeds
    ADD CONSTRAINT fk_crm_calendar_feeds_admin_users_user_id FOREIGN KEY (user_id) REFERENCES public.admin_users(id) ON DELETE CASCADE;


--
-- Name: crm_companies fk_crm_companies_admin_users_owner_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_companies
    ADD CONSTRAINT fk_crm_companies_admin_users_owner_id FOREIGN KEY (owner_id) REFERENCES public.admin_users(id) ON DELETE SET NULL;


--
-- Name: crm_contact_exports fk_crm_contact_exports_admin_users_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_contact_exports
    ADD CONSTRAINT fk_crm_contact_exports_admin_users_user_id FOREIGN KEY (user_id) REFERENCES public.admin_users(id) ON DELETE CASCADE;


--
-- Name: crm_contact_imports fk_crm_contact_imports_admin_users_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_contact_imports
    ADD CONSTRAINT fk_crm_contact_imports_admin_users_user_id FOREIGN KEY (user_id) REFERENCES public.admin_users(id) ON DELETE CASCADE;


--
-- Name: crm_contacts fk_crm_contacts_admin_users_owner_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_contacts
    ADD CONSTRAINT fk_crm_contacts_admin_users_owner_id FOREIGN KEY (owner_id) REFERENCES public.admin_users(id) ON DELETE SET NULL;


--
-- Name: crm_contacts fk_crm_contacts_crm_companies_company_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_contacts
    ADD CONSTRAINT fk_crm_contacts_crm_companies_company_id FOREIGN KEY (company_id) REFERENCES public.crm_companies(id) ON DELETE SET NULL;


--
-- Name: crm_deal_stage_changes fk_crm_deal_stage_changes_crm_deals_deal_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_deal_stage_changes
    ADD CONSTRAINT fk_crm_deal_stage_changes_crm_deals_deal_id FOREIGN KEY (deal_id) REFERENCES public.crm_deals(id) ON DELETE CASCADE;


--
-- Name: crm_deals fk_crm_deals_admin_users_owner_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_deals
    ADD CONSTRAINT fk_crm_deals_admin_users_owner_id FOREIGN KEY (owner_id) REFERENCES public.admin_users(id) ON DELETE SET NULL;


--
-- Name: crm_deals fk_crm_deals_crm_companies_company_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_deals
    ADD CONSTRAINT fk_crm_deals_crm_companies_company_id FOREIGN KEY (company_id) REFERENCES public.crm_companies(id) ON DELETE SET NULL;


--
-- Name: crm_deals fk_crm_deals_lost_reason_lost_reason_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_deals
    ADD CONSTRAINT fk_crm_deals_lost_reason_lost_reason_id FOREIGN KEY (lost_reason_id) REFERENCES public.crm_lost_reasons(id) ON DELETE RESTRICT;


--
-- Name: crm_deals fk_crm_deals_pipeline_stage_stage_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_deals
    ADD CONSTRAINT fk_crm_deals_pipeline_stage_stage_id FOREIGN KEY (stage_id) REFERENCES public.crm_pipeline_stages(id) ON DELETE RESTRICT;


--
-- Name: crm_deals fk_crm_deals_sales_pipeline_pipeline_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_deals
    ADD CONSTRAINT fk_crm_deals_sales_pipeline_pipeline_id FOREIGN KEY (pipeline_id) REFERENCES public.crm_pipelines(id) ON DELETE RESTRICT;


--
-- Name: crm_form_consent_texts fk_crm_form_consent_texts_crm_forms_form_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_form_consent_texts
    ADD CONSTRAINT fk_crm_form_consent_texts_crm_forms_form_id FOREIGN KEY (form_id) REFERENCES public.crm_forms(id) ON DELETE CASCADE;


--
-- Name: crm_form_submissions fk_crm_form_submissions_web_form_form_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_form_submissions
    ADD CONSTRAINT fk_crm_form_submissions_web_form_form_id FOREIGN KEY (form_id) REFERENCES public.crm_forms(id) ON DELETE CASCADE;


--
-- Name: crm_forms fk_crm_forms_teams_assign_team_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_forms
    ADD CONSTRAINT fk_crm_forms_teams_assign_team_id FOREIGN KEY (assign_team_id) REFERENCES public.admin_teams(id) ON DELETE SET NULL;


--
-- Name: crm_pipeline_stages fk_crm_pipeline_stages_crm_pipelines_pipeline_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_pipeline_stages
    ADD CONSTRAINT fk_crm_pipeline_stages_crm_pipelines_pipeline_id FOREIGN KEY (pipeline_id) REFERENCES public.crm_pipelines(id) ON DELETE CASCADE;


--
-- Name: crm_quotas fk_crm_quotas_admin_users_owner_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_quotas
    ADD CONSTRAINT fk_crm_quotas_admin_users_owner_id FOREIGN KEY (owner_id) REFERENCES public.admin_users(id) ON DELETE CASCADE;


--
-- Name: crm_quotas fk_crm_quotas_crm_pipelines_pipeline_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_quotas
    ADD CONSTRAINT fk_crm_quotas_crm_pipelines_pipeline_id FOREIGN KEY (pipeline_id) REFERENCES public.crm_pipelines(id) ON DELETE CASCADE;


--
-- Name: crm_saved_views fk_crm_saved_views_admin_users_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_saved_views
    ADD CONSTRAINT fk_crm_saved_views_admin_users_user_id FOREIGN KEY (user_id) REFERENCES public.admin_users(id) ON DELETE CASCADE;


--
-- Name: crm_tasks fk_crm_tasks_admin_users_owner_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_tasks
    ADD CONSTRAINT fk_crm_tasks_admin_users_owner_id FOREIGN KEY (owner_id) REFERENCES public.admin_users(id) ON DELETE SET NULL;


--
-- Name: crm_tasks fk_crm_tasks_crm_companies_company_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_tasks
    ADD CONSTRAINT fk_crm_tasks_crm_companies_company_id FOREIGN KEY (company_id) REFERENCES public.crm_companies(id) ON DELETE CASCADE;


--
-- Name: crm_tasks fk_crm_tasks_crm_contacts_contact_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_tasks
    ADD CONSTRAINT fk_crm_tasks_crm_contacts_contact_id FOREIGN KEY (contact_id) REFERENCES public.crm_contacts(id) ON DELETE CASCADE;


--
-- Name: crm_tasks fk_crm_tasks_crm_deals_deal_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_tasks
    ADD CONSTRAINT fk_crm_tasks_crm_deals_deal_id FOREIGN KEY (deal_id) REFERENCES public.crm_deals(id) ON DELETE SET NULL;


--
-- Name: crm_team_routing fk_crm_team_routing_teams_team_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_team_routing
    ADD CONSTRAINT fk_crm_team_routing_teams_team_id FOREIGN KEY (team_id) REFERENCES public.admin_teams(id) ON DELETE CASCADE;


--
-- Name: crm_ticket_replies fk_crm_ticket_replies_crm_tickets_ticket_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_ticket_replies
    ADD CONSTRAINT fk_crm_ticket_replies_crm_tickets_ticket_id FOREIGN KEY (ticket_id) REFERENCES public.crm_tickets(id) ON DELETE CASCADE;


--
-- Name: crm_tickets fk_crm_tickets_admin_users_owner_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_tickets
    ADD CONSTRAINT fk_crm_tickets_admin_users_owner_id FOREIGN KEY (owner_id) REFERENCES public.admin_users(id) ON DELETE SET NULL;


--
-- Name: crm_tickets fk_crm_tickets_crm_contacts_contact_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_tickets
    ADD CONSTRAINT fk_crm_tickets_crm_contacts_contact_id FOREIGN KEY (contact_id) REFERENCES public.crm_contacts(id) ON DELETE SET NULL;


--
-- Name: crm_tickets fk_crm_tickets_teams_team_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crm_tickets
    ADD CONSTRAINT fk_crm_tickets_teams_team_id FOREIGN KEY (team_id) REFERENCES public.admin_teams(id) ON DELETE SET NULL;


--
-- Name: mkt_campaign_recipients fk_mkt_campaign_recipients_mkt_campaigns_campaign_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_campaign_recipients
    ADD CONSTRAINT fk_mkt_campaign_recipients_mkt_campaigns_campaign_id FOREIGN KEY (campaign_id) REFERENCES public.mkt_campaigns(id) ON DELETE CASCADE;


--
-- Name: mkt_journey_enrolments fk_mkt_journey_enrolments_mkt_journeys_journey_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_journey_enrolments
    ADD CONSTRAINT fk_mkt_journey_enrolments_mkt_journeys_journey_id FOREIGN KEY (journey_id) REFERENCES public.mkt_journeys(id) ON DELETE CASCADE;


--
-- Name: mkt_journey_step_runs fk_mkt_journey_step_runs_mkt_journey_enrolments_enrolment_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_journey_step_runs
    ADD CONSTRAINT fk_mkt_journey_step_runs_mkt_journey_enrolments_enrolment_id FOREIGN KEY (enrolment_id) REFERENCES public.mkt_journey_enrolments(id) ON DELETE CASCADE;


--
-- Name: mkt_journey_versions fk_mkt_journey_versions_mkt_journeys_journey_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_journey_versions
    ADD CONSTRAINT fk_mkt_journey_versions_mkt_journeys_journey_id FOREIGN KEY (journey_id) REFERENCES public.mkt_journeys(id) ON DELETE CASCADE;


--
-- Name: mkt_round_robin_turns fk_mkt_round_robin_turns_mkt_journeys_journey_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mkt_round_robin_turns
    ADD CONSTRAINT fk_mkt_round_robin_turns_mkt_journeys_journey_id FOREIGN KEY (journey_id) REFERENCES public.mkt_journeys(id) ON DELETE CASCADE;


--
-- Name: platform_email_log fk_platform_email_log_platform_emails_email_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_email_log
    ADD CONSTRAINT fk_platform_email_log_platform_emails_email_id FOREIGN KEY (email_id) REFERENCES public.platform_emails(id) ON DELETE CASCADE;


--
-- Name: platform_inbound_attachments fk_platform_inbound_attachments_inbound_email_inbound_email_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_inbound_attachments
    ADD CONSTRAINT fk_platform_inbound_attachments_inbound_email_inbound_email_id FOREIGN KEY (inbound_email_id) REFERENCES public.platform_inbound_emails(id) ON DELETE CASCADE;


--
-- Name: platform_inbound_emails fk_platform_inbound_emails_platform_mailboxes_mailbox_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_inbound_emails
    ADD CONSTRAINT fk_platform_inbound_emails_platform_mailboxes_mailbox_id FOREIGN KEY (mailbox_id) REFERENCES public.platform_mailboxes(id) ON DELETE CASCADE;


--
-- Name: platform_mailboxes fk_platform_mailboxes_admin_users_owner_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_mailboxes
    ADD CONSTRAINT fk_platform_mailboxes_admin_users_owner_user_id FOREIGN KEY (owner_user_id) REFERENCES public.admin_users(id) ON DELETE CASCADE;


--
-- Name: platform_notifications fk_platform_notifications_admin_users_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_notifications
    ADD CONSTRAINT fk_platform_notifications_admin_users_user_id FOREIGN KEY (user_id) REFERENCES public.admin_users(id) ON DELETE CASCADE;


--
-- Name: platform_user_preferences fk_platform_user_preferences_admin_users_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.platform_user_preferences
    ADD CONSTRAINT fk_platform_user_preferences_admin_users_user_id FOREIGN KEY (user_id) REFERENCES public.admin_users(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--

\unrestrict xdsMK1b8qtXfUAxbelC0xvywtiP97X86z6l3Pt9Xi3e7OXQn8xceBrxIbDFcfxr

