import { randomToken, sha256Hex } from "../../server/crypto.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { CreatePost } from "./contracts.ts";
import type { ConflictDeps } from "./deps.ts";
import { conflictRepo, type PostRow } from "./repo.ts";
import { type ConflictCrypto, fieldError } from "./shared.ts";

/**
 * The fire-alarm posts (decision 052): each with its own reporting link, whose token is stored
 * hashed for the lookup and encrypted so the contact point can hand it out again.
 */
export function createPosts(deps: ConflictDeps, crypto: ConflictCrypto) {
  const { db } = deps;

  return {
    async listPosts(principal: Principal) {
      authorize(principal, "conflicts.posts");
      return (await conflictRepo.listPosts(db, principal.tenantId)).map((p) => ({
        ...postView(p),
        reportToken: crypto.decrypt(p.tokenEnc),
      }));
    },

    /** A new fire-alarm post with its reporting link's token. */
    async createPost(principal: Principal, input: CreatePost, requestId?: string) {
      authorize(principal, "conflicts.posts");
      if (input.areaId && !(await deps.areas.list(principal.tenantId)).some((a) => a.id === input.areaId)) {
        throw fieldError("areaId", "conflict_unknown_area");
      }
      const token = randomToken(24);
      const row = await db.transaction(async (tx) => {
        const p = await conflictRepo.insertPost(tx, {
          tenantId: principal.tenantId,
          name: input.name,
          kind: input.kind,
          areaId: input.areaId,
          email: input.email,
          language: input.language,
          tokenHash: sha256Hex(token),
          tokenEnc: crypto.encrypt(token),
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "create",
            entityType: "conflict_post",
            entityId: p.id,
            changes: { name: { old: null, new: p.name } },
            requestId: requestId ?? null,
          },
          tx,
        );
        return p;
      });
      return { ...postView(row), reportToken: token };
    },
  };
}

function postView(p: PostRow) {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    areaId: p.areaId,
    email: p.email,
    language: p.language,
    active: p.active,
  };
}
