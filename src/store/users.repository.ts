/** Users and sessions SQL. */
import type pg from 'pg';
import type { Tx } from './transaction.js';

type Queryable = pg.Pool | Tx;

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
  institutionId: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
  disabled: boolean;
  version: number;
}

const userColumnsOf = (t: string) => `${t}.id, ${t}.username, ${t}.display_name AS "displayName", ${t}.role,
  ${t}.institution_id AS "institutionId", ${t}.password_hash AS "passwordHash", ${t}.must_change_password AS "mustChangePassword",
  ${t}.failed_attempts AS "failedAttempts", ${t}.locked_until AS "lockedUntil", ${t}.disabled, ${t}.version`;
const userColumns = userColumnsOf('users');

export async function findUserByName(q: Queryable, regionCode: string, username: string): Promise<UserRow | undefined> {
  const r = await q.query<UserRow>(`SELECT ${userColumns} FROM users WHERE region_code = $1 AND username = $2`, [
    regionCode,
    username,
  ]);
  return r.rows[0];
}

export async function listUsers(q: Queryable, regionCode: string): Promise<UserRow[]> {
  const r = await q.query<UserRow>(`SELECT ${userColumns} FROM users WHERE region_code = $1 ORDER BY username`, [
    regionCode,
  ]);
  return r.rows;
}

/** When each user of the district last signed in: the newest 登录 event in the audit log. */
export async function lastLogins(q: Queryable, regionCode: string): Promise<Map<string, string>> {
  const r = await q.query<{ userId: string; at: Date }>(
    `SELECT entity_id AS "userId", max(at) AS at FROM audit_events
      WHERE region_code = $1 AND action = 'session.login' AND entity_id IS NOT NULL GROUP BY entity_id`,
    [regionCode],
  );
  return new Map(r.rows.map((x) => [x.userId, new Date(x.at).toISOString()]));
}

export async function countUsers(q: Queryable, regionCode: string): Promise<number> {
  const r = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE region_code = $1', [regionCode]);
  return r.rows[0]!.n;
}

export async function insertUser(
  tx: Tx,
  regionCode: string,
  u: { username: string; displayName: string; role: string; institutionId: string | null; passwordHash: string },
): Promise<string> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO users (region_code, username, display_name, role, institution_id, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [regionCode, u.username, u.displayName, u.role, u.institutionId, u.passwordHash],
  );
  return r.rows[0]!.id;
}

export async function setPassword(
  tx: Tx,
  regionCode: string,
  userId: string,
  passwordHash: string,
  mustChange: boolean,
) {
  await tx.query(
    `UPDATE users SET password_hash = $3, must_change_password = $4, failed_attempts = 0, locked_until = NULL, version = version + 1
      WHERE region_code = $1 AND id = $2`,
    [regionCode, userId, passwordHash, mustChange],
  );
}

/**
 * Counts a failed login; locks the account for `lockMinutes` once `maxAttempts` is reached. A lock that has expired
 * starts the count afresh (else one try per lock period would keep an account locked for ever). Returns the new count.
 */
export async function recordFailedLogin(
  q: Queryable,
  regionCode: string,
  userId: string,
  maxAttempts: number,
  lockMinutes: number,
) {
  const r = await q.query<{ failed_attempts: number; locked_until: string | null }>(
    `UPDATE users u SET failed_attempts = x.n,
            locked_until = CASE WHEN x.n >= $3 THEN now() + make_interval(mins => $4) END
       FROM (SELECT CASE WHEN locked_until <= now() THEN 1 ELSE failed_attempts + 1 END AS n
               FROM users WHERE region_code = $1 AND id = $2 FOR UPDATE) x
      WHERE u.region_code = $1 AND u.id = $2 RETURNING u.failed_attempts, u.locked_until`,
    [regionCode, userId, maxAttempts, lockMinutes],
  );
  return r.rows[0]!;
}

export async function insertSession(
  tx: Tx,
  regionCode: string,
  s: { tokenHash: string; userId: string; csrfToken: string; ttlMinutes: number },
): Promise<void> {
  await tx.query(`UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE region_code = $1 AND id = $2`, [
    regionCode,
    s.userId,
  ]);
  await tx.query(
    `INSERT INTO sessions (region_code, token_hash, user_id, csrf_token, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
    [regionCode, s.tokenHash, s.userId, s.csrfToken, s.ttlMinutes],
  );
}

export async function findSession(q: Queryable, regionCode: string, tokenHash: string) {
  const r = await q.query<UserRow & { csrfToken: string }>(
    `SELECT ${userColumnsOf('u')}, s.csrf_token AS "csrfToken"
       FROM sessions s JOIN users u ON u.region_code = s.region_code AND u.id = s.user_id
      WHERE s.region_code = $1 AND s.token_hash = $2 AND s.expires_at > now() AND NOT u.disabled`,
    [regionCode, tokenHash],
  );
  return r.rows[0];
}

export async function deleteSession(q: Queryable, regionCode: string, tokenHash: string): Promise<boolean> {
  const r = await q.query('DELETE FROM sessions WHERE region_code = $1 AND token_hash = $2', [regionCode, tokenHash]);
  return (r.rowCount ?? 0) > 0;
}

/** Ends a user's sessions, all of them or all but the one whose token hash is `exceptTokenHash`. */
export async function deleteUserSessions(
  tx: Tx,
  regionCode: string,
  userId: string,
  exceptTokenHash?: string,
): Promise<number> {
  const r = await tx.query(
    'DELETE FROM sessions WHERE region_code = $1 AND user_id = $2 AND token_hash IS DISTINCT FROM $3',
    [regionCode, userId, exceptTokenHash ?? null],
  );
  return r.rowCount ?? 0;
}

export async function updateUserRow(
  tx: Tx,
  regionCode: string,
  id: string,
  expectedVersion: number,
  u: { displayName: string; role: string; institutionId: string | null; disabled: boolean },
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE users SET display_name = $4, role = $5, institution_id = $6, disabled = $7, version = version + 1
      WHERE region_code = $1 AND id = $2 AND version = $3`,
    [regionCode, id, expectedVersion, u.displayName, u.role, u.institutionId, u.disabled],
  );
  return r.rowCount === 1;
}
