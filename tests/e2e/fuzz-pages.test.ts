// The page-action fuzz harness (decision 021): every form a demo role finds on the staff pages
// (and the pages they link to) is posted with hostile values and hostile bodies; no answer may
// be a 5xx. It runs its own server on a throwaway embedded database, because the actions it
// posts really change data. Plain HTTP, no browser: form actions are what is being fuzzed.
import fs from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STAFF_PAGES } from "#app/server/policy/pages.ts";
import type { Role } from "#app/server/policy/roles.ts";
import {
  deepJson,
  describeRequest,
  FUZZ_RUNS,
  FUZZ_SEED,
  type FuzzRequest,
  HOSTILE_STRINGS,
} from "../setup/fuzz.ts";
import { type ServerProcess, startServerProcess } from "../setup/server-process.ts";
import { apiLogin, demoUser, roleCan, seededDataDir } from "./support.ts";

const ROLES_TO_FUZZ: Role[] = ["admin", "coordinator", "case_worker", "partner_staff"];
/** Pages visited per role (the page table plus links found on it), to bound the run. */
const MAX_PAGES_PER_ROLE = 45;

type Form = { page: string; action: string; multipart: boolean; fields: [string, string][] };

let server: ServerProcess;
let dataDir: string;
const failures: string[] = [];

beforeAll(async () => {
  dataDir = seededDataDir("lotse-fuzz-");
  server = await startServerProcess({ dataDir });
}, 300_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function send(r: FuzzRequest, cookie: string): Promise<number> {
  const res = await fetch(r.url, {
    method: r.method,
    headers: { origin: server.baseUrl, accept: "text/html", "accept-language": "de", cookie, ...r.headers },
    body: r.body as BodyInit | undefined,
    redirect: "manual",
  });
  const text = await res.text();
  if (res.status >= 500) failures.push(describeRequest(r, res.status, text.slice(0, 120)));
  return res.status;
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : null;
};

/** The post forms of a page with their named fields and the values the page filled in. */
function formsOf(page: string, html: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [tag, body] = [m[1]!, m[2]!];
    if ((attr(tag, "method") ?? "get").toLowerCase() !== "post") continue;
    const fields: [string, string][] = [];
    for (const f of body.matchAll(/<(input|select|textarea|button)\b([^>]*)>/g)) {
      const name = attr(f[2]!, "name");
      if (!name) continue;
      const type = attr(f[2]!, "type");
      if (type === "file") continue;
      if (f[1] === "button" && fields.some(([n]) => n === name)) continue;
      fields.push([name, attr(f[2]!, "value") ?? ""]);
    }
    const action = attr(tag, "action") ?? page;
    forms.push({ page, action, multipart: (attr(tag, "enctype") ?? "").includes("multipart"), fields });
  }
  return forms;
}

/** The staff pages a role may open, and the staff pages they link to (detail pages with ids). */
async function crawl(role: Role, cookie: string): Promise<Form[]> {
  const queue = STAFF_PAGES.filter((p) => roleCan(role, p.permission)).map((p) => p.path);
  const seen = new Set<string>();
  const forms: Form[] = [];
  while (queue.length && seen.size < MAX_PAGES_PER_ROLE) {
    const page = queue.shift()!;
    if (seen.has(page)) continue;
    seen.add(page);
    const res = await fetch(`${server.baseUrl}${page}`, {
      headers: { accept: "text/html", "accept-language": "de", cookie },
      redirect: "manual",
    });
    const html = await res.text();
    if (res.status >= 500) failures.push(`${res.status} ← GET ${page} (crawl as ${role})`);
    if (!res.ok) continue;
    forms.push(...formsOf(page, html));
    for (const l of html.matchAll(/href="(\/staff\/[^"?#]+)"/g)) {
      const link = decode(l[1]!);
      if (!seen.has(link) && !/logout|\.(csv|pdf|xlsx|json|geojson|ics)$/.test(link)) queue.push(link);
    }
  }
  return forms;
}

function encode(form: Form, fields: [string, string][]): Pick<FuzzRequest, "body" | "headers"> {
  if (form.multipart) {
    const data = new FormData();
    for (const [k, v] of fields) data.append(k, v);
    return { headers: {}, body: data };
  }
  return {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}

describe("fuzzing the staff pages' form actions", () => {
  it.each(ROLES_TO_FUZZ)(
    "%s: every form action answers hostile posts with 4xx, never 5xx",
    async (role) => {
      failures.length = 0;
      const cookie = await apiLogin(server.baseUrl, demoUser(role));
      const forms = await crawl(role, cookie);
      expect(forms.length).toBeGreaterThan(0);
      for (const form of forms) {
        const url = `${server.baseUrl}${form.action}`;
        const post = (r: Omit<FuzzRequest, "method" | "url">) => send({ method: "POST", url, ...r }, cookie);
        const keep = (name: string) => name === "intent" || name === "_action";
        // The known hostile bodies: JSON, text, broken multipart, deep nesting, a __proto__ field.
        await post({
          headers: { "content-type": "application/json" },
          body: JSON.stringify(Object.fromEntries(form.fields)),
        });
        await post({ headers: { "content-type": "text/plain" }, body: "a=b" });
        await post({ headers: { "content-type": "multipart/form-data; boundary=q" }, body: "--q\r\nbroken" });
        await post({ headers: { "content-type": "application/json" }, body: deepJson(5000) });
        await post(encode(form, [...form.fields, ["__proto__", "x"], ["constructor", "y"]]));
        await post({
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "a=%ff%fe&b=%00",
        });
        // Every field hostile at once (the intent kept, so the action gets past choosing a branch).
        for (const hostile of ["a\u0000b", "2147483648", "-2147483649", "\u0001\u0085", "x".repeat(100_000)])
          await post(
            encode(
              form,
              form.fields.map(([k, v]) => [k, keep(k) ? v : hostile]),
            ),
          );
      }
      // Generated: the page's own values with one field made hostile.
      const withFields = forms.filter((f) => f.fields.length > 0);
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: Math.max(0, withFields.length - 1) }),
          fc.nat(),
          fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: "binary", maxLength: 30 })),
          async (formIndex, fieldIndex, hostile) => {
            const form = withFields[formIndex];
            if (!form) return true;
            const i = fieldIndex % form.fields.length;
            const fields = form.fields.map(([k, v], j): [string, string] => [k, j === i ? hostile : v]);
            await send(
              { method: "POST", url: `${server.baseUrl}${form.action}`, ...encode(form, fields) },
              cookie,
            );
            return true;
          },
        ),
        { numRuns: FUZZ_RUNS * withFields.length, seed: FUZZ_SEED },
      );
      expect(failures, failures.join("\n")).toEqual([]);
    },
    600_000,
  );
});

describe("a refusal thrown in a page loader is its 4xx page", () => {
  it("partner staff opening other organizations' directory entries see 'not allowed' or 'not found', never a 500", async () => {
    const admin = await apiLogin(server.baseUrl, demoUser("admin"));
    const list = await fetch(`${server.baseUrl}/staff/directory`, {
      headers: { accept: "text/html", "accept-language": "de", cookie: admin },
    });
    const entries = [
      ...new Set(
        [...(await list.text()).matchAll(/href="(\/staff\/directory\/[a-z]+\/[0-9a-f-]{36})"/g)].map(
          (m) => m[1]!,
        ),
      ),
    ];
    expect(entries.length).toBeGreaterThan(0);
    const partner = await apiLogin(server.baseUrl, demoUser("partner_staff"));
    const statuses: number[] = [];
    for (const entry of entries.slice(0, 12)) {
      const res = await fetch(`${server.baseUrl}${entry}`, {
        headers: { accept: "text/html", "accept-language": "de", cookie: partner },
        redirect: "manual",
      });
      const html = await res.text();
      statuses.push(res.status);
      expect([200, 403, 404], `${entry}: ${res.status}`).toContain(res.status);
      // The error page's heading (the catalog in the page's data names it too, so look at <h1>).
      if (res.status === 403) expect(html).toMatch(/<h1[^>]*>Kein Zugriff<\/h1>/);
    }
    expect(statuses.some((s) => s === 403 || s === 404)).toBe(true);
  });
});
