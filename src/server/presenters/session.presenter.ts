/** API shape of a session: who is signed in, the CSRF token for writes, and what the role may do. */
import { z } from 'zod';
import { permissions, type Permission } from '../../domain/permissions.js';
import { roleLabels, roleSchema, type Role } from '../../domain/vocabulary.js';

const permissionNames = Object.keys(permissions) as [Permission, ...Permission[]];

export const sessionSchema = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    role: roleSchema,
    roleLabel: z.string(),
    institutionId: z.string().nullable(),
  }),
  csrfToken: z.string(),
  mustChangePassword: z.boolean(),
  permissions: z.array(z.enum(permissionNames)),
});
export type SessionAnswer = z.infer<typeof sessionSchema>;

const permissionsOf = (role: Role) =>
  permissionNames.filter((p) => (permissions[p] as readonly string[]).includes(role));

/** The answer of login and of /api/auth/me: the same shape, so the web app keeps one. */
export const presentSession = (s: {
  user: { id: string; username: string; role: Role; institutionId: string | null };
  csrfToken: string;
  mustChangePassword: boolean;
}): SessionAnswer => ({
  user: {
    id: s.user.id,
    username: s.user.username,
    role: s.user.role,
    roleLabel: roleLabels[s.user.role],
    institutionId: s.user.institutionId,
  },
  csrfToken: s.csrfToken,
  mustChangePassword: s.mustChangePassword,
  permissions: permissionsOf(s.user.role),
});

export const tokenSchema = z.object({
  token: z.string(),
  mustChangePassword: z.boolean(),
  user: z.object({ id: z.string(), username: z.string(), role: roleSchema, institutionId: z.string().nullable() }),
});

export const okSchema = z.object({ ok: z.literal(true) });
