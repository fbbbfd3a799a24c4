import { renderToReadableStream } from "react-dom/server";
import { type EntryContext, type RouterContextProvider, ServerRouter } from "react-router";
import { asClientError } from "#app/server/errors.database.ts";
import { errorForLog } from "#app/server/logger.ts";
import { pageContext, pageRefusalContext } from "./context.ts";
import { CspNonce } from "./csp.ts";
import { ServerI18n } from "./i18n.tsx";

export const streamTimeout = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const ctx = loadContext.get(pageContext);
  // The Content-Security-Policy nonce of this response (set by the HTTP layer's security headers).
  const nonce = ctx.secureHeadersNonce;
  let status = responseStatusCode;
  const body = await renderToReadableStream(
    <ServerI18n value={{ lang: ctx.lang, t: ctx.t }}>
      <CspNonce value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </CspNonce>
    </ServerI18n>,
    {
      nonce,
      signal: AbortSignal.timeout(streamTimeout + 1000),
      onError(error: unknown) {
        status = 500;
        ctx.log.error({ err: errorForLog(error) }, "render error");
      },
    },
  );
  // Pages are complete documents for readers without JavaScript: wait for everything.
  await body.allReady;
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(body, { headers: responseHeaders, status });
}

/**
 * Errors thrown in loaders/actions. A client's error (forbidden, not found, bad input the
 * database refused) is recorded for the page handler, which answers with its 4xx status
 * (decision 020); anything else is logged without its message (it can quote user input).
 */
export function handleError(
  error: unknown,
  { request, context }: { request: Request; context: RouterContextProvider },
) {
  if (request.signal.aborted) return;
  const refusal = asClientError(error);
  if (refusal) {
    const holder = context.get(pageRefusalContext);
    holder.error ??= refusal;
    return;
  }
  context.get(pageContext).log.error({ err: errorForLog(error) }, "page error");
}
