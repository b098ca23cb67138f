CREATE TABLE "audit_heads" (
	"region_code" char(6) NOT NULL,
	"id" bigserial NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"kind" text DEFAULT 'append' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_heads_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE INDEX "audit_heads_seq_idx" ON "audit_heads" USING btree ("region_code","seq");--> statement-breakpoint
ALTER TABLE "audit_heads" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
-- The events already written are anchored as they stand.
INSERT INTO "audit_heads" ("region_code", "seq", "hash") SELECT "region_code", "seq", "hash" FROM "audit_events" ORDER BY "region_code", "seq";--> statement-breakpoint
-- Every appended event is anchored by this trigger. SECURITY DEFINER: it runs as the role that owns the schema, so the
-- application's role needs no right to write audit_heads (it only reads it).
CREATE FUNCTION "bianzhi_audit_anchor"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO audit_heads (region_code, seq, hash) VALUES (NEW.region_code, NEW.seq, NEW.hash);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "audit_events_anchor" AFTER INSERT ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "bianzhi_audit_anchor"();--> statement-breakpoint
-- Append-only, for every role including superusers (who bypass grants): UPDATE, DELETE and TRUNCATE raise. The one
-- exception is the TRUNCATE of audit_events that bianzhi_audit_restore_begin() does for a restore.
CREATE FUNCTION "bianzhi_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' AND TG_TABLE_NAME = 'audit_events' AND current_setting('bianzhi.audit_restore', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION '审计记录只能追加,不能修改或删除(表 %,操作 %)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "bianzhi_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "bianzhi_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_heads_append_only" BEFORE UPDATE OR DELETE ON "audit_heads" FOR EACH ROW EXECUTE FUNCTION "bianzhi_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_heads_no_truncate" BEFORE TRUNCATE ON "audit_heads" FOR EACH STATEMENT EXECUTE FUNCTION "bianzhi_append_only"();--> statement-breakpoint
-- The sanctioned path for `bianzhi restore`: marks in the anchor where the chain was replaced (with the anchored head
-- it replaced), then empties audit_events so that the backup's events can be loaded (each anchored again on insert).
CREATE FUNCTION "bianzhi_audit_restore_begin"() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO audit_heads (region_code, seq, hash, kind)
    SELECT DISTINCT ON (region_code) region_code, seq, hash, 'restore' FROM audit_heads
     WHERE kind = 'append' ORDER BY region_code, id DESC;
  PERFORM set_config('bianzhi.audit_restore', 'on', true);
  TRUNCATE audit_events;
  PERFORM set_config('bianzhi.audit_restore', 'off', true);
END $$;--> statement-breakpoint
-- The application's role (NOLOGIN; a deployment's login user is made a member of it): every table but the audit ones
-- fully, audit_events SELECT and INSERT only, audit_heads SELECT only. Skipped when the migrating user may not create
-- roles; the triggers above hold either way.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bianzhi_app') THEN
    CREATE ROLE bianzhi_app NOLOGIN;
  END IF;
EXCEPTION WHEN insufficient_privilege OR duplicate_object OR unique_violation THEN
  RAISE NOTICE 'bianzhi_app 角色未创建:%', SQLERRM;
END $$;--> statement-breakpoint
DO $$ BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'bianzhi_app') THEN
    GRANT USAGE ON SCHEMA public TO bianzhi_app;
    GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO bianzhi_app;
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO bianzhi_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM bianzhi_app;
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_heads FROM bianzhi_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO bianzhi_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO bianzhi_app;
    GRANT USAGE ON SCHEMA drizzle TO bianzhi_app;
    GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO bianzhi_app;
  END IF;
END $$;
