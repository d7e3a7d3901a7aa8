/** `backup` and `restore` work on the embedded SQLite file; with DATABASE_URL set they explain what to use instead. */
export function refusePostgres(command: 'backup' | 'restore'): number {
  const tool = command === 'backup' ? 'pg_dump' : 'pg_restore (or psql for a plain dump)';
  console.error(
    `DATABASE_URL points at PostgreSQL: \`omniroute ${command}\` is for the embedded SQLite database. Use ${tool}.`,
  );
  return 1;
}
