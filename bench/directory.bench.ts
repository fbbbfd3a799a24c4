// State-scale directory: 200,000 offers at 50,000 places (five cities of 10,000 places), titles
// and summaries in five languages (de, en, ar, tr, ru) in content_translations and search_text,
// generated with bulk SQL (generate_series) — on a throwaway PostgreSQL cluster and on PGlite.
// Measures through the real Hono app in-process (app.request):
// - GET /api/public/offers with text + filters + near: p50/p95;
// - GET /api/public/map for one city of 10,000 places: p50/p95 and the gzipped size;
// - search throughput as a ratio to GET /api/public/hello of the same app in the same run;
// and the first-load JavaScript of /de/offers from a running build (when one exists).
// Set BENCH_SCALE=0.1 for a quick run at a tenth of the size.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { register } from "node:module";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import pg from "pg";
import { searchTextOf } from "../src/modules/directory/search-text.ts";
import { manualClock } from "../src/server/clock.ts";
import { loadConfig } from "../src/server/config.ts";
import type { DatabaseHandle } from "../src/server/db/client.ts";
import { createLogger } from "../src/server/logger.ts";
import { findPostgresBin, startCluster } from "../tests/setup/postgres-cluster.ts";
import type { Bench, BenchRow } from "./types.ts";

// The app imports a few files the Vite way ("./pwa.js?raw" → the file's text). The server bundle
// and the tests get that from Vite; this plain-Node benchmark gets it from a small loader hook,
// registered before the app's modules are loaded (dynamically, below).
register(
  `data:text/javascript,${encodeURIComponent(`
    import fs from "node:fs";
    export async function load(url, context, next) {
      if (url.startsWith("file:") && url.endsWith("?raw")) {
        const text = fs.readFileSync(new URL(url.slice(0, -4)), "utf8");
        return { format: "module", source: "export default " + JSON.stringify(text) + ";", shortCircuit: true };
      }
      return next(url, context);
    }
  `)}`,
);
const { openDatabase } = await import("../src/server/db/client.ts");
const { createLotseApp: createApp } = await import("../src/composition/app.ts");
const { createServices } = await import("../src/composition/services.ts");

const SCALE = Number(process.env.BENCH_SCALE ?? "1");
const OFFERS = Math.round(200_000 * SCALE);
const PLACES = Math.round(50_000 * SCALE);
const ORGS = Math.max(10, Math.round(2_000 * SCALE));
const CITIES = 5;
const SEARCH_RUNS = 300;
const MAP_RUNS = 30;
const THROUGHPUT_MS = 3_000;
const BASE = "http://bench.lotse.test";

const fmt = (n: number, d = 1) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

// ---- Generated text: 20 topics × 10 audiences × 5 sentences, in five languages ----------------

const TOPICS: Record<string, string[]> = {
  de: [
    "Sprachkurs",
    "Beratung",
    "Elterncafé",
    "Hausaufgabenhilfe",
    "Bewerbungstraining",
    "Frauentreff",
    "Jugendtreff",
    "Nähwerkstatt",
    "Fahrradwerkstatt",
    "Computerkurs",
    "Integrationskurs",
    "Sozialberatung",
    "Migrationsberatung",
    "Mietberatung",
    "Schuldnerberatung",
    "Sportgruppe",
    "Chor",
    "Kochkurs",
    "Lesepatenschaft",
    "Spielgruppe",
  ],
  en: [
    "Language course",
    "Counselling",
    "Parents' café",
    "Homework help",
    "Job application training",
    "Women's meeting",
    "Youth club",
    "Sewing workshop",
    "Bicycle workshop",
    "Computer course",
    "Integration course",
    "Social counselling",
    "Migration counselling",
    "Tenancy advice",
    "Debt counselling",
    "Sports group",
    "Choir",
    "Cooking course",
    "Reading mentors",
    "Playgroup",
  ],
  ar: [
    "دورة لغة",
    "استشارة",
    "مقهى الأهل",
    "مساعدة في الواجبات",
    "تدريب على طلبات العمل",
    "لقاء النساء",
    "نادي الشباب",
    "ورشة خياطة",
    "ورشة دراجات",
    "دورة حاسوب",
    "دورة اندماج",
    "استشارة اجتماعية",
    "استشارة الهجرة",
    "استشارة الإيجار",
    "استشارة الديون",
    "مجموعة رياضية",
    "جوقة",
    "دورة طبخ",
    "رعاية القراءة",
    "مجموعة لعب",
  ],
  tr: [
    "Dil kursu",
    "Danışmanlık",
    "Veli kafesi",
    "Ödev yardımı",
    "Başvuru eğitimi",
    "Kadın buluşması",
    "Gençlik kulübü",
    "Dikiş atölyesi",
    "Bisiklet atölyesi",
    "Bilgisayar kursu",
    "Uyum kursu",
    "Sosyal danışmanlık",
    "Göç danışmanlığı",
    "Kira danışmanlığı",
    "Borç danışmanlığı",
    "Spor grubu",
    "Koro",
    "Yemek kursu",
    "Okuma hamiliği",
    "Oyun grubu",
  ],
  ru: [
    "Языковой курс",
    "Консультация",
    "Родительское кафе",
    "Помощь с уроками",
    "Тренинг по резюме",
    "Женская встреча",
    "Молодёжный клуб",
    "Швейная мастерская",
    "Велосипедная мастерская",
    "Компьютерный курс",
    "Интеграционный курс",
    "Социальная консультация",
    "Консультация для мигрантов",
    "Консультация по аренде",
    "Консультация по долгам",
    "Спортивная группа",
    "Хор",
    "Кулинарный курс",
    "Чтение с наставником",
    "Игровая группа",
  ],
};
const AUDIENCES: Record<string, string[]> = {
  de: [
    "für Frauen",
    "für Jugendliche",
    "für Familien",
    "für Senioren",
    "mit Kinderbetreuung",
    "am Abend",
    "für Geflüchtete",
    "für Anfänger",
    "am Wochenende",
    "für Eltern",
  ],
  en: [
    "for women",
    "for young people",
    "for families",
    "for older people",
    "with childcare",
    "in the evening",
    "for refugees",
    "for beginners",
    "at the weekend",
    "for parents",
  ],
  ar: [
    "للنساء",
    "للشباب",
    "للعائلات",
    "لكبار السن",
    "مع رعاية الأطفال",
    "في المساء",
    "للاجئين",
    "للمبتدئين",
    "في عطلة نهاية الأسبوع",
    "للأهل",
  ],
  tr: [
    "kadınlar için",
    "gençler için",
    "aileler için",
    "yaşlılar için",
    "çocuk bakımlı",
    "akşamları",
    "mülteciler için",
    "yeni başlayanlar için",
    "hafta sonu",
    "ebeveynler için",
  ],
  ru: [
    "для женщин",
    "для молодёжи",
    "для семей",
    "для пожилых",
    "с присмотром за детьми",
    "по вечерам",
    "для беженцев",
    "для начинающих",
    "по выходным",
    "для родителей",
  ],
};
const SENTENCES: Record<string, string[]> = {
  de: [
    "Offenes Angebot, kostenlos und ohne Anmeldung.",
    "Beratung in mehreren Sprachen, bitte Termin vereinbaren.",
    "Treffpunkt im Stadtteil mit Kaffee und Austausch.",
    "Kleine Gruppen, erfahrene Ehrenamtliche begleiten.",
    "Barrierefreier Zugang, Dolmetscher auf Anfrage.",
  ],
  en: [
    "Open offer, free and without registration.",
    "Advice in several languages, please make an appointment.",
    "Meeting point in the neighbourhood with coffee and exchange.",
    "Small groups, accompanied by experienced volunteers.",
    "Step-free access, interpreters on request.",
  ],
  ar: [
    "عرض مفتوح ومجاني ودون تسجيل.",
    "استشارة بعدة لغات، يُرجى حجز موعد.",
    "ملتقى في الحي مع القهوة وتبادل الحديث.",
    "مجموعات صغيرة بمرافقة متطوعين ذوي خبرة.",
    "مدخل خالٍ من العوائق، ومترجمون عند الطلب.",
  ],
  tr: [
    "Açık hizmet, ücretsiz ve kayıtsız.",
    "Birçok dilde danışmanlık, lütfen randevu alın.",
    "Mahallede kahve ve sohbet eşliğinde buluşma noktası.",
    "Küçük gruplar, deneyimli gönüllüler eşlik eder.",
    "Engelsiz giriş, istek üzerine tercüman.",
  ],
  ru: [
    "Открытое предложение, бесплатно и без записи.",
    "Консультации на нескольких языках, пожалуйста, запишитесь.",
    "Место встреч в районе: кофе и общение.",
    "Небольшие группы, сопровождают опытные волонтёры.",
    "Доступ без ступенек, переводчики по запросу.",
  ],
};
const LANGS = ["de", "en", "ar", "tr", "ru"] as const;
const COMBOS = 20 * 10 * 5;

function combos() {
  const titles: Record<string, string[]> = {};
  const summaries: Record<string, string[]> = {};
  const searchTexts: string[] = [];
  const hashes: { title: string[]; summary: string[] } = { title: [], summary: [] };
  for (const l of LANGS) {
    titles[l] = [];
    summaries[l] = [];
  }
  for (let c = 0; c < COMBOS; c++) {
    const t = c % 20;
    const a = Math.floor(c / 20) % 10;
    const s = Math.floor(c / 200) % 5;
    for (const l of LANGS) {
      titles[l]!.push(`${TOPICS[l]![t]} ${AUDIENCES[l]![a]}`);
      summaries[l]!.push(`${TOPICS[l]![t]} ${AUDIENCES[l]![a]}. ${SENTENCES[l]![s]}`);
    }
    searchTexts.push(searchTextOf(LANGS.flatMap((l) => [titles[l]![c], summaries[l]![c]])));
    const h = (x: string) => createHash("sha256").update(x.normalize("NFC").trim(), "utf8").digest("hex");
    hashes.title.push(h(titles.de![c]!));
    hashes.summary.push(h(summaries.de![c]!));
  }
  return { titles, summaries, searchTexts, hashes };
}

/** A SQL text[] literal. */
const arr = (xs: readonly string[]) =>
  `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]::text[]`;

// Five cities side by side in NRW (approximately where Dortmund … Bielefeld lie).
const CITY_BOXES = Array.from({ length: CITIES }, (_, i) => {
  const west = 7.0 + i * 0.5;
  return { code: `bench-city-${i + 1}`, west, east: west + 0.3, south: 51.4, north: 51.6 };
});

function areasGeoJson() {
  return JSON.stringify({
    type: "FeatureCollection",
    features: CITY_BOXES.map((b) => ({
      type: "Feature",
      properties: {
        code: b.code,
        name: `Stadt ${b.code.slice(-1)}`,
        level: "city",
        parent: null,
        approximate: true,
      },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [b.west, b.south],
            [b.east, b.south],
            [b.east, b.north],
            [b.west, b.north],
            [b.west, b.south],
          ],
        ],
      },
    })),
  });
}

async function generate(handle: DatabaseHandle, log: (l: string) => void) {
  const clock = manualClock(new Date("2026-03-02T09:00:00Z"));
  const config = loadConfig({
    NODE_ENV: "test",
    BASE_URL: BASE,
    SECRET_KEY: "bench-secret-key-bench-secret-key-0123456789",
    DATA_DIR: "/nonexistent",
  });
  const services = createServices({
    db: handle.db,
    dbKind: handle.kind,
    config,
    logger: createLogger("silent"),
    clock,
  });
  const started = performance.now();
  const tenant = await services.tenants.create({
    slug: "bench",
    name: "Land (Benchmark)",
    kind: "county",
    frameworkTemplate: "unna",
  });
  await services.areas.commitImport({ kind: "system" }, tenant.id, areasGeoJson());
  const areas = await services.areas.list(tenant.id);
  const areaIds = CITY_BOXES.map((b) => areas.find((a) => a.code === b.code)!.id);
  const axes = await services.framework.list(tenant.id, "de");
  const cats = axes.find((a) => a.key === "offer-categories")!.terms.map((t) => t.id);
  const groups = axes.find((a) => a.key === "target-groups")!.terms.map((t) => t.id);
  const { titles, summaries, searchTexts, hashes } = combos();
  const t = `'${tenant.id}'::uuid`;
  const exec = async (label: string, q: string) => {
    const s = performance.now();
    await handle.db.execute(sql.raw(q));
    log(`  ${label}: ${fmt((performance.now() - s) / 1000)} s`);
  };
  // Bulk load without the secondary indexes of the big tables, then rebuild them from their own
  // definitions (as a restore would): much faster than maintaining GIN indexes row by row.
  const indexDefs = (
    (await handle.db.execute(
      sql.raw(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('offers', 'content_translations', 'entry_terms', 'offer_places', 'places') AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_pk' AND indexname NOT IN (SELECT conname FROM pg_constraint)",
      ),
    )) as unknown as { rows: { indexname: string; indexdef: string }[] }
  ).rows;
  for (const d of indexDefs) await handle.db.execute(sql.raw(`DROP INDEX "${d.indexname}"`));
  const combo = "((j % 20) + 20 * ((j / 20) % 10) + 200 * ((j / 200) % 5) + 1)";
  await exec(
    `${ORGS} organizations`,
    `INSERT INTO organizations (tenant_id, id, name, status, created_at, updated_at)
     SELECT ${t}, md5('bench-org-' || i)::uuid, 'Träger ' || i, 'published', now(), now() FROM generate_series(0, ${ORGS - 1}) i`,
  );
  await exec(
    `${PLACES} places`,
    `INSERT INTO places (tenant_id, id, organization_id, name, street, postcode, city, lon, lat, area_id, languages, status, created_at, updated_at)
     SELECT ${t}, md5('bench-place-' || i)::uuid, md5('bench-org-' || (i % ${ORGS}))::uuid,
       'Treffpunkt ' || i, 'Hauptstraße ' || (1 + i % 200), lpad((40000 + i % 9000)::text, 5, '0'), 'Stadt ' || (1 + i % ${CITIES}),
       (${arr(CITY_BOXES.map((b) => String(b.west)))})[1 + i % ${CITIES}]::float8 + 0.3 * ((i::bigint * 7919) % 10007) / 10007.0,
       51.4 + 0.2 * ((i::bigint * 104729) % 10009) / 10009.0,
       (ARRAY[${areaIds.map((id) => `'${id}'::uuid`).join(",")}])[1 + i % ${CITIES}],
       string_to_array((ARRAY['de,ar','de,tr','de,ru','de,en'])[1 + i % 4], ','),
       'published', now(), now()
     FROM generate_series(0, ${PLACES - 1}) i`,
  );
  await exec(
    `${OFFERS} offers`,
    `INSERT INTO offers (tenant_id, id, organization_id, title, summary, languages, free, childcare, status, search_text, created_at, updated_at)
     SELECT ${t}, md5('bench-offer-' || j)::uuid, md5('bench-org-' || (j % ${ORGS}))::uuid,
       (${arr(titles.de!)})[${combo}], (${arr(summaries.de!)})[${combo}],
       string_to_array((ARRAY['de,ar','de,tr','de,ru','de,en'])[1 + j % 4], ','),
       j % 3 <> 0, j % 5 = 0, 'published', (${arr(searchTexts)})[${combo}], now(), now()
     FROM generate_series(0, ${OFFERS - 1}) j`,
  );
  await exec(
    "offer_places",
    `INSERT INTO offer_places (tenant_id, offer_id, place_id)
     SELECT ${t}, md5('bench-offer-' || j)::uuid, md5('bench-place-' || (j % ${PLACES}))::uuid FROM generate_series(0, ${OFFERS - 1}) j`,
  );
  await exec(
    "entry_terms",
    `INSERT INTO entry_terms (tenant_id, entity_type, entity_id, term_id)
     SELECT ${t}, 'offer', md5('bench-offer-' || j)::uuid, (ARRAY[${cats.map((id) => `'${id}'::uuid`).join(",")}])[1 + j % ${cats.length}]
     FROM generate_series(0, ${OFFERS - 1}) j
     UNION ALL
     SELECT ${t}, 'offer', md5('bench-offer-' || j)::uuid, (ARRAY[${groups.map((id) => `'${id}'::uuid`).join(",")}])[1 + (j / 7) % ${groups.length}]
     FROM generate_series(0, ${OFFERS - 1}) j`,
  );
  for (const field of ["title", "summary"] as const) {
    const texts = field === "title" ? titles : summaries;
    const hash = hashes[field];
    await exec(
      `content_translations ${field} × ${LANGS.length} languages`,
      `INSERT INTO content_translations (tenant_id, id, entity_type, entity_id, field, lang, text, status, source_hash, created_at, updated_at)
       SELECT ${t}, gen_random_uuid(), 'offer', md5('bench-offer-' || j)::uuid, '${field}', l.lang,
         (CASE l.lang ${LANGS.map((lang) => `WHEN '${lang}' THEN (${arr(texts[lang]!)})[${combo}]`).join(" ")} END),
         CASE WHEN l.lang = 'de' THEN 'reviewed' ELSE 'machine' END,
         (${arr(hash)})[${combo}], now(), now()
       FROM generate_series(0, ${OFFERS - 1}) j CROSS JOIN (VALUES ${LANGS.map((l) => `('${l}')`).join(",")}) AS l(lang)`,
    );
  }
  {
    const s = performance.now();
    for (const d of indexDefs) await handle.db.execute(sql.raw(d.indexdef));
    log(`  rebuild ${indexDefs.length} indexes: ${fmt((performance.now() - s) / 1000)} s`);
  }
  await exec("ANALYZE", "ANALYZE");
  const genSeconds = (performance.now() - started) / 1000;
  return { services, tenant, genSeconds };
}

function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function measure(label: string, handle: DatabaseHandle, log: (l: string) => void): Promise<BenchRow[]> {
  log(
    `${label}: generating ${OFFERS.toLocaleString("en-US")} offers at ${PLACES.toLocaleString("en-US")} places …`,
  );
  const { services, genSeconds } = await generate(handle, log);
  const app = createApp({ services });
  const request = async (p: string, headers: Record<string, string> = {}) => {
    const res = await app.request(`${BASE}${p}`, { headers });
    const body = new Uint8Array(await res.arrayBuffer());
    if (res.status !== 200)
      throw new Error(`${p}: HTTP ${res.status} ${new TextDecoder().decode(body).slice(0, 300)}`);
    return { body, res };
  };
  const queries = [
    "sprachkurs",
    "beratung frauen",
    "elterncafe",
    "kochkurs",
    "دورة لغة",
    "sprachkurz kinderbetreuung",
    "консультация",
    "dil kursu",
    "homework help",
    "spielgruppe eltern",
  ];
  const categories = ["sprachangebote", "beratung-integration", "freizeit-austausch", "bildung-beruf"];
  const searchUrl = (i: number) => {
    const b = CITY_BOXES[i % CITIES]!;
    const lon = b.west + 0.1 + (i % 7) * 0.02;
    const lat = 51.45 + (i % 5) * 0.02;
    const q = encodeURIComponent(queries[i % queries.length]!);
    return `/api/public/offers?q=${q}&category=${categories[i % categories.length]}${i % 2 ? "&free=1" : ""}&near=${lon.toFixed(4)},${lat.toFixed(4)}&radius=5&lang=${LANGS[i % LANGS.length]}`;
  };
  // Warm up (plans, caches, JIT).
  for (let i = 0; i < 20; i++) await request(searchUrl(i));
  await request("/api/public/hello");
  const searchMs: number[] = [];
  let hits = 0;
  for (let i = 0; i < SEARCH_RUNS; i++) {
    const s = performance.now();
    const { body } = await request(searchUrl(i + 20));
    searchMs.push(performance.now() - s);
    hits += (JSON.parse(new TextDecoder().decode(body)) as { total: number }).total;
  }
  const mapUrl = `/api/public/map?district=${CITY_BOXES[0]!.code}&lang=de`;
  await request(mapUrl, { "accept-encoding": "gzip" });
  const mapMs: number[] = [];
  let mapGz = 0;
  let mapFeatures = 0;
  for (let i = 0; i < MAP_RUNS; i++) {
    const s = performance.now();
    const { body, res } = await request(mapUrl, { "accept-encoding": "gzip" });
    mapMs.push(performance.now() - s);
    mapGz = res.headers.get("content-encoding") === "gzip" ? body.length : gzipSync(body).length;
  }
  {
    const { body } = await request(mapUrl);
    mapFeatures = (JSON.parse(new TextDecoder().decode(body)) as { features: unknown[] }).features.length;
  }
  const rate = async (make: (i: number) => string) => {
    let n = 0;
    const end = performance.now() + THROUGHPUT_MS;
    while (performance.now() < end) await request(make(n++));
    return n / (THROUGHPUT_MS / 1000);
  };
  const helloRps = await rate(() => "/api/public/hello");
  const searchRps = await rate((i) => searchUrl(i));
  const p50 = percentile(searchMs, 50);
  const p95 = percentile(searchMs, 95);
  const m50 = percentile(mapMs, 50);
  const m95 = percentile(mapMs, 95);
  const isPg = handle.kind === "postgres";
  log(
    `${label}: search p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms (avg ${fmt(hits / SEARCH_RUNS, 0)} hits); map p50 ${fmt(m50)} ms, p95 ${fmt(m95)} ms, ${mapFeatures} points, ${fmt(mapGz / 1024)} KB gz`,
  );
  return [
    {
      metric: `${label}: data generation`,
      value: `${fmt(genSeconds)} s`,
      note: `${OFFERS} offers, ${PLACES} places, ${LANGS.length} languages`,
    },
    {
      metric: `${label}: search p50 / p95`,
      value: `${fmt(p50)} / ${fmt(p95)} ms`,
      note: `text + category (+ free) + near 5 km, ${SEARCH_RUNS} runs; target p95 ≤ 20 ms on PostgreSQL${isPg ? (p95 <= 20 ? " — met" : ` — missed by ${fmt(p95 - 20)} ms`) : ""}`,
    },
    {
      metric: `${label}: map (city of ${mapFeatures} places) p50 / p95`,
      value: `${fmt(m50)} / ${fmt(m95)} ms`,
      note: `target ≤ 100 ms${m95 <= 100 ? " — met" : ` — missed by ${fmt(m95 - 100)} ms (p95)`}`,
    },
    {
      metric: `${label}: map gzipped size`,
      value: `${fmt(mapGz / 1024)} KB`,
      note: `target ≤ 400 KB${mapGz / 1024 <= 400 ? " — met" : " — missed"}`,
    },
    {
      metric: `${label}: search throughput / hello`,
      value: `${fmt(searchRps, 0)} / ${fmt(helloRps, 0)} req/s = ${fmt((100 * searchRps) / helloRps)} %`,
      note: "sequential, in-process app.request(), same app and run",
    },
  ];
}

export async function firstLoadJs(log: (l: string) => void): Promise<BenchRow> {
  const buildDir = path.resolve(import.meta.dirname, "..", process.env.LOTSE_BUILD_DIR ?? "build");
  if (!fs.existsSync(path.join(buildDir, "server/index.js"))) {
    return {
      metric: "first-load JS of /de/offers",
      value: "n/a",
      note: `no build at ${buildDir} (run npm run build)`,
    };
  }
  const { startServerProcess } = await import("../tests/setup/server-process.ts");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-bench-js-"));
  const server = await startServerProcess({ dataDir });
  try {
    const html = await (await fetch(`${server.baseUrl}/de/offers`)).text();
    const srcs = new Set<string>();
    for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) srcs.add(m[1]!);
    for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) srcs.add(m[1]!);
    for (const m of html.matchAll(/<link[^>]*href="([^"]+)"[^>]*rel="modulepreload"/g)) srcs.add(m[1]!);
    let gz = 0;
    for (const s of srcs)
      gz += gzipSync(new Uint8Array(await (await fetch(new URL(s, server.baseUrl))).arrayBuffer())).length;
    let inline = 0;
    for (const m of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g))
      inline += m[1]!.length ? gzipSync(m[1]!).length : 0;
    const total = gz + inline;
    log(
      `/de/offers: ${srcs.size} script files (${fmt(gz / 1024)} KB gz) + inline scripts (${fmt(inline / 1024)} KB gz)`,
    );
    return {
      metric: "first-load JS of /de/offers (gzipped)",
      value: `${fmt(total / 1024)} KB`,
      note: `${srcs.size} files + inline; target ≤ 100 KB${total / 1024 <= 100 ? " — met" : " — missed"}`,
    };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const bench: Bench = {
  title: "directory (state scale)",
  async run(log) {
    const rows: BenchRow[] = [];
    const bin = findPostgresBin();
    if (bin) {
      const cluster = await startCluster(bin);
      try {
        const admin = new pg.Client({ connectionString: cluster.url("postgres") });
        await admin.connect();
        await admin.query("CREATE DATABASE lotse_bench");
        await admin.end();
        const handle = await openDatabase({ kind: "postgres", url: cluster.url("lotse_bench"), poolSize: 4 });
        try {
          await handle.migrate();
          rows.push(...(await measure("PostgreSQL", handle, log)));
        } finally {
          await handle.close();
        }
      } finally {
        await cluster.stop();
      }
    } else {
      log("PostgreSQL binaries not found: skipping the PostgreSQL run (install postgresql to measure it).");
      rows.push({ metric: "PostgreSQL", value: "skipped", note: "no initdb/postgres on this machine" });
    }
    const lite = await openDatabase({ kind: "pglite" });
    try {
      await lite.migrate();
      rows.push(...(await measure("PGlite", lite, log)));
    } finally {
      await lite.close();
    }
    rows.push(await firstLoadJs(log));
    return rows;
  },
};
export default bench;
