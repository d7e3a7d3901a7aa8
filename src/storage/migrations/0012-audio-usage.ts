import type { Kysely } from 'kysely';

/**
 * Transcription usage: the milliseconds of audio a request transcribed (the unit speech APIs bill by), null for
 * every other request. Milliseconds keep the column an integer on both backends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('request_logs').addColumn('audio_ms', 'integer').execute();
}
