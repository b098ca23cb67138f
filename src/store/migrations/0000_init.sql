CREATE TABLE "adjustment_items" (
	"region_code" char(6) NOT NULL,
	"adjustment_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"op" text NOT NULL,
	"payload" jsonb NOT NULL,
	CONSTRAINT "adjustment_items_region_code_adjustment_id_seq_pk" PRIMARY KEY("region_code","adjustment_id","seq")
);
--> statement-breakpoint
CREATE TABLE "adjustments" (
	"region_code" char(6) NOT NULL,
	"id" uuid NOT NULL,
	"doc_number" text NOT NULL,
	"title" text NOT NULL,
	"effective_on" date NOT NULL,
	"status" text NOT NULL,
	"is_baseline" boolean DEFAULT false NOT NULL,
	"applied_seq" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" text,
	"applied_at" timestamp with time zone,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "adjustments_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"region_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"unit_id" uuid,
	"category" text NOT NULL,
	"post" text,
	"leadership_level" text,
	"post_class" text,
	"start_on" date NOT NULL,
	"end_on" date,
	"import_id" bigint,
	CONSTRAINT "assignments_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"region_code" char(6) NOT NULL,
	"seq" bigint NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_region_code_seq_pk" PRIMARY KEY("region_code","seq")
);
--> statement-breakpoint
CREATE TABLE "duties" (
	"region_code" char(6) NOT NULL,
	"id" bigserial NOT NULL,
	"institution_id" uuid NOT NULL,
	"source" text NOT NULL,
	"category" text,
	"title" text NOT NULL,
	"text" text,
	"legal_basis" text,
	"domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"role" text DEFAULT 'lead' NOT NULL,
	"item_code" text,
	"import_id" bigint,
	CONSTRAINT "duties_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"region_code" char(6) NOT NULL,
	"id" bigserial NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"row_count" integer NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"adjustment_id" uuid,
	CONSTRAINT "imports_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "institutions" (
	"region_code" char(6) NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"rank" text,
	"parent_id" uuid,
	"hosted_by_id" uuid,
	"code" text,
	"also_named" text[] DEFAULT '{}'::text[] NOT NULL,
	"pi_class" text,
	"funding" text,
	"civil_service_managed" boolean DEFAULT false NOT NULL,
	"established_on" date,
	"abolished_on" date,
	"status" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "institutions_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "leadership_posts" (
	"region_code" char(6) NOT NULL,
	"institution_id" uuid NOT NULL,
	"level" text NOT NULL,
	"post_class" text NOT NULL,
	"approved" integer NOT NULL,
	CONSTRAINT "leadership_posts_region_code_institution_id_level_post_class_pk" PRIMARY KEY("region_code","institution_id","level","post_class")
);
--> statement-breakpoint
CREATE TABLE "movements" (
	"region_code" char(6) NOT NULL,
	"id" bigserial NOT NULL,
	"person_id" uuid NOT NULL,
	"type" text NOT NULL,
	"on" date NOT NULL,
	"from_institution_id" uuid,
	"to_institution_id" uuid,
	"category" text,
	"adjustment_id" uuid,
	"note" text,
	CONSTRAINT "movements_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"region_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"id_number" text NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"birth_date" date,
	"education" text,
	"degree" text,
	"title_level" text,
	"political_status" text,
	"joined_work_on" date,
	"import_id" bigint,
	CONSTRAINT "persons_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "quotas" (
	"region_code" char(6) NOT NULL,
	"institution_id" uuid NOT NULL,
	"category" text NOT NULL,
	"approved" integer NOT NULL,
	CONSTRAINT "quotas_region_code_institution_id_category_pk" PRIMARY KEY("region_code","institution_id","category")
);
--> statement-breakpoint
CREATE TABLE "region_indicators" (
	"region_code" char(6) NOT NULL,
	"id" bigserial NOT NULL,
	"scope_institution_id" uuid,
	"year" smallint NOT NULL,
	"indicator" text NOT NULL,
	"value" double precision,
	"text_value" text,
	CONSTRAINT "region_indicators_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"region_code" char(6) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"limits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workload_indicators" (
	"region_code" char(6) NOT NULL,
	"institution_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"indicator" text NOT NULL,
	"value" double precision NOT NULL,
	"unit" text,
	CONSTRAINT "workload_indicators_region_code_institution_id_year_indicator_pk" PRIMARY KEY("region_code","institution_id","year","indicator")
);
--> statement-breakpoint
CREATE INDEX "adjustments_status_idx" ON "adjustments" USING btree ("region_code","status","effective_on");--> statement-breakpoint
CREATE INDEX "assignments_institution_idx" ON "assignments" USING btree ("region_code","institution_id");--> statement-breakpoint
CREATE INDEX "assignments_person_idx" ON "assignments" USING btree ("region_code","person_id");--> statement-breakpoint
CREATE INDEX "duties_institution_idx" ON "duties" USING btree ("region_code","institution_id");--> statement-breakpoint
CREATE INDEX "institutions_parent_idx" ON "institutions" USING btree ("region_code","parent_id");--> statement-breakpoint
CREATE INDEX "institutions_name_idx" ON "institutions" USING btree ("region_code","name");--> statement-breakpoint
CREATE INDEX "movements_person_idx" ON "movements" USING btree ("region_code","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_id_number_idx" ON "persons" USING btree ("region_code","id_number");--> statement-breakpoint
CREATE INDEX "region_indicators_key_idx" ON "region_indicators" USING btree ("region_code","scope_institution_id","year","indicator");