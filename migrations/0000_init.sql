CREATE TABLE "accommodation_criteria" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text,
	"direction" text NOT NULL,
	"missing" text NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accommodation_criteria_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "accommodation_placement_rooms" (
	"tenant_id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"persons" integer NOT NULL,
	CONSTRAINT "accommodation_placement_rooms_tenant_id_placement_id_room_id_pk" PRIMARY KEY("tenant_id","placement_id","room_id")
);
--> statement-breakpoint
CREATE TABLE "accommodation_placements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"accommodation_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"case_reference" text NOT NULL,
	"household_id" uuid NOT NULL,
	"persons" integer NOT NULL,
	"room" text,
	"move_in" date NOT NULL,
	"move_out" date,
	"address_moved_on" date,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accommodation_placements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "accommodation_rooms" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"accommodation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"floor" integer,
	"beds" integer NOT NULL,
	"accessible" boolean DEFAULT false NOT NULL,
	"use" text DEFAULT 'any' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accommodation_rooms_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "accommodation_scenarios" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"weights" jsonb NOT NULL,
	"constraints" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	"weight_set_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accommodation_scenarios_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "accommodation_sites" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"area_id" uuid NOT NULL,
	"capacity" integer NOT NULL,
	"existing" boolean DEFAULT false NOT NULL,
	"note" text,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accommodation_sites_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "accommodation_surveys" (
	"tenant_id" uuid NOT NULL,
	"accommodation_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accommodation_surveys_tenant_id_accommodation_id_pk" PRIMARY KEY("tenant_id","accommodation_id")
);
--> statement-breakpoint
CREATE TABLE "accommodation_weight_dialogues" (
	"tenant_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"method" text NOT NULL,
	"mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accommodation_weight_dialogues_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "accommodation_weight_sets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" integer NOT NULL,
	"weights" jsonb NOT NULL,
	"source" jsonb NOT NULL,
	"adopted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accommodation_weight_sets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "accommodations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"address" text NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"area_id" uuid NOT NULL,
	"places" integer NOT NULL,
	"accessible" boolean DEFAULT false NOT NULL,
	"operator" text,
	"contact" text,
	"opens_on" date NOT NULL,
	"closes_on" date,
	"place_id" uuid,
	"place_version" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accommodations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "address_streets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"locality" text,
	"locality_key" text DEFAULT '' NOT NULL,
	"grams" text[] NOT NULL,
	"address_count" integer NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	CONSTRAINT "address_streets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "addresses" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"street" text NOT NULL,
	"street_key" text NOT NULL,
	"house_number" integer NOT NULL,
	"suffix" text DEFAULT '' NOT NULL,
	"postcode" text,
	"locality" text,
	"locality_key" text DEFAULT '' NOT NULL,
	"district" text,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "addresses_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "areas" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"parent_id" uuid,
	"level" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"min_lon" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lon" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"approximate" boolean DEFAULT false NOT NULL,
	"source_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "areas_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_kind" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"changes" jsonb,
	"reason" text,
	"request_id" text,
	CONSTRAINT "audit_log_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"lock_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_failure_at" timestamp with time zone,
	CONSTRAINT "login_throttle_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
CREATE TABLE "password_reset_tokens" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "password_reset_tokens_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"mfa_satisfied" boolean DEFAULT false NOT NULL,
	CONSTRAINT "sessions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "break_glass_accesses" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_outcome" text,
	"review_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "break_glass_accesses_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_attachments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"file_name_enc" text NOT NULL,
	"mime_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"content_enc" "bytea" NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_attachments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_contacts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer,
	"note_enc" text,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_contacts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_needs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid,
	"domain" text NOT NULL,
	"status" text DEFAULT 'identified' NOT NULL,
	"note_enc" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_needs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid,
	"text_enc" text NOT NULL,
	"health" boolean DEFAULT false NOT NULL,
	"author_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_notes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_phase_changes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"from_phase" text,
	"to_phase" text NOT NULL,
	"changed_on" date NOT NULL,
	"reason_enc" text,
	"changed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_phase_changes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_phase_definitions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"key" text NOT NULL,
	"sort" integer NOT NULL,
	"label" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_phase_definitions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_workers" (
	"tenant_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"lead" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_workers_tenant_id_case_id_user_id_pk" PRIMARY KEY("tenant_id","case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"reference" text NOT NULL,
	"household_id" uuid NOT NULL,
	"case_type" text DEFAULT 'integration' NOT NULL,
	"office_id" uuid,
	"area_id" uuid,
	"phase_key" text NOT NULL,
	"housing_stage" text,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_on" date NOT NULL,
	"closed_on" date,
	"closure_reason" text,
	"legal_hold" boolean DEFAULT false NOT NULL,
	"legal_hold_reason" text,
	"retention_due_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"recipient_type" text NOT NULL,
	"recipient_id" uuid,
	"form" text NOT NULL,
	"given_on" date NOT NULL,
	"expires_on" date,
	"withdrawn_on" date,
	"recorded_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "family_relations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"related_person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_relations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "help_plan_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"goal_id" uuid,
	"need_id" uuid,
	"title" text NOT NULL,
	"due_on" date,
	"responsible_user_id" uuid,
	"responsible_text" text,
	"status" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_plan_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "households" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"label" text NOT NULL,
	"street" text,
	"postcode" text,
	"city" text,
	"lon" double precision,
	"lat" double precision,
	"area_id" uuid,
	"office_id" uuid,
	"accommodation_kind" text,
	"accommodation_name" text,
	"merged_into" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "households_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"name_key" text NOT NULL,
	"birth_date" date,
	"sex" text DEFAULT 'unspecified' NOT NULL,
	"gender_identity" text,
	"nationalities" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"residence_status" text,
	"residence_paragraph" text,
	"residence_valid_until" date,
	"arrived_in_germany_on" date,
	"assigned_to_municipality_on" date,
	"household_relation" text DEFAULT 'self' NOT NULL,
	"school_qualification" text,
	"professional_qualification" text,
	"health_enc" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"receiving_organization_id" uuid,
	"purpose_note" text,
	"shared_enc" text NOT NULL,
	"consent_id" uuid,
	"consent_override_reason_enc" text,
	"status" text DEFAULT 'sent' NOT NULL,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"outcome_at" timestamp with time zone,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "conflict_case_links" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"conflict_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"party" text NOT NULL,
	"linked_by_user_id" uuid,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conflict_case_links_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "conflict_crises" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"plan_version" integer NOT NULL,
	"type" text NOT NULL,
	"drill" boolean NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"escalate_minutes" integer NOT NULL,
	"activated_at" timestamp with time zone NOT NULL,
	"activated_by_user_id" uuid,
	"closed_at" timestamp with time zone,
	"closed_by_user_id" uuid,
	"worked_enc" text,
	"change_enc" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conflict_crises_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "conflict_crisis_alerts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"crisis_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"language" text DEFAULT 'de' NOT NULL,
	"token_hash" text NOT NULL,
	"alerted_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "conflict_crisis_alerts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "conflict_crisis_checks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"crisis_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"step" text NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_user_id" uuid,
	CONSTRAINT "conflict_crisis_checks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "conflict_crisis_log" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"crisis_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_user_id" uuid,
	"text_enc" text,
	CONSTRAINT "conflict_crisis_log_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "conflict_log" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"conflict_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"text_enc" text NOT NULL,
	"actor_user_id" uuid,
	"happened_on" date,
	"review_on" date,
	"mediator_user_id" uuid,
	"mediator_volunteer_id" uuid,
	CONSTRAINT "conflict_log_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "conflict_plan_pdfs" (
	"tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"pdf" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conflict_plan_pdfs_tenant_id_plan_id_pk" PRIMARY KEY("tenant_id","plan_id")
);
--> statement-breakpoint
CREATE TABLE "conflict_plan_revisions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	"saved_by_user_id" uuid,
	CONSTRAINT "conflict_plan_revisions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "conflict_plans" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content" jsonb NOT NULL,
	"next_review_on" date NOT NULL,
	"reminded_on" date,
	"updated_by_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conflict_plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "conflict_posts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"area_id" uuid,
	"email" text,
	"language" text DEFAULT 'de' NOT NULL,
	"token_hash" text NOT NULL,
	"token_enc" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conflict_posts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "conflict_public_reports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"reference" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"area_id" uuid NOT NULL,
	"place" text,
	"kind" text NOT NULL,
	"urgency" text NOT NULL,
	"parties" text[] NOT NULL,
	"description_enc" text NOT NULL,
	"tried_enc" text,
	"protected_enc" text,
	"reporter_email_enc" text,
	"language" text NOT NULL,
	"status_token_hash" text NOT NULL,
	"source_key" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"rejected_at" timestamp with time zone,
	"rejected_by_user_id" uuid,
	"reject_reason_enc" text,
	"retention_due_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conflict_public_reports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "conflict_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"public_form" boolean DEFAULT false NOT NULL,
	"pending_retention_days" integer DEFAULT 30 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conflicts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"reference" text NOT NULL,
	"channel" text NOT NULL,
	"post_id" uuid,
	"area_id" uuid NOT NULL,
	"place" text,
	"kind" text NOT NULL,
	"urgency" text NOT NULL,
	"severity" text,
	"state" text DEFAULT 'reported' NOT NULL,
	"outcome" text,
	"handler_user_id" uuid,
	"parties" text[] NOT NULL,
	"description_enc" text NOT NULL,
	"tried_enc" text,
	"protected_enc" text,
	"reporter_email_enc" text,
	"status_token_hash" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"first_contact_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"escalation_reason" text,
	"escalation_body_id" uuid,
	"escalation_meeting_id" uuid,
	"closed_at" timestamp with time zone,
	"merged_into_id" uuid,
	"merged_at" timestamp with time zone,
	"retention_due_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conflicts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_images" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"mime_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"byte_size" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"alt" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_images_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_map_places" (
	"tenant_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"area_id" uuid,
	"open_offers" integer DEFAULT 0 NOT NULL,
	"valid_from" date[] DEFAULT '{}'::date[] NOT NULL,
	"valid_to" date[] DEFAULT '{}'::date[] NOT NULL,
	CONSTRAINT "directory_map_places_tenant_id_place_id_pk" PRIMARY KEY("tenant_id","place_id")
);
--> statement-breakpoint
CREATE TABLE "directory_reminders" (
	"tenant_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"last_sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "directory_reminders_tenant_id_entity_type_entity_id_pk" PRIMARY KEY("tenant_id","entity_type","entity_id")
);
--> statement-breakpoint
CREATE TABLE "directory_revisions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"data" jsonb NOT NULL,
	"organization_id" uuid,
	"author_id" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"base_version" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_revisions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"review_interval_days" integer DEFAULT 180 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entry_terms" (
	"tenant_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	CONSTRAINT "entry_terms_tenant_id_entity_type_entity_id_term_id_pk" PRIMARY KEY("tenant_id","entity_type","entity_id","term_id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"offer_id" uuid,
	"place_id" uuid,
	"title" text NOT NULL,
	"summary" text,
	"description" text,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"rrule" text,
	"exdates" text[] DEFAULT '{}'::text[] NOT NULL,
	"series_ends_at" timestamp with time zone,
	"free" boolean DEFAULT true NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"last_checked_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"search_words" text[] GENERATED ALWAYS AS (string_to_array(search_text, ' ')) STORED NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "offer_places" (
	"tenant_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	CONSTRAINT "offer_places_tenant_id_offer_id_place_id_pk" PRIMARY KEY("tenant_id","offer_id","place_id")
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"description" text,
	"opening_hours" jsonb,
	"appointment_only" boolean DEFAULT false NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"age_min" integer,
	"age_max" integer,
	"free" boolean DEFAULT true NOT NULL,
	"cost_note" text,
	"childcare" boolean DEFAULT false NOT NULL,
	"registration_required" boolean DEFAULT false NOT NULL,
	"registration_note" text,
	"image_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"last_checked_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"search_words" text[] GENERATED ALWAYS AS (string_to_array(search_text, ' ')) STORED NOT NULL,
	"term_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"geo_cells" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"weekly_minutes" integer,
	"evening_slot" boolean,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"website" text,
	"email" text,
	"phone" text,
	"logo_image_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"last_checked_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "places" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"organization_id" uuid,
	"name" text NOT NULL,
	"street" text,
	"postcode" text,
	"city" text,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"coordinates_approximate" boolean DEFAULT false NOT NULL,
	"area_id" uuid,
	"accessibility" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"opening_hours" jsonb,
	"status" text DEFAULT 'draft' NOT NULL,
	"last_checked_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "places_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "postcodes" (
	"tenant_id" uuid NOT NULL,
	"postcode" text NOT NULL,
	"name" text,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"approximate" boolean DEFAULT false NOT NULL,
	CONSTRAINT "postcodes_tenant_id_postcode_pk" PRIMARY KEY("tenant_id","postcode")
);
--> statement-breakpoint
CREATE TABLE "search_vocabulary" (
	"tenant_id" uuid NOT NULL,
	"word" text NOT NULL,
	CONSTRAINT "search_vocabulary_tenant_id_word_pk" PRIMARY KEY("tenant_id","word")
);
--> statement-breakpoint
CREATE TABLE "framework_axes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "framework_axes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "framework_terms" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"axis_id" uuid NOT NULL,
	"key" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"parent_id" uuid,
	"code" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "framework_terms_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "funding_applications" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"lang" text NOT NULL,
	"organization_name" text DEFAULT '' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_email" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"budget" jsonb NOT NULL,
	"requested_cents" integer DEFAULT 0 NOT NULL,
	"eligible_cents" integer DEFAULT 0 NOT NULL,
	"screening_note" text,
	"granted_cents" integer,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"area_id" uuid,
	"term_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"measure_id" uuid,
	"offer_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"report_response_id" uuid,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_applications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "funding_calls" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"deadline" date,
	"budget_per_year_cents" integer NOT NULL,
	"project_cap_cents" integer NOT NULL,
	"own_contribution_bp" integer DEFAULT 0 NOT NULL,
	"cost_rules" jsonb NOT NULL,
	"criteria" jsonb NOT NULL,
	"field_of_action_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"proof_months" integer DEFAULT 6 NOT NULL,
	"publish_funded" boolean DEFAULT false NOT NULL,
	"deviation_bp" integer DEFAULT 2000 NOT NULL,
	"report_form_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_calls_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "funding_letters" (
	"tenant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_letters_tenant_id_application_id_lang_pk" PRIMARY KEY("tenant_id","application_id","lang")
);
--> statement-breakpoint
CREATE TABLE "funding_payments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"due_date" date NOT NULL,
	"paid_date" date,
	"booking_reference" text,
	"paid_by" uuid,
	"status" text DEFAULT 'approved' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"ordered_by" uuid,
	"ordered_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_payments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "funding_proofs" (
	"tenant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"status" text NOT NULL,
	"report" text NOT NULL,
	"participants" integer NOT NULL,
	"lines" jsonb NOT NULL,
	"receipts" jsonb NOT NULL,
	"message" text,
	"due_cents" integer,
	"repayment_cents" integer,
	"repayment_due" date,
	"submitted_at" timestamp with time zone NOT NULL,
	"examined_at" timestamp with time zone,
	"examined_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_proofs_tenant_id_application_id_pk" PRIMARY KEY("tenant_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "funding_receipt_files" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_receipt_files_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "funding_reminders" (
	"tenant_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_date" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "funding_reminders_tenant_id_application_id_kind_due_date_pk" PRIMARY KEY("tenant_id","application_id","kind","due_date")
);
--> statement-breakpoint
CREATE TABLE "funding_repayments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"received_date" date NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"booked_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_repayments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "funding_reviews" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"conflict" boolean DEFAULT false NOT NULL,
	"scores" jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_reviews_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "funding_year_reports" (
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by" uuid,
	"pdf" "bytea",
	"rendered_at" timestamp with time zone,
	CONSTRAINT "funding_year_reports_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
CREATE TABLE "guide_news" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"published_on" date NOT NULL,
	"expires_on" date,
	"page_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guide_news_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "guide_news_translation_bases" (
	"tenant_id" uuid NOT NULL,
	"news_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"news_version" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guide_news_translation_bases_tenant_id_news_id_lang_pk" PRIMARY KEY("tenant_id","news_id","lang")
);
--> statement-breakpoint
CREATE TABLE "guide_package_renders" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"requested_by" uuid,
	"lang" text NOT NULL,
	"package_id" uuid,
	"title" text DEFAULT '' NOT NULL,
	"page_ids" uuid[] NOT NULL,
	"offer_ids" uuid[] NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"pages" integer,
	"offers" integer,
	"pdf" "bytea",
	"content_key" text DEFAULT '' NOT NULL,
	"model_hash" text,
	"token_hash" text,
	"address_key" text,
	"source_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "guide_package_renders_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "guide_packages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"page_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"offer_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guide_packages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "guide_page_versions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"page_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"offer_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "guide_page_versions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "guide_pages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"parent_id" uuid,
	"slug" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"last_checked_on" date,
	"check_reminded_on" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"offer_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"published_version" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guide_pages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "guide_search" (
	"tenant_id" uuid NOT NULL,
	"page_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"words" text[] NOT NULL,
	"title_words" text[] NOT NULL,
	CONSTRAINT "guide_search_tenant_id_page_id_lang_pk" PRIMARY KEY("tenant_id","page_id","lang")
);
--> statement-breakpoint
CREATE TABLE "guide_search_vocabulary" (
	"tenant_id" uuid NOT NULL,
	"word" text NOT NULL,
	CONSTRAINT "guide_search_vocabulary_tenant_id_word_pk" PRIMARY KEY("tenant_id","word")
);
--> statement-breakpoint
CREATE TABLE "guide_translation_bases" (
	"tenant_id" uuid NOT NULL,
	"page_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"version_number" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guide_translation_bases_tenant_id_page_id_lang_pk" PRIMARY KEY("tenant_id","page_id","lang")
);
--> statement-breakpoint
CREATE TABLE "home_notifications" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"mode" text DEFAULT 'daily' NOT NULL,
	"last_digest_on" date,
	"last_sent_at" timestamp with time zone,
	"snapshot" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "home_notifications_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"filename" text NOT NULL,
	"upload" "bytea",
	"upload_bytes" integer NOT NULL,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" jsonb,
	"error_code" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"dedupe_key" text,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text,
	"html" text,
	"attachments" jsonb,
	"status" text DEFAULT 'queued' NOT NULL,
	"transport" text NOT NULL,
	"message_id" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "mail_outbox_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "monitoring_elements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"label_key" text,
	"name" text NOT NULL,
	"value_type" text DEFAULT 'count' NOT NULL,
	"dimensions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"origin" text DEFAULT 'external' NOT NULL,
	"lotse_source" text,
	"source" text,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_elements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "monitoring_indicators" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"label_key" text,
	"name" text NOT NULL,
	"numerator" text NOT NULL,
	"denominator" text,
	"factor" double precision DEFAULT 1 NOT NULL,
	"unit" text DEFAULT 'count' NOT NULL,
	"decimals" integer DEFAULT 1 NOT NULL,
	"polarity" text DEFAULT 'neutral' NOT NULL,
	"in_status_index" boolean DEFAULT false NOT NULL,
	"source" text,
	"notes" text,
	"template" text,
	"public" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_indicators_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "monitoring_periods" (
	"tenant_id" uuid NOT NULL,
	"period" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"release_number" integer,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_periods_tenant_id_period_pk" PRIMARY KEY("tenant_id","period")
);
--> statement-breakpoint
CREATE TABLE "monitoring_release_values" (
	"tenant_id" uuid NOT NULL,
	"release_number" integer NOT NULL,
	"element_code" text NOT NULL,
	"area_id" uuid NOT NULL,
	"breakdown" text DEFAULT '' NOT NULL,
	"value" double precision NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	CONSTRAINT "monitoring_release_values_tenant_id_release_number_element_code_area_id_breakdown_pk" PRIMARY KEY("tenant_id","release_number","element_code","area_id","breakdown")
);
--> statement-breakpoint
CREATE TABLE "monitoring_releases" (
	"tenant_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"period" text NOT NULL,
	"definitions" jsonb NOT NULL,
	"value_count" integer NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "monitoring_releases_tenant_id_number_pk" PRIMARY KEY("tenant_id","number")
);
--> statement-breakpoint
CREATE TABLE "monitoring_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"jump_factor" double precision NOT NULL,
	"min_base" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_values" (
	"tenant_id" uuid NOT NULL,
	"element_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	"period" text NOT NULL,
	"breakdown" text DEFAULT '' NOT NULL,
	"value" double precision NOT NULL,
	"origin" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "monitoring_values_tenant_id_period_element_id_area_id_breakdown_pk" PRIMARY KEY("tenant_id","period","element_id","area_id","breakdown")
);
--> statement-breakpoint
CREATE TABLE "network_action_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner" text NOT NULL,
	"due_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"measure_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_action_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_agenda_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"public" boolean DEFAULT true NOT NULL,
	"discussion" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_agenda_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_agreements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"subject" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"parties" uuid[] DEFAULT '{}' NOT NULL,
	"start_date" date,
	"review_date" date,
	"state" text DEFAULT 'draft' NOT NULL,
	"meeting_id" uuid,
	"measure_id" uuid,
	"published" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_agreements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_attendance" (
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "network_attendance_tenant_id_meeting_id_member_id_pk" PRIMARY KEY("tenant_id","meeting_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "network_bodies" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"area_id" uuid,
	"fields_of_action" uuid[] DEFAULT '{}' NOT NULL,
	"public_body" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_bodies_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_contributions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"text" text NOT NULL,
	"source" text NOT NULL,
	"language" text DEFAULT 'de' NOT NULL,
	"field_of_action_id" uuid,
	"state" text DEFAULT 'received' NOT NULL,
	"reason" text,
	"agenda_item_id" uuid,
	"action_item_id" uuid,
	"published" boolean DEFAULT false NOT NULL,
	"tracking_hash" text,
	"source_key" text,
	"consent_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_contributions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_decisions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"text" text NOT NULL,
	"votes_yes" integer,
	"votes_no" integer,
	"votes_abstain" integer,
	"measure_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_decisions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"format" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"target_groups" uuid[] DEFAULT '{}' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"interpreters" text[] DEFAULT '{}' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"place_id" uuid,
	"online_url" text,
	"published" boolean DEFAULT false NOT NULL,
	"accepts_contributions" boolean DEFAULT false NOT NULL,
	"attendance" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_meetings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"place_id" uuid,
	"online_url" text,
	"state" text DEFAULT 'scheduled' NOT NULL,
	"invited_at" timestamp with time zone,
	"minutes_state" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_meetings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_members" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"language" text DEFAULT 'de' NOT NULL,
	"role" text NOT NULL,
	"voting_right" boolean DEFAULT true NOT NULL,
	"organization_id" uuid,
	"term_start" date,
	"term_end" date,
	"public_consent" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_members_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_minutes_comments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_minutes_comments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_signatories" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"organization_id" uuid,
	"name" text,
	"function" text,
	"signed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_signatories_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_agreement_pdfs" (
	"tenant_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"pdf" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_agreement_pdfs_tenant_id_agreement_id_pk" PRIMARY KEY("tenant_id","agreement_id")
);
--> statement-breakpoint
CREATE TABLE "network_commitments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"text" text NOT NULL,
	"owner" text NOT NULL,
	"due_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_commitments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_date_polls" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"title" text NOT NULL,
	"meeting_id" uuid,
	"place_id" uuid,
	"online_url" text,
	"state" text DEFAULT 'open' NOT NULL,
	"fixed_option_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_date_polls_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_poll_options" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"poll_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	CONSTRAINT "network_poll_options_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "network_poll_responses" (
	"tenant_id" uuid NOT NULL,
	"poll_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"token_hash" text,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "network_poll_responses_tenant_id_poll_id_member_id_pk" PRIMARY KEY("tenant_id","poll_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "network_reminders" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "network_reminders_tenant_id_kind_entity_id_due_date_pk" PRIMARY KEY("tenant_id","kind","entity_id","due_date")
);
--> statement-breakpoint
CREATE TABLE "office_areas" (
	"tenant_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	CONSTRAINT "office_areas_tenant_id_area_id_pk" PRIMARY KEY("tenant_id","area_id")
);
--> statement-breakpoint
CREATE TABLE "office_members" (
	"tenant_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"function" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_members_tenant_id_office_id_user_id_pk" PRIMARY KEY("tenant_id","office_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "offices" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'welcome_office' NOT NULL,
	"place_id" uuid,
	"email" text,
	"phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "strategy_adoptions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"adopted_on" date NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_adoptions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "strategy_evaluations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"node_id" uuid NOT NULL,
	"review_date" date NOT NULL,
	"kind" text NOT NULL,
	"evaluator" text NOT NULL,
	"questions" text,
	"findings" text,
	"recommendations" text,
	"rating" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_evaluations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "strategy_gap_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"factor" double precision NOT NULL,
	"min_need" integer NOT NULL,
	"domain_terms" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategy_indicator_values" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_indicator_values_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "strategy_indicators" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"node_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"unit" text NOT NULL,
	"baseline" double precision,
	"baseline_period" text,
	"targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text,
	"monitoring_code" text,
	"figure" text,
	"figure_term_ids" uuid[],
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_indicators_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "strategy_milestones" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"node_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due" date NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_milestones_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "strategy_narratives" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"node_id" uuid NOT NULL,
	"user_ids" uuid[] NOT NULL,
	"text" text,
	"status" text DEFAULT 'requested' NOT NULL,
	"review_note" text,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_narratives_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "strategy_need_signals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"form_id" uuid,
	"question" text,
	"answer" text,
	"monitoring_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_need_signals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "strategy_nodes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"parent_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"progress" integer,
	"period_from" date,
	"period_to" date,
	"responsible" text,
	"responsible_user_ids" uuid[] DEFAULT '{}' NOT NULL,
	"term_ids" uuid[] DEFAULT '{}' NOT NULL,
	"budget_planned_cents" bigint,
	"budget_spent_cents" bigint,
	"sort" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_nodes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "strategy_reports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"pdf" "bytea",
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "strategy_reports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "strategy_rounds" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"year" integer NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reminded_at" timestamp with time zone,
	"opened_by" uuid,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_rounds_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "strategy_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"max_depth" integer NOT NULL,
	"public_matrix" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_files" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"question" text NOT NULL,
	"file_name_enc" text NOT NULL,
	"mime_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"content_enc" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_files_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_form_versions" (
	"tenant_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_form_versions_tenant_id_form_id_number_pk" PRIMARY KEY("tenant_id","form_id","number")
);
--> statement-breakpoint
CREATE TABLE "survey_forms" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"origin" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_forms_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_links" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"form_id" uuid NOT NULL,
	"form_version" integer NOT NULL,
	"wave_id" uuid,
	"person_id" uuid,
	"case_id" uuid,
	"lang" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_links_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_publications" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"element_code" text NOT NULL,
	"base_element_code" text NOT NULL,
	"indicator_code" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "survey_publications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"form_version" integer NOT NULL,
	"submission_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"case_id" uuid,
	"person_id" uuid,
	"wave_id" uuid,
	"link_id" uuid,
	"lang" text NOT NULL,
	"answers" jsonb NOT NULL,
	"text_answers_enc" text,
	"sex" text,
	"age_band" text,
	"area_id" uuid,
	"accommodation_kind" text,
	"phase_key" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_responses_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_sample_members" (
	"tenant_id" uuid NOT NULL,
	"wave_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"stratum" text NOT NULL,
	"rank" integer NOT NULL,
	"reserve" boolean DEFAULT false NOT NULL,
	"activated" boolean DEFAULT false NOT NULL,
	"contact_status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_contact_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_sample_members_tenant_id_wave_id_person_id_pk" PRIMARY KEY("tenant_id","wave_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "survey_waves" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"label" text NOT NULL,
	"form_version" integer NOT NULL,
	"design" jsonb NOT NULL,
	"frame" jsonb,
	"drawn_on" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_waves_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"form_id" uuid NOT NULL,
	"population" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"hostnames" text[] DEFAULT '{}'::text[] NOT NULL,
	"framework_template" text,
	"live_since" timestamp with time zone DEFAULT now(),
	"settings" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "content_translations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"field" text NOT NULL,
	"lang" text NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"source_hash" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_translations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "content_translations_status_check" CHECK ("content_translations"."status" in ('missing', 'machine', 'draft', 'reviewed', 'outdated'))
);
--> statement-breakpoint
CREATE TABLE "role_grants" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"scope_type" text DEFAULT 'tenant' NOT NULL,
	"scope_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_grants_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"status" text DEFAULT 'active' NOT NULL,
	"preferred_language" text,
	"totp_secret" text,
	"totp_enabled" boolean DEFAULT false NOT NULL,
	"totp_last_step" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "mediation_booking_links" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"institution_name" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"language" text DEFAULT 'de' NOT NULL,
	"token_hash" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_booking_links_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "mediation_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"organization_id" uuid,
	"institution_name" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"language" text NOT NULL,
	"mode" text NOT NULL,
	"setting" text NOT NULL,
	"topic" text NOT NULL,
	"area" text,
	"date" date NOT NULL,
	"start_minute" integer NOT NULL,
	"duration_minutes" integer NOT NULL,
	"state" text DEFAULT 'submitted' NOT NULL,
	"volunteer_id" uuid,
	"held_minutes" integer,
	"held_km" integer,
	"cancelled_by" text,
	"cancelled_late" boolean,
	"measure_id" uuid,
	"booking_link_id" uuid,
	"idempotency_key" text,
	"case_id" uuid,
	"person_id" uuid,
	"requested_by" uuid,
	"contact_language" text,
	"institution_user_id" uuid,
	"passed_over" uuid[] DEFAULT '{}' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_requests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_expense_claims" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"volunteer_id" uuid,
	"volunteer_name" text NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"receipts" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'submitted' NOT NULL,
	"refusal_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_expense_claims_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_hours" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"tandem_id" uuid NOT NULL,
	"date" date NOT NULL,
	"minutes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_hours_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_pool_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"holiday_state" text NOT NULL,
	"allowance_cents" integer NOT NULL,
	"hourly_rate_cents" integer DEFAULT 1500 NOT NULL,
	"km_rate_cents" integer DEFAULT 30 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_rule_acknowledgements" (
	"tenant_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL,
	"language" text DEFAULT 'de' NOT NULL,
	CONSTRAINT "volunteer_rule_acknowledgements_tenant_id_volunteer_id_version_id_pk" PRIMARY KEY("tenant_id","volunteer_id","version_id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_rule_texts" (
	"tenant_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "volunteer_rule_texts_tenant_id_version_id_language_pk" PRIMARY KEY("tenant_id","version_id","language")
);
--> statement-breakpoint
CREATE TABLE "volunteer_rule_versions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "volunteer_rule_versions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_statements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"volunteer_id" uuid,
	"volunteer_name" text NOT NULL,
	"period" text NOT NULL,
	"seq" integer NOT NULL,
	"replaces_id" uuid,
	"lines" jsonb NOT NULL,
	"minutes" integer NOT NULL,
	"km" integer NOT NULL,
	"hourly_rate_cents" integer NOT NULL,
	"km_rate_cents" integer NOT NULL,
	"hours_cents" integer NOT NULL,
	"km_cents" integer NOT NULL,
	"total_cents" integer NOT NULL,
	"language" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "volunteer_statements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_tandems" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"volunteer_id" uuid,
	"case_id" uuid,
	"person_id" uuid,
	"case_reference" text,
	"newcomer_name" text,
	"newcomer_email" text,
	"newcomer_language" text DEFAULT 'de' NOT NULL,
	"offers" text[] NOT NULL,
	"wants" text[] NOT NULL,
	"area" text,
	"state" text DEFAULT 'waiting' NOT NULL,
	"started_on" date,
	"ended_on" date,
	"end_reason" text,
	"check_ins_sent" integer DEFAULT 0 NOT NULL,
	"outcome" text,
	"outcome_kind" text,
	"outcome_target_type" text,
	"outcome_target_id" uuid,
	"referral_id" uuid,
	"referral_result" text,
	"outcome_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_tandems_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"ui_language" text DEFAULT 'de' NOT NULL,
	"status" text DEFAULT 'applicant' NOT NULL,
	"languages" jsonb NOT NULL,
	"areas" text[] NOT NULL,
	"modes" text[] NOT NULL,
	"settings" text[] NOT NULL,
	"travel_mode" text,
	"certificates" jsonb NOT NULL,
	"availability" jsonb NOT NULL,
	"absences" jsonb NOT NULL,
	"applied_at" timestamp with time zone,
	"consent_at" timestamp with time zone,
	"source_key" text,
	"left_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_reference_counters" (
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_reference_counters_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
CREATE TABLE "casework_settings" (
	"tenant_id" uuid NOT NULL,
	"retention_years" integer DEFAULT 3 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "casework_settings_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "household_merges" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"merged_by" uuid,
	"moved" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_merges_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "areas" ADD CONSTRAINT "areas_parent_fk" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "public"."areas"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_terms" ADD CONSTRAINT "framework_terms_axis_fk" FOREIGN KEY ("tenant_id","axis_id") REFERENCES "public"."framework_axes"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_tenant_id_call_id_funding_calls_tenant_id_id_fk" FOREIGN KEY ("tenant_id","call_id") REFERENCES "public"."funding_calls"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_letters" ADD CONSTRAINT "funding_letters_tenant_id_application_id_funding_applications_tenant_id_id_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."funding_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_payments" ADD CONSTRAINT "funding_payments_tenant_id_application_id_funding_applications_tenant_id_id_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."funding_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_proofs" ADD CONSTRAINT "funding_proofs_tenant_id_application_id_funding_applications_tenant_id_id_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."funding_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_receipt_files" ADD CONSTRAINT "funding_receipt_files_tenant_id_application_id_funding_applications_tenant_id_id_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."funding_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reminders" ADD CONSTRAINT "funding_reminders_tenant_id_application_id_funding_applications_tenant_id_id_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."funding_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_repayments" ADD CONSTRAINT "funding_repayments_tenant_id_application_id_funding_applications_tenant_id_id_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."funding_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reviews" ADD CONSTRAINT "funding_reviews_tenant_id_application_id_funding_applications_tenant_id_id_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."funding_applications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_news_translation_bases" ADD CONSTRAINT "guide_news_translation_bases_news_fk" FOREIGN KEY ("tenant_id","news_id") REFERENCES "public"."guide_news"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_page_versions" ADD CONSTRAINT "guide_page_versions_page_fk" FOREIGN KEY ("tenant_id","page_id") REFERENCES "public"."guide_pages"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_search" ADD CONSTRAINT "guide_search_page_fk" FOREIGN KEY ("tenant_id","page_id") REFERENCES "public"."guide_pages"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_translation_bases" ADD CONSTRAINT "guide_translation_bases_page_fk" FOREIGN KEY ("tenant_id","page_id") REFERENCES "public"."guide_pages"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_evaluations" ADD CONSTRAINT "strategy_evaluations_node_fk" FOREIGN KEY ("tenant_id","node_id") REFERENCES "public"."strategy_nodes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_indicator_values" ADD CONSTRAINT "strategy_indicator_values_indicator_fk" FOREIGN KEY ("tenant_id","indicator_id") REFERENCES "public"."strategy_indicators"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_indicators" ADD CONSTRAINT "strategy_indicators_node_fk" FOREIGN KEY ("tenant_id","node_id") REFERENCES "public"."strategy_nodes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_milestones" ADD CONSTRAINT "strategy_milestones_node_fk" FOREIGN KEY ("tenant_id","node_id") REFERENCES "public"."strategy_nodes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_narratives" ADD CONSTRAINT "strategy_narratives_round_fk" FOREIGN KEY ("tenant_id","round_id") REFERENCES "public"."strategy_rounds"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_narratives" ADD CONSTRAINT "strategy_narratives_node_fk" FOREIGN KEY ("tenant_id","node_id") REFERENCES "public"."strategy_nodes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_files" ADD CONSTRAINT "survey_files_tenant_id_response_id_survey_responses_tenant_id_id_fk" FOREIGN KEY ("tenant_id","response_id") REFERENCES "public"."survey_responses"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accommodation_placement_rooms_room" ON "accommodation_placement_rooms" USING btree ("tenant_id","room_id");--> statement-breakpoint
CREATE INDEX "accommodation_placements_accommodation" ON "accommodation_placements" USING btree ("tenant_id","accommodation_id");--> statement-breakpoint
CREATE INDEX "accommodation_placements_household" ON "accommodation_placements" USING btree ("tenant_id","household_id");--> statement-breakpoint
CREATE INDEX "accommodation_placements_case" ON "accommodation_placements" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accommodation_rooms_name" ON "accommodation_rooms" USING btree ("tenant_id","accommodation_id","name");--> statement-breakpoint
CREATE INDEX "accommodation_sites_area" ON "accommodation_sites" USING btree ("tenant_id","area_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accommodation_weight_sets_number" ON "accommodation_weight_sets" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "accommodations_area" ON "accommodations" USING btree ("tenant_id","area_id");--> statement-breakpoint
CREATE UNIQUE INDEX "address_streets_key" ON "address_streets" USING btree ("tenant_id","key","locality_key");--> statement-breakpoint
CREATE INDEX "address_streets_grams_idx" ON "address_streets" USING gin ("grams");--> statement-breakpoint
CREATE UNIQUE INDEX "addresses_natural_key" ON "addresses" USING btree ("tenant_id","street_key","house_number","suffix","locality_key");--> statement-breakpoint
CREATE INDEX "addresses_tenant_postcode_idx" ON "addresses" USING btree ("tenant_id","postcode");--> statement-breakpoint
CREATE UNIQUE INDEX "areas_tenant_code_key" ON "areas" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "areas_tenant_parent_idx" ON "areas" USING btree ("tenant_id","parent_id");--> statement-breakpoint
CREATE INDEX "areas_tenant_bbox_idx" ON "areas" USING btree ("tenant_id","min_lon","max_lon","min_lat","max_lat");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_at_idx" ON "audit_log" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_entity_idx" ON "audit_log" USING btree ("tenant_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_actor_idx" ON "audit_log" USING btree ("tenant_id","actor_user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "password_reset_tokens_tenant_token_key" ON "password_reset_tokens" USING btree ("tenant_id","token_hash");--> statement-breakpoint
CREATE INDEX "password_reset_tokens_tenant_user_idx" ON "password_reset_tokens" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_tenant_token_key" ON "sessions" USING btree ("tenant_id","token_hash");--> statement-breakpoint
CREATE INDEX "sessions_tenant_user_idx" ON "sessions" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "break_glass_user_case_idx" ON "break_glass_accesses" USING btree ("tenant_id","user_id","case_id","expires_at");--> statement-breakpoint
CREATE INDEX "break_glass_review_idx" ON "break_glass_accesses" USING btree ("tenant_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "case_attachments_case_idx" ON "case_attachments" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "case_contacts_case_idx" ON "case_contacts" USING btree ("tenant_id","case_id","occurred_at");--> statement-breakpoint
CREATE INDEX "case_needs_case_idx" ON "case_needs" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "case_needs_tenant_domain_status_idx" ON "case_needs" USING btree ("tenant_id","domain","status");--> statement-breakpoint
CREATE INDEX "case_needs_open_idx" ON "case_needs" USING btree ("tenant_id","case_id","domain") WHERE "case_needs"."status" in ('identified', 'in_progress');--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "case_phase_changes_case_idx" ON "case_phase_changes" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_phase_definitions_key" ON "case_phase_definitions" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "case_workers_tenant_user_idx" ON "case_workers" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_tenant_reference_key" ON "cases" USING btree ("tenant_id","reference");--> statement-breakpoint
CREATE INDEX "cases_tenant_office_status_idx" ON "cases" USING btree ("tenant_id","office_id","status","phase_key");--> statement-breakpoint
CREATE INDEX "cases_tenant_household_idx" ON "cases" USING btree ("tenant_id","household_id");--> statement-breakpoint
CREATE INDEX "cases_tenant_retention_idx" ON "cases" USING btree ("tenant_id","retention_due_on");--> statement-breakpoint
CREATE INDEX "cases_tenant_opened_idx" ON "cases" USING btree ("tenant_id","opened_on","id");--> statement-breakpoint
CREATE INDEX "cases_tenant_office_opened_idx" ON "cases" USING btree ("tenant_id","office_id","opened_on","id");--> statement-breakpoint
CREATE INDEX "cases_reference_trgm_idx" ON "cases" USING gin ("reference" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cases_open_idx" ON "cases" USING btree ("tenant_id","id","office_id","area_id") WHERE "cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX "consents_tenant_person_idx" ON "consents" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "family_relations_tenant_person_idx" ON "family_relations" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "help_plan_items_case_idx" ON "help_plan_items" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "help_plan_items_due_idx" ON "help_plan_items" USING btree ("tenant_id","status","due_on");--> statement-breakpoint
CREATE INDEX "households_tenant_office_idx" ON "households" USING btree ("tenant_id","office_id");--> statement-breakpoint
CREATE INDEX "households_tenant_area_idx" ON "households" USING btree ("tenant_id","area_id");--> statement-breakpoint
CREATE INDEX "households_label_trgm_idx" ON "households" USING gin ("label" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "persons_tenant_household_idx" ON "persons" USING btree ("tenant_id","household_id");--> statement-breakpoint
CREATE INDEX "persons_name_key_trgm_idx" ON "persons" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "persons_tenant_birth_idx" ON "persons" USING btree ("tenant_id","birth_date");--> statement-breakpoint
CREATE INDEX "referrals_case_idx" ON "referrals" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "referrals_receiver_idx" ON "referrals" USING btree ("tenant_id","receiving_organization_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_token_key" ON "referrals" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_case_links_key" ON "conflict_case_links" USING btree ("tenant_id","conflict_id","case_id");--> statement-breakpoint
CREATE INDEX "conflict_case_links_case_idx" ON "conflict_case_links" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "conflict_crises_activated_idx" ON "conflict_crises" USING btree ("tenant_id","activated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_crisis_alerts_position_key" ON "conflict_crisis_alerts" USING btree ("tenant_id","crisis_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_crisis_alerts_token_key" ON "conflict_crisis_alerts" USING btree ("tenant_id","token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_crisis_checks_position_key" ON "conflict_crisis_checks" USING btree ("tenant_id","crisis_id","position");--> statement-breakpoint
CREATE INDEX "conflict_crisis_log_crisis_idx" ON "conflict_crisis_log" USING btree ("tenant_id","crisis_id","at");--> statement-breakpoint
CREATE INDEX "conflict_log_conflict_idx" ON "conflict_log" USING btree ("tenant_id","conflict_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_plan_revisions_version_key" ON "conflict_plan_revisions" USING btree ("tenant_id","plan_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_plans_kind_key" ON "conflict_plans" USING btree ("tenant_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_posts_token_key" ON "conflict_posts" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_public_reports_status_token_key" ON "conflict_public_reports" USING btree ("status_token_hash");--> statement-breakpoint
CREATE INDEX "conflict_public_reports_queue_idx" ON "conflict_public_reports" USING btree ("tenant_id","state","received_at");--> statement-breakpoint
CREATE INDEX "conflict_public_reports_source_idx" ON "conflict_public_reports" USING btree ("tenant_id","source_key","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "conflicts_reference_key" ON "conflicts" USING btree ("tenant_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "conflicts_status_token_key" ON "conflicts" USING btree ("status_token_hash");--> statement-breakpoint
CREATE INDEX "conflicts_open_queue_idx" ON "conflicts" USING btree ("tenant_id","due_at","id") WHERE state <> 'closed';--> statement-breakpoint
CREATE INDEX "conflicts_reported_idx" ON "conflicts" USING btree ("tenant_id","reported_at");--> statement-breakpoint
CREATE INDEX "conflicts_merged_into_idx" ON "conflicts" USING btree ("tenant_id","merged_into_id") WHERE merged_into_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "directory_map_places_tenant_area_idx" ON "directory_map_places" USING btree ("tenant_id","area_id");--> statement-breakpoint
CREATE INDEX "directory_map_places_tenant_lonlat_idx" ON "directory_map_places" USING btree ("tenant_id","lon","lat");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_revisions_entity_number_key" ON "directory_revisions" USING btree ("tenant_id","entity_type","entity_id","number");--> statement-breakpoint
CREATE INDEX "directory_revisions_tenant_status_idx" ON "directory_revisions" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "directory_revisions_tenant_org_idx" ON "directory_revisions" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "entry_terms_tenant_term_idx" ON "entry_terms" USING btree ("tenant_id","term_id","entity_type");--> statement-breakpoint
CREATE INDEX "events_tenant_starts_idx" ON "events" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE INDEX "events_search_words_idx" ON "events" USING gin ("search_words");--> statement-breakpoint
CREATE INDEX "events_tenant_org_idx" ON "events" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "offer_places_tenant_place_idx" ON "offer_places" USING btree ("tenant_id","place_id");--> statement-breakpoint
CREATE INDEX "offers_tenant_org_idx" ON "offers" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "offers_public_search_idx" ON "offers" USING gin ("search_words","term_ids","geo_cells");--> statement-breakpoint
CREATE INDEX "offers_tenant_public_idx" ON "offers" USING btree ("tenant_id","id","valid_from","valid_to") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "offers_tenant_status_idx" ON "offers" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "offers_search_trgm_idx" ON "offers" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organizations_tenant_name_idx" ON "organizations" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "places_tenant_org_idx" ON "places" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "places_tenant_area_idx" ON "places" USING btree ("tenant_id","area_id");--> statement-breakpoint
CREATE INDEX "places_tenant_lonlat_idx" ON "places" USING btree ("tenant_id","lon","lat");--> statement-breakpoint
CREATE INDEX "search_vocabulary_word_trgm_idx" ON "search_vocabulary" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "framework_axes_tenant_key" ON "framework_axes" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "framework_terms_tenant_axis_key" ON "framework_terms" USING btree ("tenant_id","axis_id","key");--> statement-breakpoint
CREATE INDEX "framework_terms_tenant_axis_sort_idx" ON "framework_terms" USING btree ("tenant_id","axis_id","sort");--> statement-breakpoint
CREATE INDEX "funding_applications_call" ON "funding_applications" USING btree ("tenant_id","call_id","year","status");--> statement-breakpoint
CREATE INDEX "funding_applications_list" ON "funding_applications" USING btree ("tenant_id","call_id","submitted_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_applications_token" ON "funding_applications" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "funding_payments_application" ON "funding_payments" USING btree ("tenant_id","application_id","due_date");--> statement-breakpoint
CREATE INDEX "funding_receipt_files_application" ON "funding_receipt_files" USING btree ("tenant_id","application_id");--> statement-breakpoint
CREATE INDEX "funding_repayments_application" ON "funding_repayments" USING btree ("tenant_id","application_id","received_date");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_reviews_one_per_reviewer" ON "funding_reviews" USING btree ("tenant_id","application_id","reviewer_id");--> statement-breakpoint
CREATE INDEX "guide_news_published_idx" ON "guide_news" USING btree ("tenant_id","published_on");--> statement-breakpoint
CREATE INDEX "guide_package_renders_created_idx" ON "guide_package_renders" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "guide_package_renders_model_idx" ON "guide_package_renders" USING btree ("tenant_id","model_hash");--> statement-breakpoint
CREATE INDEX "guide_package_renders_token_idx" ON "guide_package_renders" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "guide_packages_name_key" ON "guide_packages" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "guide_page_versions_number_key" ON "guide_page_versions" USING btree ("tenant_id","page_id","number");--> statement-breakpoint
CREATE INDEX "guide_pages_parent_idx" ON "guide_pages" USING btree ("tenant_id","parent_id","sort");--> statement-breakpoint
CREATE INDEX "guide_search_words_idx" ON "guide_search" USING gin ("words");--> statement-breakpoint
CREATE INDEX "guide_search_vocabulary_trgm_idx" ON "guide_search_vocabulary" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "import_runs_tenant_created_idx" ON "import_runs" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "jobs_tenant_created_idx" ON "jobs" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE status IN ('queued', 'running');--> statement-breakpoint
CREATE INDEX "jobs_finished_idx" ON "jobs" USING btree ("finished_at") WHERE status IN ('done', 'failed');--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_dedupe_key" ON "jobs" USING btree ("tenant_id","type","dedupe_key") WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running');--> statement-breakpoint
CREATE INDEX "mail_outbox_tenant_created_idx" ON "mail_outbox" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_elements_tenant_code_key" ON "monitoring_elements" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_indicators_tenant_code_key" ON "monitoring_indicators" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "monitoring_releases_tenant_period_idx" ON "monitoring_releases" USING btree ("tenant_id","period","number");--> statement-breakpoint
CREATE INDEX "monitoring_values_tenant_element_idx" ON "monitoring_values" USING btree ("tenant_id","element_id");--> statement-breakpoint
CREATE INDEX "network_actions_open_idx" ON "network_action_items" USING btree ("tenant_id","status","due_date");--> statement-breakpoint
CREATE INDEX "network_actions_meeting_idx" ON "network_action_items" USING btree ("tenant_id","meeting_id");--> statement-breakpoint
CREATE INDEX "network_agenda_meeting_idx" ON "network_agenda_items" USING btree ("tenant_id","meeting_id","position");--> statement-breakpoint
CREATE INDEX "network_agreements_review_idx" ON "network_agreements" USING btree ("tenant_id","state","review_date");--> statement-breakpoint
CREATE INDEX "network_contributions_event_idx" ON "network_contributions" USING btree ("tenant_id","event_id","created_at");--> statement-breakpoint
CREATE INDEX "network_contributions_tracking_idx" ON "network_contributions" USING btree ("tenant_id","tracking_hash");--> statement-breakpoint
CREATE INDEX "network_contributions_source_idx" ON "network_contributions" USING btree ("tenant_id","source_key","created_at");--> statement-breakpoint
CREATE INDEX "network_decisions_meeting_idx" ON "network_decisions" USING btree ("tenant_id","meeting_id");--> statement-breakpoint
CREATE INDEX "network_events_starts_idx" ON "network_events" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE INDEX "network_meetings_body_idx" ON "network_meetings" USING btree ("tenant_id","body_id","starts_at");--> statement-breakpoint
CREATE INDEX "network_meetings_starts_idx" ON "network_meetings" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE INDEX "network_members_body_idx" ON "network_members" USING btree ("tenant_id","body_id");--> statement-breakpoint
CREATE INDEX "network_comments_meeting_idx" ON "network_minutes_comments" USING btree ("tenant_id","meeting_id");--> statement-breakpoint
CREATE INDEX "network_signatories_agreement_idx" ON "network_signatories" USING btree ("tenant_id","agreement_id");--> statement-breakpoint
CREATE INDEX "network_commitments_agreement_idx" ON "network_commitments" USING btree ("tenant_id","agreement_id");--> statement-breakpoint
CREATE INDEX "network_commitments_open_idx" ON "network_commitments" USING btree ("tenant_id","status","due_date");--> statement-breakpoint
CREATE INDEX "network_date_polls_body_idx" ON "network_date_polls" USING btree ("tenant_id","body_id");--> statement-breakpoint
CREATE INDEX "network_poll_options_poll_idx" ON "network_poll_options" USING btree ("tenant_id","poll_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "network_poll_responses_token_idx" ON "network_poll_responses" USING btree ("tenant_id","token_hash");--> statement-breakpoint
CREATE INDEX "office_areas_tenant_office_idx" ON "office_areas" USING btree ("tenant_id","office_id");--> statement-breakpoint
CREATE INDEX "office_members_tenant_user_idx" ON "office_members" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "strategy_adoptions_idx" ON "strategy_adoptions" USING btree ("tenant_id","adopted_on");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_evaluations_node_date_idx" ON "strategy_evaluations" USING btree ("tenant_id","node_id","review_date");--> statement-breakpoint
CREATE INDEX "strategy_evaluations_date_idx" ON "strategy_evaluations" USING btree ("tenant_id","review_date");--> statement-breakpoint
CREATE INDEX "strategy_indicator_values_idx" ON "strategy_indicator_values" USING btree ("tenant_id","indicator_id","period");--> statement-breakpoint
CREATE INDEX "strategy_indicators_node_idx" ON "strategy_indicators" USING btree ("tenant_id","node_id");--> statement-breakpoint
CREATE INDEX "strategy_milestones_node_idx" ON "strategy_milestones" USING btree ("tenant_id","node_id","due");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_narratives_node_idx" ON "strategy_narratives" USING btree ("tenant_id","round_id","node_id");--> statement-breakpoint
CREATE INDEX "strategy_need_signals_idx" ON "strategy_need_signals" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "strategy_nodes_parent_idx" ON "strategy_nodes" USING btree ("tenant_id","parent_id","sort");--> statement-breakpoint
CREATE INDEX "strategy_reports_idx" ON "strategy_reports" USING btree ("tenant_id","year","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_rounds_year_idx" ON "strategy_rounds" USING btree ("tenant_id","year");--> statement-breakpoint
CREATE INDEX "survey_files_response_idx" ON "survey_files" USING btree ("tenant_id","response_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_forms_code_uq" ON "survey_forms" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_links_token_uq" ON "survey_links" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_publications_indicator_uq" ON "survey_publications" USING btree ("tenant_id","indicator_code");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_submission_uq" ON "survey_responses" USING btree ("tenant_id","submission_id");--> statement-breakpoint
CREATE INDEX "survey_responses_form_idx" ON "survey_responses" USING btree ("tenant_id","form_id","form_version");--> statement-breakpoint
CREATE INDEX "survey_responses_case_idx" ON "survey_responses" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "survey_responses_wave_idx" ON "survey_responses" USING btree ("tenant_id","wave_id");--> statement-breakpoint
CREATE INDEX "survey_sample_members_stratum_idx" ON "survey_sample_members" USING btree ("tenant_id","wave_id","stratum");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_waves_number_uq" ON "survey_waves" USING btree ("tenant_id","survey_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "content_translations_entity_field_lang_key" ON "content_translations" USING btree ("tenant_id","entity_type","entity_id","field","lang");--> statement-breakpoint
CREATE INDEX "content_translations_tenant_type_lang_idx" ON "content_translations" USING btree ("tenant_id","entity_type","lang","status");--> statement-breakpoint
CREATE INDEX "role_grants_tenant_user_idx" ON "role_grants" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_tenant_email_key" ON "users" USING btree ("tenant_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "mediation_booking_links_token" ON "mediation_booking_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "mediation_booking_links_tenant_org_idx" ON "mediation_booking_links" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE INDEX "mediation_requests_tenant_date_idx" ON "mediation_requests" USING btree ("tenant_id","date");--> statement-breakpoint
CREATE INDEX "mediation_requests_tenant_volunteer_idx" ON "mediation_requests" USING btree ("tenant_id","volunteer_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "mediation_requests_idempotency_key" ON "mediation_requests" USING btree ("tenant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "mediation_requests_tenant_case_idx" ON "mediation_requests" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "volunteer_expense_claims_tenant_period_idx" ON "volunteer_expense_claims" USING btree ("tenant_id","period");--> statement-breakpoint
CREATE INDEX "volunteer_expense_claims_tenant_volunteer_idx" ON "volunteer_expense_claims" USING btree ("tenant_id","volunteer_id","period");--> statement-breakpoint
CREATE INDEX "volunteer_hours_tenant_volunteer_idx" ON "volunteer_hours" USING btree ("tenant_id","volunteer_id","date");--> statement-breakpoint
CREATE INDEX "volunteer_rule_acknowledgements_version_idx" ON "volunteer_rule_acknowledgements" USING btree ("tenant_id","version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_rule_versions_seq" ON "volunteer_rule_versions" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_statements_version" ON "volunteer_statements" USING btree ("tenant_id","volunteer_id","period","seq");--> statement-breakpoint
CREATE INDEX "volunteer_statements_tenant_period_idx" ON "volunteer_statements" USING btree ("tenant_id","period");--> statement-breakpoint
CREATE INDEX "volunteer_tandems_tenant_state_idx" ON "volunteer_tandems" USING btree ("tenant_id","state");--> statement-breakpoint
CREATE INDEX "volunteer_tandems_tenant_volunteer_idx" ON "volunteer_tandems" USING btree ("tenant_id","volunteer_id");--> statement-breakpoint
CREATE INDEX "volunteers_tenant_user_idx" ON "volunteers" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "household_merges_survivor_idx" ON "household_merges" USING btree ("tenant_id","survivor_id");