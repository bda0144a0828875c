/**
 * A database that cannot be used: unreachable, corrupt, locked by another process, or of a newer
 * schema. The message is one line for the operator (never a password); start-up prints it and exits 1.
 */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}
