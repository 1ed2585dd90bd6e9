import { randomBytes, randomUUID } from 'node:crypto';

import { z } from 'zod';

import type { Clock } from '../../common/clock.js';
import { ConsiliumError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import type { AuditActor } from '../domain/audit-chain.js';
import { type ApiTokenEntity, type Role, ROLES } from '../persistence/entities/index.js';
import type { Repositories } from '../persistence/repositories/index.js';

/** Who is calling the REST API: the token's name (used as the audit actor) and its one role. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

export function actorOf(principal: Principal | null): AuditActor {
  return principal ? `user:${principal.name}` : 'system';
}

const TOKEN_PREFIX = 'csk_';

export const createTokenSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/, 'name the token after its holder, e.g. "alice" or "ci-researcher" (letters, digits, . _ @ -)'),
  role: z.enum(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }),
});
export type TokenRequest = z.infer<typeof createTokenSchema>;

/** Refreshing last-used at most this often keeps reads from writing on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Bearer tokens for the REST API. The secret is 256 random bits, shown once
 * and stored as its SHA-256 (a slow hash adds nothing against a secret this
 * long); each token has one role.
 */
export class AccessTokens {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
  ) {}

  async create(request: TokenRequest, actor: AuditActor): Promise<Omit<ApiTokenEntity, 'tokenSha256'> & { token: string }> {
    const { name, role } = request;
    if ((await this.repos.apiTokens.list()).some((t) => t.name === name && !t.revokedAt)) {
      throw new ConsiliumError(
        'ALREADY_EXISTS',
        `a live token is already named "${name}"; names identify people in the audit trail, so pick another or revoke that one`,
      );
    }
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const now = this.clock.iso();
    const created = await this.repos.transaction(async (tx) => {
      const row = await tx.apiTokens.create({
        id: randomUUID(),
        name,
        role,
        tokenSha256: sha256Hex(token),
        createdAt: now,
        createdBy: actor,
        revokedAt: null,
        lastUsedAt: null,
      });
      await tx.audit.append({ actor, action: 'token.created', subjects: {}, payload: { tokenId: row.id, name, role } }, now);
      return row;
    });
    return { ...created, token };
  }

  list(): Promise<ApiTokenEntity[]> {
    return this.repos.apiTokens.list();
  }

  /** Revokes a token; the last live admin token cannot go, or nobody could administer the federation. */
  async revoke(id: string, actor: AuditActor): Promise<ApiTokenEntity> {
    const token = await this.repos.apiTokens.get(id);
    if (!token) throw new ConsiliumError('NOT_FOUND', `token ${id} does not exist (GET /api/tokens lists them)`);
    if (token.revokedAt) return token;
    if (token.role === 'admin' && (await this.repos.apiTokens.countLive('admin')) === 1) {
      throw new ConsiliumError('FAILED_PRECONDITION', `token ${id} is the last admin token; create another admin token before revoking it`);
    }
    const now = this.clock.iso();
    await this.repos.transaction(async (tx) => {
      await tx.apiTokens.update(id, { revokedAt: now });
      await tx.audit.append({ actor, action: 'token.revoked', subjects: {}, payload: { tokenId: id, name: token.name, role: token.role } }, now);
    });
    return { ...token, revokedAt: now };
  }

  /** The principal behind an Authorization header, or UNAUTHENTICATED saying what to send. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) {
      throw new ConsiliumError(
        'UNAUTHENTICATED',
        'send an API token as "Authorization: Bearer csk_…" (an administrator creates one with `consilium token create`)',
      );
    }
    const token = await this.repos.apiTokens.byHash(sha256Hex(match[1]!));
    if (!token) throw new ConsiliumError('UNAUTHENTICATED', 'the API token is unknown or revoked; ask an administrator for a new one');
    const now = this.clock.now();
    if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
      await this.repos.apiTokens.update(token.id, { lastUsedAt: now.toISOString() });
    }
    return { tokenId: token.id, name: token.name, role: token.role };
  }

  /**
   * The first admin token, for `consilium coordinator init`. Refused once an
   * admin exists: more tokens come from an admin through the API.
   */
  async bootstrapAdmin(): Promise<{ token: string; id: string }> {
    if ((await this.repos.apiTokens.countLive('admin')) > 0) {
      throw new ConsiliumError(
        'ALREADY_EXISTS',
        'this coordinator already has an admin token; create more with `consilium token create --role admin` using it',
      );
    }
    const { token, id } = await this.create({ name: 'admin', role: 'admin' }, 'system');
    return { token, id };
  }
}
