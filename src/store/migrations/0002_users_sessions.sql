CREATE TABLE "sessions" (
	"region_code" char(6) NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sessions_region_code_token_hash_pk" PRIMARY KEY("region_code","token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"region_code" char(6) NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"institution_id" uuid,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_region_code_id_pk" PRIMARY KEY("region_code","id")
);
--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("region_code","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_idx" ON "users" USING btree ("region_code","username");--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "region_code" TYPE char(6) COLLATE "C";
