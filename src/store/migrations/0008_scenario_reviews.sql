ALTER TABLE "scenarios" ADD COLUMN "targets" jsonb;--> statement-breakpoint
ALTER TABLE "scenarios" ADD COLUMN "reviewed_on" date;--> statement-breakpoint
ALTER TABLE "scenarios" ADD COLUMN "reviewed_by" text;--> statement-breakpoint
ALTER TABLE "scenarios" ADD COLUMN "review" jsonb;