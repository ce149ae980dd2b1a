-- When an addressed recommendation was written (created_at), so the analytical note dates it by
-- that and not by its last change (an edit, or the mark «выполнено», moves updated_at).
--
-- The device sets it on insert: a recommendation written offline keeps the time it was written,
-- not the time it reached the server. Like every other instant a device sends (submitted_at,
-- acknowledged_at, done_at, deleted_at) it is not held against the server's clock: a refusal
-- would reach the author hours later, after a sync, for a write they can no longer redo as it
-- was, and only because their device's clock is off; the admin can correct a wrong time. A push
-- that leaves it out (an app from before this column) takes the default, the time it arrives.
--
-- After the insert it never changes except by the admin. private.recommendations_rules
-- (20261122001000) lets the author change only body, due_on and deleted_at and the recipient
-- only done_at and done_by, so created_at is outside both lists and refused (42501 →
-- 'forbidden'); the admin may change every column but the addressing ones. No rule changes here.
--
-- Rows written before this migration get their updated_at, not now(): it is the best time known
-- for them (never before they were written), and it is what the note has shown for them until
-- now, so no date a reader has seen moves. now() would date every recommendation so far on the
-- day of the migration, possibly in another academic year than the one it was given in.
-- The backfill goes around the stamp trigger: it is no change of the recommendation, so its
-- version, updated_at, updated_by and sync_txid stay and devices are not sent the rows again. A
-- device's copy without createdAt falls back to its updatedAt, the same instant.

alter table public.recommendations add column created_at timestamptz;

alter table public.recommendations disable trigger a_stamp_row;
update public.recommendations set created_at = updated_at;
alter table public.recommendations enable trigger a_stamp_row;

alter table public.recommendations
  alter column created_at set default now(),
  alter column created_at set not null;
