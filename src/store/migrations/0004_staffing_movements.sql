-- Movements become the roster's ledger (issue 16): each carries the assignment it opens (all of its fields) and who
-- recorded it, on which document and why; the assignments table is the fold of the movements.
ALTER TABLE "movements" ADD COLUMN "assignment_id" uuid;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "unit_id" uuid;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "post" text;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "leadership_level" text;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "post_class" text;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "exit_type" text;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "doc_number" text;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "recorded_by" text;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "import_id" bigint;--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "approval_id" uuid;--> statement-breakpoint
-- The 调动 written so far (people following a merged institution): linked to the assignment each one opened.
UPDATE "movements" m
   SET "assignment_id" = a."id", "unit_id" = a."unit_id", "category" = a."category", "post" = a."post",
       "leadership_level" = a."leadership_level", "post_class" = a."post_class", "import_id" = a."import_id"
  FROM "assignments" a
 WHERE m."type" = 'transfer' AND m."assignment_id" IS NULL AND a."region_code" = m."region_code"
   AND a."person_id" = m."person_id" AND a."institution_id" = m."to_institution_id" AND a."start_on" = m."on";--> statement-breakpoint
-- The baseline: every assignment no movement opened gets one (入编, or 调动 when the person's previous assignment
-- ended that day), in date order so the fold order (date, id) is the history's order.
INSERT INTO "movements" ("region_code", "person_id", "type", "on", "from_institution_id", "to_institution_id",
                         "unit_id", "category", "post", "leadership_level", "post_class", "assignment_id", "import_id",
                         "note", "recorded_by")
SELECT a."region_code", a."person_id", CASE WHEN prev."institution_id" IS NULL THEN 'enter' ELSE 'transfer' END,
       a."start_on", prev."institution_id", a."institution_id", a."unit_id", a."category", a."post",
       a."leadership_level", a."post_class", a."id", a."import_id", '基线:迁移前的实名库', 'migration'
  FROM "assignments" a
  LEFT JOIN LATERAL (
    SELECT p."institution_id" FROM "assignments" p
     WHERE p."region_code" = a."region_code" AND p."person_id" = a."person_id" AND p."end_on" = a."start_on"
       AND p."id" <> a."id"
     LIMIT 1
  ) prev ON true
 WHERE NOT EXISTS (SELECT 1 FROM "movements" m WHERE m."region_code" = a."region_code" AND m."assignment_id" = a."id")
 ORDER BY a."start_on", a."id";--> statement-breakpoint
-- An assignment that ended with nothing after it: the person left; how is not known.
INSERT INTO "movements" ("region_code", "person_id", "type", "on", "from_institution_id", "category", "exit_type",
                         "note", "recorded_by")
SELECT a."region_code", a."person_id", 'exit', a."end_on", a."institution_id", a."category", 'unrecorded',
       '基线:迁移前已结束的任职', 'migration'
  FROM "assignments" a
 WHERE a."end_on" IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM "assignments" n WHERE n."region_code" = a."region_code"
                      AND n."person_id" = a."person_id" AND n."start_on" = a."end_on" AND n."id" <> a."id")
 ORDER BY a."end_on", a."id";--> statement-breakpoint
ALTER TABLE "movements" ADD CONSTRAINT "movements_type_check"
  CHECK ("type" IN ('enter', 'transfer', 'appoint', 'dismiss', 'exit'));--> statement-breakpoint
ALTER TABLE "movements" ADD CONSTRAINT "movements_exit_type_check"
  CHECK (("type" = 'exit') = ("exit_type" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "movements" ADD CONSTRAINT "movements_opens_check"
  CHECK (("type" = 'exit') = ("assignment_id" IS NULL));--> statement-breakpoint
CREATE INDEX "movements_on_idx" ON "movements" USING btree ("region_code", "on");--> statement-breakpoint
CREATE UNIQUE INDEX "movements_assignment_idx" ON "movements" USING btree ("region_code", "assignment_id");
--> statement-breakpoint
-- 用编申请 → 核准: a unit's request to fill vacant quota; once approved it holds (占编) its places until used, expired
-- or withdrawn.
CREATE TABLE "staffing_requests" (
	"region_code" char(6) COLLATE "C" NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"category" text NOT NULL,
	"count" integer NOT NULL,
	"channel" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"replacement" boolean DEFAULT false NOT NULL,
	"drafted_by" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_by" text,
	"approved_on" date,
	"expires_on" date,
	"doc_year" integer,
	"doc_seq" integer,
	"doc_number" text,
	"used" integer DEFAULT 0 NOT NULL,
	"withdrawn_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staffing_requests_region_code_id_pk" PRIMARY KEY("region_code","id"),
	CONSTRAINT "staffing_requests_count_check" CHECK ("count" BETWEEN 1 AND 10000),
	CONSTRAINT "staffing_requests_used_check" CHECK ("used" BETWEEN 0 AND "count"),
	CONSTRAINT "staffing_requests_status_check" CHECK ("status" IN ('draft', 'submitted', 'approved', 'withdrawn'))
);
--> statement-breakpoint
CREATE INDEX "staffing_requests_institution_idx" ON "staffing_requests" USING btree ("region_code","institution_id","category");--> statement-breakpoint
CREATE UNIQUE INDEX "staffing_requests_doc_idx" ON "staffing_requests" USING btree ("region_code","doc_year","doc_seq");
