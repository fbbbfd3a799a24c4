/**
 * The one transaction model (decision 018): an ambient transaction.
 *
 * `db.transaction(fn)` opens a transaction and runs `fn` inside an AsyncLocalStorage scope.
 * Every query issued through the shared `db` handle while that scope is open, by any module and
 * however deep in the call chain, runs on that transaction. A nested `db.transaction` becomes a
 * savepoint of the open one. Nobody has to pass `tx` around for correctness, and nobody can
 * issue a query that waits on the connection its own transaction holds (PGlite has exactly one).
 *
 * The raw driver (PGlite instance or pg pool) is guarded: a query on it from inside an open
 * transaction scope throws at once with `TransactionMisuseError`, naming the caller, instead of
 * freezing the embedded database forever.
 *
 * The read path (decision 083): `readOnly(fn)` marks a flow that only reads (the public search,
 * map, HSDS and OParl). Outside an open transaction its queries go to the read replica when one
 * is configured (DATABASE_URL_READ); inside a write transaction they stay on it, and
 * `onPrimary(fn)` (a signed-in user's request) keeps them on the primary so that nobody misses
 * what they just wrote. Drizzle's write builders throw on the read path on every database, so a
 * write slipped into read code fails in development on PGlite too, not only against a standby.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Database, Tx } from "./database.ts";

type Scope = { tx: Tx; open: boolean; parent: Scope | undefined };

const scopes = new AsyncLocalStorage<Scope>();
/** "read": the read path; "primary": a flow that must see its own writes (never the replica). */
const routes = new AsyncLocalStorage<{ read: boolean; primary: boolean }>();

function openScope(): Scope | undefined {
  for (let s = scopes.getStore(); s; s = s.parent) if (s.open) return s;
  return undefined;
}

/** The transaction the current async flow runs in, if any. */
export function currentTransaction(): Tx | undefined {
  return openScope()?.tx;
}

/** True while the current async flow is inside an open transaction. */
export function inTransaction(): boolean {
  return openScope() !== undefined;
}

export class TransactionMisuseError extends Error {
  constructor(what: string, caller: string) {
    super(
      `${what} on the raw database connection while a transaction is open in this flow; ` +
        `on the embedded database this would wait on itself forever. Use the shared db handle ` +
        `(src/server/db/ambient.ts). Caller: ${caller}`,
    );
    this.name = "TransactionMisuseError";
  }
}

/** The first stack frame outside the database layer and its drivers: who issued the query. */
export function callerOf(stack: string | undefined): string {
  const frames = (stack ?? "").split("\n").slice(1);
  const skip = /node_modules|node:internal|src\/server\/db\/(ambient|client)\.ts|<anonymous>/;
  const own = frames.find((f) => !skip.test(f));
  return (own ?? frames[0] ?? "unknown").trim().replace(/^at /, "");
}

/** Throws when a raw driver call happens inside an open transaction scope. */
export function assertOutsideTransaction(what: string): void {
  if (!inTransaction()) return;
  throw new TransactionMisuseError(what, callerOf(new Error().stack));
}

/** Runs `fn` on the read path: replica when configured and no transaction is open; never writes. */
export function readOnly<T>(fn: () => T): T {
  const outer = routes.getStore();
  return routes.run({ read: true, primary: outer?.primary ?? false }, fn);
}

/** Runs `fn` with every read on the primary, read path included (read-your-writes for a signed-in user). */
export function onPrimary<T>(fn: () => T): T {
  const outer = routes.getStore();
  return routes.run({ read: outer?.read ?? false, primary: true }, fn);
}

/**
 * The same object with every method running on the read path: how a service declares that it
 * only reads. `this` stays the original object.
 */
export function readOnlyMethods<T extends object>(service: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(service)) {
    wrapped[key] =
      typeof value === "function"
        ? (...args: unknown[]) => readOnly(() => (value as (...a: unknown[]) => unknown).apply(service, args))
        : value;
  }
  return wrapped as T;
}

export class ReadOnlyPathError extends Error {
  constructor(what: string, caller: string) {
    super(
      `${what} on the read path (readOnly): this code may be served by a read replica, which ` +
        `refuses writes. Write outside readOnly(). Caller: ${caller}`,
    );
    this.name = "ReadOnlyPathError";
  }
}

/** What the read path refuses: Drizzle's write builders and transactions (the replica would refuse them late). */
const WRITES = new Set<PropertyKey>(["insert", "update", "delete", "transaction", "refreshMaterializedView"]);

type TransactionFn = Database["transaction"];

/**
 * Wraps the driver-level Drizzle database into the shared handle: every property resolves
 * against the ambient transaction when one is open, else against the base database.
 */
export function ambientDatabase(base: Database, replica?: Database): Database {
  const transaction: TransactionFn = (fn, config) => {
    const outer = openScope();
    const run = (tx: Tx) => {
      const scope: Scope = { tx, open: true, parent: outer };
      return scopes.run(scope, async () => {
        try {
          return await fn(tx);
        } finally {
          // Work that outlives the transaction (a promise nobody awaited) falls back to the parent or base.
          scope.open = false;
        }
      });
    };
    // Nested: a savepoint of the open transaction, so an inner failure can be caught by the outer one.
    return outer ? outer.tx.transaction(run) : base.transaction(run, config);
  };

  return new Proxy(base, {
    get(target, prop) {
      const route = routes.getStore();
      if (route?.read && WRITES.has(prop)) {
        return () => {
          throw new ReadOnlyPathError(`db.${String(prop)}`, callerOf(new Error().stack));
        };
      }
      if (prop === "transaction") return transaction;
      // A write transaction sees its own rows; the read path goes to the replica only outside one.
      const onReplica = replica !== undefined && route?.read === true && !route.primary;
      const current: object = openScope()?.tx ?? (onReplica ? replica : target);
      const value = Reflect.get(current, prop, current);
      return typeof value === "function" ? value.bind(current) : value;
    },
  });
}
