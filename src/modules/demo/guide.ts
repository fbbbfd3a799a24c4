// Unna's welcome guide (issue 23): the seed template, a few pages filled from seed 001's own
// topics (registration, counselling, language courses, social ticket, volunteering) and their
// translations. The wording is invented but plausible; offers are the demo directory's.
import type { Principal } from "../../server/policy/roles.ts";
import type { SettableStatus } from "../translations/languages.ts";
import type { DemoServices as Services } from "./deps.ts";
import { DEMO_OFFERS, DEMO_ORGANIZATIONS } from "./directory-content.ts";

type Lang = "en" | "ar" | "fa" | "uk" | "tr" | "ru" | "de-simple";
type Texts = Partial<Record<Lang, { title: string; body: string; status?: SettableStatus }>>;
type DemoPage = { path: string; owner: string; body: string; offers?: string[]; translations?: Texts };

const offerId = (key: string) => DEMO_OFFERS.find((o) => o.key === key)!.id;
const orgId = (key: string) => DEMO_ORGANIZATIONS.find((o) => o.key === key)!.id;

const FIRST_STEPS: DemoPage = {
  path: "erste-schritte",
  owner: "stadt-unna",
  body: "<p>Willkommen in Unna! Diese Seiten erklären die ersten Wege nach der Ankunft: wo Sie Ihren Wohnsitz anmelden, wie Sie krankenversichert sind, wie Ihre Kinder einen Platz in Kita und Schule bekommen und wo Sie Sprachkurse und Beratung finden.</p>",
  translations: {
    en: {
      title: "First steps",
      body: "<p>Welcome to Unna! These pages explain the first steps after you arrive: where to register your address, how you get health insurance, how your children get a place in a Kita and at school, and where to find language courses and counselling.</p>",
    },
    ar: {
      title: "الخطوات الأولى",
      body: "<p>مرحباً بكم في أونا! تشرح هذه الصفحات الخطوات الأولى بعد الوصول: أين تسجّل محل سكنك، وكيف تحصل على التأمين الصحي، وكيف يحصل أطفالك على مكان في الروضة والمدرسة، وأين تجد دورات اللغة والاستشارة.</p>",
    },
    fa: {
      title: "گام‌های نخست",
      body: "<p>به اونا خوش آمدید! این صفحه‌ها نخستین کارها پس از رسیدن را توضیح می‌دهند: نشانی محل سکونت را کجا ثبت کنید، چگونه بیمه درمانی بگیرید، فرزندانتان چگونه در مهدکودک و مدرسه جا بگیرند و کلاس‌های زبان و مشاوره را کجا پیدا کنید.</p>",
    },
    uk: {
      title: "Перші кроки",
      body: "<p>Ласкаво просимо до Унни! Ці сторінки пояснюють перші кроки після приїзду: де зареєструвати місце проживання, як отримати медичне страхування, як дітям отримати місце в дитсадку та школі і де знайти мовні курси та консультації.</p>",
    },
    "de-simple": {
      title: "Die ersten Schritte",
      body: "<p>Willkommen in Unna!</p><p>Sie sind neu in Unna. Hier steht: Was müssen Sie zuerst machen? Wo bekommen Sie Hilfe?</p>",
    },
  },
};

const REGISTRATION: DemoPage = {
  path: "erste-schritte/wohnsitz-anmelden",
  owner: "stadt-unna",
  body: "<p>Wer in eine Wohnung in Unna einzieht, meldet sich innerhalb von zwei Wochen beim Bürgeramt im Rathaus an.</p><h3>Was Sie mitbringen</h3><ul><li>Ihren Pass oder Ausweis</li><li>die Wohnungsgeberbestätigung Ihres Vermieters</li></ul><p>Die Anmeldung ist kostenlos. Sie bekommen eine Meldebestätigung; bewahren Sie sie gut auf, viele Ämter fragen danach.</p>",
  offers: ["fluechtlingsberatung"],
  translations: {
    en: {
      title: "Registering your address",
      body: "<p>Anyone who moves into a flat in Unna registers at the citizens' office (Bürgeramt) in the town hall within two weeks.</p><h3>What to bring</h3><ul><li>your passport or identity card</li><li>your landlord's confirmation (Wohnungsgeberbestätigung)</li></ul><p>Registration is free. You receive a registration certificate (Meldebestätigung); keep it safe, many offices ask for it.</p>",
    },
    ar: {
      title: "تسجيل محل السكن",
      body: "<p>من ينتقل إلى مسكن في أونا يسجّل نفسه خلال أسبوعين في مكتب خدمة المواطنين (Bürgeramt) في دار البلدية.</p><h3>ما الذي تحضره معك</h3><ul><li>جواز السفر أو بطاقة الهوية</li><li>تأكيد المؤجر (Wohnungsgeberbestätigung)</li></ul><p>التسجيل مجاني. تحصل على شهادة تسجيل (Meldebestätigung)؛ احتفظ بها جيداً، فكثير من الدوائر تطلبها.</p>",
    },
    fa: {
      title: "ثبت نشانی محل سکونت",
      body: "<p>هر کس به خانه‌ای در اونا نقل مکان می‌کند، ظرف دو هفته در اداره خدمات شهروندی (Bürgeramt) در شهرداری ثبت نام می‌کند.</p><h3>چه چیزی همراه بیاورید</h3><ul><li>گذرنامه یا کارت شناسایی</li><li>تأییدیه صاحبخانه (Wohnungsgeberbestätigung)</li></ul><p>ثبت نام رایگان است. یک گواهی ثبت (Meldebestätigung) می‌گیرید؛ آن را خوب نگه دارید، بسیاری از ادارات آن را می‌خواهند.</p>",
    },
    uk: {
      title: "Реєстрація місця проживання",
      body: "<p>Хто переїжджає до житла в Унні, протягом двох тижнів реєструється в бюро громадян (Bürgeramt) у ратуші.</p><h3>Що взяти з собою</h3><ul><li>паспорт або посвідчення особи</li><li>підтвердження від орендодавця (Wohnungsgeberbestätigung)</li></ul><p>Реєстрація безкоштовна. Ви отримаєте довідку про реєстрацію (Meldebestätigung); зберігайте її, вона потрібна в багатьох установах.</p>",
    },
    "de-simple": {
      title: "Wohnung anmelden",
      body: "<p>Sie wohnen neu in Unna? Dann müssen Sie Ihre Wohnung anmelden.</p><p>Das machen Sie im Bürgeramt. Das Bürgeramt ist im Rathaus. Sie haben dafür 2 Wochen Zeit.</p><h3>Das brauchen Sie</h3><ul><li>Ihren Pass</li><li>ein Papier von Ihrem Vermieter. Das Papier heißt: Wohnungsgeber-Bestätigung.</li></ul><p>Die Anmeldung kostet nichts.</p>",
    },
  },
};

const COUNSELLING: DemoPage = {
  path: "erste-schritte/beratung",
  owner: "stadt-unna",
  body: "<p>Beratung gibt es in Unna kostenlos und in vielen Sprachen: zu Aufenthalt, Arbeit, Wohnen, Familie und Gesundheit. Für Gespräche mit Ämtern können Sie eine Sprachmittlerin oder einen Sprachmittler aus dem Pool des Kreises dazubuchen.</p>",
  offers: ["integrationsagentur", "fluechtlingsberatung", "psychosoziale-beratung"],
  translations: {
    en: {
      title: "Counselling",
      body: "<p>Counselling in Unna is free and available in many languages: on residence, work, housing, family and health.</p>",
    },
  },
};

const LANGUAGE: DemoPage = {
  path: "erste-schritte/sprachkurse",
  owner: "in-via",
  body: "<p>Deutsch lernen geht in Unna im Kurs und im Alltag: Integrationskurse, Kurse nur für Frauen mit Kinderbetreuung und Sprachpatenschaften mit Ehrenamtlichen.</p>",
  offers: ["frauenintegrationskurs", "sprachkurs-nachmittag", "sprachpaten"],
  translations: {
    en: {
      title: "Language courses",
      body: "<p>In Unna you learn German in a course and in everyday life: integration courses, courses for women with childcare, and language sponsorships with volunteers.</p>",
      status: "draft",
    },
  },
};

const LIVING: DemoPage = {
  path: "leben-vor-ort",
  owner: "stadt-unna",
  body: "",
  translations: {
    en: { title: "Living in Unna", body: "" },
    ar: { title: "الحياة في أونا", body: "" },
    fa: { title: "زندگی در اونا", body: "" },
  },
};

const SOCIAL_TICKET: DemoPage = {
  path: "leben-vor-ort/sozialticket",
  owner: "stadt-unna",
  body: "<p>Mit dem Sozialticket fahren Menschen mit wenig Einkommen günstiger mit Bus und Bahn im Kreis Unna. Wer Leistungen vom Jobcenter, vom Sozialamt oder nach dem Asylbewerberleistungsgesetz bekommt, kann es beantragen.</p>",
};

const VOLUNTEERING: DemoPage = {
  path: "leben-vor-ort/ehrenamtsagentur",
  owner: "stadt-unna",
  body: "<p>Ohne das Ehrenamt würden viele Integrationsangebote in Unna nicht entstehen. Die Initiative WeltOffen ist ein gutes Beispiel; Ehrenamtliche helfen auch als Lesepaten in Schulen und Kitas oder als Sprachpaten. Die Ehrenamtsagentur vermittelt, wer mitmachen möchte.</p>",
  offers: ["treffpunkt-weltoffen", "sprachpaten"],
};

const FILLED = [FIRST_STEPS, REGISTRATION, COUNSELLING, LANGUAGE, LIVING, SOCIAL_TICKET, VOLUNTEERING];

/** Unna's welcome package for new families (issue 23 item 5): what the public may request by mail. */
const WELCOME_PACKAGE = {
  name: "Willkommen in Unna",
  pages: [FIRST_STEPS, REGISTRATION, COUNSELLING, LANGUAGE, SOCIAL_TICKET, VOLUNTEERING],
  offers: ["fluechtlingsberatung", "frauenintegrationskurs"],
};

/** Seeds the guide once: the template, then each filled page written, published and translated. */
export async function seedGuideDemo(services: Services, tenantId: string) {
  const row = await services.users.credentials.byEmail(tenantId, "coordinator@demo.lotse.example");
  if (!row) return { skipped: true, pages: 0 };
  const grants = await services.users.credentials.grants(tenantId, row.id);
  const coordinator: Principal = { userId: row.id, tenantId, sessionId: "demo", grants, mfaSatisfied: true };
  const g = services.guide;
  const added = await g.applyTemplate(coordinator, {
    ownerKind: "organization",
    ownerId: orgId("stadt-unna"),
  });
  const { pages } = await g.tree(coordinator);
  const idOf = (path: string) => {
    let parentId: string | null = null;
    for (const slug of path.split("/"))
      parentId = pages.find((p) => p.parentId === parentId && p.slug === slug)!.id;
    return parentId!;
  };
  let published = 0;
  for (const d of FILLED) {
    const id = idOf(d.path);
    const page = pages.find((p) => p.id === id)!;
    if (page.publishedVersion !== null) continue;
    const saved = await g.update(coordinator, id, {
      parentId: page.parentId,
      slug: page.slug,
      title: page.title,
      body: d.body,
      ownerKind: "organization",
      ownerId: orgId(d.owner),
      lastCheckedOn: "2026-09-15",
      offerIds: (d.offers ?? []).map(offerId),
      sort: pages.filter((p) => p.parentId === page.parentId).indexOf(page),
      version: page.version,
    });
    const submitted = await g.transition(coordinator, id, { transition: "submit", version: saved.version });
    await g.transition(coordinator, id, { transition: "publish", version: submitted.version });
    published++;
    for (const [lang, t] of Object.entries(d.translations ?? {}) as [Lang, NonNullable<Texts[Lang]>][]) {
      await g.saveTranslation(coordinator, id, lang, {
        title: t.title,
        body: t.body,
        status: t.status ?? "reviewed",
        titleVersion: 0,
        bodyVersion: 0,
      });
    }
  }
  if (published) {
    // The counselling page changed after its English translation: that translation is now outdated.
    await changeCounselling(g, coordinator, idOf(COUNSELLING.path));
    await g.createSavedPackage(coordinator, {
      name: WELCOME_PACKAGE.name,
      title: WELCOME_PACKAGE.name,
      pageIds: WELCOME_PACKAGE.pages.map((d) => idOf(d.path)),
      offerIds: WELCOME_PACKAGE.offers.map(offerId),
    });
  }
  return { added, published };
}

/** Publishes a second version of the counselling page, so its English translation is outdated. */
async function changeCounselling(g: Services["guide"], coordinator: Principal, id: string) {
  const view = await g.page(coordinator, id);
  const saved = await g.update(coordinator, id, {
    parentId: view.page.parentId,
    slug: view.page.slug,
    title: view.page.title,
    body: `${COUNSELLING.body}<p>Die Beratung findet auch abends und in Ihrem Stadtteil statt.</p>`,
    ownerKind: view.page.ownerKind,
    ownerId: view.page.ownerId,
    lastCheckedOn: "2026-11-20",
    offerIds: view.offerIds,
    sort: view.sort,
    version: view.page.version,
  });
  const submitted = await g.transition(coordinator, id, { transition: "submit", version: saved.version });
  await g.transition(coordinator, id, { transition: "publish", version: submitted.version });
}
