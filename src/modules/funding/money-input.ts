import { z } from "zod";
import { MAX_AMOUNT_CENTS, parseMoney } from "./model.ts";

/** An amount: integer cents, or text as people type it (parsed by model.ts `parseMoney`). */
export const money = () =>
  z.union([z.number().int().min(0).max(MAX_AMOUNT_CENTS), z.string().max(40)]).transform((v, ctx) => {
    if (typeof v === "number") return v;
    const p = parseMoney(v);
    if (!p.ok) {
      ctx.addIssue({ code: "custom", message: `code:${p.code}` });
      return z.NEVER;
    }
    return p.cents;
  });
