import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainTextOf, sanitizeRichText } from "./sanitize.ts";

const XSS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="jav&#x09;ascript:alert(1)">click</a>',
  '<a href="&#106;avascript:alert(1)">click</a>',
  '<a href=" javascript:alert(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
  '<a href="vbscript:msgbox(1)">click</a>',
  "<svg onload=alert(1)><script>alert(1)</script></svg>",
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  "<body onload=alert(1)>",
  '<p style="background:url(javascript:alert(1))" onmouseover="alert(1)">hi</p>',
  "<<script>script>alert(1)<</script>/script>",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  '<a href="https://ok.example" onclick="alert(1)" target="_blank">ok</a>',
  "<style>@import 'javascript:alert(1)';</style>",
  '<object data="javascript:alert(1)"></object>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  "<details open ontoggle=alert(1)>",
  "<!--<script>alert(1)</script>-->",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<template><script>alert(1)</script></template>",
  '<p><a href="https://x.example/?q=<script>">x</a></p>',
];

function assertSafe(out: string) {
  expect(out.toLowerCase()).not.toContain("<script");
  expect(out).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  // "javascript:" may stay as visible text, never inside a tag (as a URL).
  expect(out).not.toMatch(/<[^>]*javascript:/i);
  // Only hrefs inside tags: a quote in visible text (`a href="` typed as words) is harmless.
  for (const m of out.matchAll(/<a\b[^>]*?\shref="([^"]*)"/gi))
    expect(m[1]).toMatch(/^(https?:\/\/|mailto:|tel:)/);
  expect(out).not.toMatch(/<(?!\/?(p|br|strong|em|ul|ol|li|h3|h4|a)\b)[a-z]/i);
}

describe("sanitizeRichText", () => {
  it("keeps an href-like phrase in text apart from the real link (found by the property test)", () => {
    const out = sanitizeRichText(
      'a href="<a href="https://ok.example" onclick="alert(1)" target="_blank">ok</a>',
    );
    assertSafe(out);
    expect(out).toContain('<a href="https://ok.example" rel="noopener noreferrer">ok</a>');
  });

  it.each(XSS)("neutralises %s", (payload) => {
    assertSafe(sanitizeRichText(payload));
  });

  it("keeps the allowed structure", () => {
    const html =
      "<h3>Kurs</h3><p>Mit <strong>Kinderbetreuung</strong> und <em>Pause</em>.<br>Zweite Zeile</p><ul><li>A</li></ul><ol><li>B</li></ol><h4>Kontakt</h4>";
    expect(sanitizeRichText(html)).toBe(html.replace("<br>", "<br />"));
  });

  it("allows http, https, mailto and tel links, adds rel and drops target", () => {
    expect(sanitizeRichText('<a href="https://vhs.example/kurs" target="_blank" title="x">VHS</a>')).toBe(
      '<a href="https://vhs.example/kurs" rel="noopener noreferrer">VHS</a>',
    );
    expect(
      sanitizeRichText('<a href="mailto:info@example.org">Mail</a> <a href="tel:+492303123">Tel</a>'),
    ).toBe(
      '<a href="mailto:info@example.org" rel="noopener noreferrer">Mail</a> <a href="tel:+492303123" rel="noopener noreferrer">Tel</a>',
    );
  });

  it("turns links with other schemes into their text", () => {
    expect(sanitizeRichText('<p><a href="javascript:alert(1)">Klick</a></p>')).toBe("<p>Klick</p>");
    expect(sanitizeRichText('<a href="/relative">rel</a><a href="//evil.example">proto</a>')).toBe(
      "relproto",
    );
  });

  it("removes script and style together with their contents, unwraps other tags", () => {
    expect(
      sanitizeRichText("<div><p>a</p><script>var x = 1</script><style>p{}</style><span>b</span></div>"),
    ).toBe("<p>a</p>b");
    expect(sanitizeRichText("<h1>Titel</h1><b>fett</b>")).toBe("<h3>Titel</h3><strong>fett</strong>");
  });

  it("never lets a script, an event handler or a javascript: URL through (property)", () => {
    const piece = fc.oneof(
      fc.constantFrom(...XSS),
      fc.constantFrom(
        "<",
        ">",
        '"',
        "'",
        "=",
        " ",
        "/",
        "&#",
        ";",
        "javascript:",
        "on",
        "script",
        "a href=",
        "\t",
        "\n",
      ),
      fc.constantFrom(
        "<p>",
        "</p>",
        '<a href="',
        "<scr",
        "ipt>",
        "onerror=",
        "<img ",
        "<svg ",
        "JAVASCRIPT",
        "&#58;",
      ),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (parts) => {
        assertSafe(sanitizeRichText(parts.join("")));
      }),
      { numRuns: 500 },
    );
  });
});

describe("plainTextOf", () => {
  it("keeps the text with line breaks at block ends and decoded entities", () => {
    expect(
      plainTextOf(
        "<h3>Kurs</h3><p>Mo &amp; Mi<br>15:45&nbsp;Uhr</p><ul><li>A</li><li>B</li></ul><script>x()</script>",
      ),
    ).toBe("Kurs\nMo & Mi\n15:45 Uhr\nA\nB");
  });

  it("is empty for markup without text", () => {
    expect(plainTextOf("<p> </p><style>p{}</style>")).toBe("");
  });
});
