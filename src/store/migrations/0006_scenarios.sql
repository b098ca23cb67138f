CREATE TABLE "scenarios" (
	"region_code" char(6) COLLATE "C" NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"base_date" date NOT NULL,
	"base_seq" integer NOT NULL,
	"status" text NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"necessity" text,
	"basis" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" text,
	"decided_by" text,
	"doc_number" text,
	"effective_on" date,
	"adjustment_id" uuid,
	"review_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "scenarios_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE TABLE "scenario_items" (
	"region_code" char(6) COLLATE "C" NOT NULL,
	"scenario_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"op" text NOT NULL,
	"payload" jsonb NOT NULL,
	CONSTRAINT "scenario_items_region_code_scenario_id_seq_pk" PRIMARY KEY("region_code","scenario_id","seq")
);
--> statement-breakpoint
CREATE INDEX "scenarios_author_idx" ON "scenarios" USING btree ("region_code","created_by");
