ALTER TABLE "institutions" ADD COLUMN "sanding_doc_number" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "sanding_on" date;