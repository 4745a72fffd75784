// API tokens: `Authorization: Bearer <token>` on every /api/v1 route. A token has a role (viewer: read results;
// operator: also start and cancel audits; admin: also manage tokens and read the audit log) and optionally device
// groups it is scoped to. Only the token's sha256 is stored; the token itself is shown once, when it is created.
import { randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { ROLES, type Role, type Scope, type Store } from "./db/store.js";

export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
  scope: Scope;
}

/** 32 random bytes, base64url, with a prefix that secret scanners and people recognise. */
export function newTokenSecret(): string {
  return `pft_${randomBytes(32).toString("base64url")}`;
}

const rank = (role: Role) => ROLES.indexOf(role);

export class Auth {
  private readonly principals = new WeakMap<FastifyRequest, Principal>();

  constructor(private readonly store: Store) {}

  /** An onRequest hook: 401 without a valid token, 403 when its role is below `role`. Runs before body parsing. */
  require(role: Role) {
    return async (req: FastifyRequest, reply: FastifyReply) => {
      const header = req.headers.authorization;
      const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
      const deny = (detail: string) =>
        reply.code(401).header("www-authenticate", 'Bearer realm="preflight"').type("application/problem+json").send({ type: "about:blank", title: "Unauthorized", status: 401, detail });
      if (!m?.[1]) return deny("an API token is required: Authorization: Bearer <token>");
      const token = await this.store.tokenBySecret(m[1]);
      if (!token) return deny("the API token is unknown or revoked");
      if (rank(token.role) < rank(role)) {
        return reply
          .code(403)
          .type("application/problem+json")
          .send({ type: "about:blank", title: "Forbidden", status: 403, detail: `token "${token.name}" is ${token.role}; this needs ${role}` });
      }
      this.principals.set(req, { tokenId: token.id, name: token.name, role: token.role, scope: token.groups });
      return undefined;
    };
  }

  principal(req: FastifyRequest): Principal {
    const p = this.principals.get(req);
    if (!p) throw new Error("route without an auth hook");
    return p;
  }
}
