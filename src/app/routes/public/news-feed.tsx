import { data } from "react-router";
import { pageContext } from "../../context.ts";
import type { Route } from "./+types/news-feed";

/** The news feed of a UI language (a resource route): /{lang}/news/feed.atom or feed.rss. */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const format = params.format === "feed.atom" ? "atom" : params.format === "feed.rss" ? "rss" : null;
  if (!format) throw data(null, { status: 404 });
  const xml = await ctx.services.guide.newsFeed(ctx.tenant.id, ctx.tenant.name, ctx.lang, format);
  return new Response(xml, {
    headers: {
      "content-type":
        format === "atom" ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8",
      "cache-control": "public, max-age=300",
    },
  });
}
