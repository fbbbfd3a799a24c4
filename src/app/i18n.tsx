import { createContext, useContext, useMemo } from "react";
import { useMatches, useRouteLoaderData } from "react-router";
import type { PublicLanguage } from "#app/i18n/languages.ts";
import { createTranslator, type Messages, type Translate } from "#app/i18n/translator.ts";

export type RootI18n = {
  lang: PublicLanguage;
  dir: "ltr" | "rtl";
  messages: Messages | null;
  fallback: Messages | null;
  /**
   * Language codes' names in `lang`, made with the server's ICU for every page that hydrates.
   * The browser renders the same names, so hydration matches: Chromium's ICU lacks some (Fula,
   * Romani, Chechen), and a mismatch makes React render the page anew, wiping what was typed.
   */
  languageNames: Record<string, string> | null;
};

/** Set by entry.server from the request context; on the client the root loader data serves instead. */
export const ServerI18n = createContext<{ lang: PublicLanguage; t: Translate } | null>(null);

type RootData = { i18n: RootI18n } | undefined;
/** A hydrating public page's loader returns its part of the catalogue as `catalog`. */
type PageData = { catalog?: { messages: Messages; fallback: Messages | null } } | null | undefined;

/** The translator for the current page. */
export function useT(): Translate {
  const server = useContext(ServerI18n);
  const data = useRouteLoaderData("root") as RootData;
  const matches = useMatches();
  const page = matches.map((m) => (m.loaderData as PageData)?.catalog).find(Boolean);
  return useMemo(() => {
    if (server) return server.t;
    if (!data) return (key: string) => key;
    const messages = data.i18n.messages ?? page?.messages;
    const fallback = data.i18n.fallback ?? page?.fallback;
    if (messages) return createTranslator(data.i18n.lang, messages, fallback ?? undefined);
    return (key: string) => key;
  }, [server, data, page]);
}

/** The page's language: on public pages possibly easy German ("de-simple"), never in the staff app. */
export function useLang(): PublicLanguage {
  const server = useContext(ServerI18n);
  const data = useRouteLoaderData("root") as RootData;
  return server?.lang ?? data?.i18n.lang ?? "de";
}

/**
 * A language code's name in `inLanguage` (default: the page's language): the server's names
 * shipped with the root data when they are in that language, else Intl.
 */
export function useLanguageName(inLanguage?: string): (code: string) => string {
  const page = useLang();
  const lang = inLanguage ?? page;
  const data = useRouteLoaderData("root") as RootData;
  const shipped = lang === page ? data?.i18n.languageNames : undefined;
  return useMemo(() => {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([lang, "de"], { type: "language" });
    } catch {
      names = undefined;
    }
    return (code: string) => shipped?.[code] ?? names?.of(code) ?? code;
  }, [lang, shipped]);
}
