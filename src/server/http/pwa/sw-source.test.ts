// The service worker is served as a string; its guide rules are checked here on that string.
import { describe, expect, it } from "vitest";
import { WORKER_SOURCE } from "./sw-source.ts";

/** The regex literal assigned or used on the worker line that contains `needle`. */
function regexOn(needle: string): RegExp {
  const line = WORKER_SOURCE.split("\n").find((l) => l.includes(needle));
  const m = line ? /(\/\^?.*\/)[gimsuy]*[;,]/.exec(line.slice(line.indexOf("/"))) : null;
  if (!m) throw new Error(`no regex on the line with ${needle}`);
  return new Function(`return ${m[1]};`)() as RegExp;
}

describe("the service worker's welcome guide rules", () => {
  it("caches the guide's index and pages at any depth, nothing else under /guide", () => {
    const guide = regexOn("const GUIDE =");
    expect(guide.test("/fa/guide")).toBe(true);
    expect(guide.test("/fa/guide/erste-schritte/wohnsitz-anmelden")).toBe(true);
    expect(guide.test("/fa/guides")).toBe(false);
    expect(guide.test("/fa/guide/../staff")).toBe(false);
    expect(guide.test("/staff/guide")).toBe(false);
  });

  it("unhides the offline note of a page served from the cache", () => {
    const note = regexOn("data-offline-note");
    const html =
      '<h1>x</h1><p class="fallback-note" data-offline-note="" hidden="">Offline</p><p hidden="">y</p>';
    expect(html.replace(note, "$1$2")).toBe(
      '<h1>x</h1><p class="fallback-note" data-offline-note="">Offline</p><p hidden="">y</p>',
    );
  });
});
