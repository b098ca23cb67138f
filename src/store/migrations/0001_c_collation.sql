-- Codes are ASCII: byte order (COLLATE "C") keeps their btree indexes off strcoll, which a UTF-8 locale makes slow.
ALTER TABLE "regions" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "adjustments" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "adjustment_items" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "institutions" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "quotas" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "leadership_posts" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "persons" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "assignments" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "movements" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "duties" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "workload_indicators" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "region_indicators" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "imports" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "persons" ALTER COLUMN "id_number" TYPE text COLLATE "C";
