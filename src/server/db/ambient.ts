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
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Database, Tx } from "./database.ts";

type Scope = { tx: Tx; open: boolean; parent: Scope | undefined };

const scopes = new AsyncLocalStorage<Scope>();

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

type TransactionFn = Database["transaction"];

/**
 * Wraps the driver-level Drizzle database into the shared handle: every property resolves
 * against the ambient transaction when one is open, else against the base database.
 */
export function ambientDatabase(base: Database): Database {
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
      if (prop === "transaction") return transaction;
      const current: object = openScope()?.tx ?? target;
      const value = Reflect.get(current, prop, current);
      return typeof value === "function" ? value.bind(current) : value;
    },
  });
}
