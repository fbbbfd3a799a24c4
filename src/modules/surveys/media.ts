/**
 * Image, audio and file answers (decision 116, as decision 091 designed them): what each kind of
 * question takes, the file's real type sniffed from its first bytes (the declared type is not
 * trusted, as with case attachments), the size limit, and the uploads of one submission turned
 * into answers the form engine reads (the answer is the new file's id).
 */
import { questions } from "./engine-tree.ts";
import type { AnswerError, Answers, AnswerValue, FormDefinition, QuestionType } from "./types.ts";

export const MEDIA_TYPES = ["image", "audio", "file"] as const satisfies readonly QuestionType[];
export type MediaQuestionType = (typeof MEDIA_TYPES)[number];
export const isMediaType = (t: QuestionType): t is MediaQuestionType =>
  (MEDIA_TYPES as readonly string[]).includes(t);

/**
 * At most 8 MiB per file: a phone photo fits, and two files stay under the request limit of
 * 20 MiB (`server/http/app.ts`). Lotse does not scale images (`max-pixels` is kept, not applied).
 */
export const MEDIA_MAX_BYTES = 8 * 1024 * 1024;

export const MEDIA_MIME_TYPES = [
  "image/png",
  "image/jpeg",
  "application/pdf",
  "audio/mpeg",
  "audio/ogg",
  "audio/mp4",
  "audio/wav",
] as const;
export type MediaMimeType = (typeof MEDIA_MIME_TYPES)[number];

/** What each kind of question takes (decision 091's lists). */
export const MEDIA_ACCEPTS: Record<MediaQuestionType, readonly MediaMimeType[]> = {
  image: ["image/png", "image/jpeg"],
  audio: ["audio/mpeg", "audio/ogg", "audio/mp4", "audio/wav"],
  file: ["application/pdf", "image/png", "image/jpeg"],
};

/** The `accept` attribute of the file input: a hint for the picker, never trusted on the server. */
export const MEDIA_ACCEPT_ATTRIBUTE: Record<MediaQuestionType, string> = {
  image: "image/png,image/jpeg",
  audio: "audio/mpeg,audio/ogg,audio/mp4,audio/wav,.mp3,.ogg,.oga,.m4a,.wav",
  file: "application/pdf,image/png,image/jpeg",
};

/**
 * XLSForm `body::accept` (pyxform writes it as the `accept` attribute of the upload control, a
 * comma-separated list of extensions and media types as HTML's file input takes them): it narrows
 * what a media question takes. Each entry is read as the types Lotse knows for it; an entry Lotse
 * takes no file of (".docx") is returned in `unknown`, so the reader can name it.
 */
const ACCEPT_ENTRIES: Record<string, readonly MediaMimeType[]> = {
  ".pdf": ["application/pdf"],
  ".png": ["image/png"],
  ".jpg": ["image/jpeg"],
  ".jpeg": ["image/jpeg"],
  ".mp3": ["audio/mpeg"],
  ".ogg": ["audio/ogg"],
  ".oga": ["audio/ogg"],
  ".m4a": ["audio/mp4"],
  ".wav": ["audio/wav"],
  "image/*": ["image/png", "image/jpeg"],
  "audio/*": ["audio/mpeg", "audio/ogg", "audio/mp4", "audio/wav"],
  "application/*": ["application/pdf"],
  "*/*": MEDIA_MIME_TYPES,
  "audio/mp3": ["audio/mpeg"],
  "audio/x-wav": ["audio/wav"],
  "audio/x-m4a": ["audio/mp4"],
  "image/jpg": ["image/jpeg"],
  ...Object.fromEntries(MEDIA_MIME_TYPES.map((m) => [m, [m]])),
};

export function readAccept(
  type: MediaQuestionType,
  accept: string | undefined,
): { types: readonly MediaMimeType[]; unknown: string[] } {
  const entries = (accept ?? "")
    .split(/[\s,;]+/)
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== "");
  if (entries.length === 0) return { types: MEDIA_ACCEPTS[type], unknown: [] };
  const named = new Set<MediaMimeType>();
  const unknown: string[] = [];
  for (const e of entries) {
    const types = Object.hasOwn(ACCEPT_ENTRIES, e) ? ACCEPT_ENTRIES[e]! : [];
    const taken = types.filter((m) => MEDIA_ACCEPTS[type].includes(m));
    if (taken.length === 0) unknown.push(e);
    for (const m of taken) named.add(m);
  }
  return { types: MEDIA_ACCEPTS[type].filter((m) => named.has(m)), unknown };
}

/** What a media question takes: its kind's list, narrowed by the form's `body::accept`. */
export const acceptedTypes = (node: { type: MediaQuestionType; accept?: string }) =>
  readAccept(node.type, node.accept).types;

const EXTENSIONS: Record<MediaMimeType, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg,.jpeg",
  "application/pdf": ".pdf",
  "audio/mpeg": ".mp3",
  "audio/ogg": ".ogg,.oga",
  "audio/mp4": ".m4a",
  "audio/wav": ".wav",
};

/** The file input's `accept`: the types and their extensions (phones' pickers know the latter). */
export function acceptAttribute(node: { type: MediaQuestionType; accept?: string }): string {
  if (!node.accept) return MEDIA_ACCEPT_ATTRIBUTE[node.type];
  const types = acceptedTypes(node);
  return [...types, ...types.map((m) => EXTENSIONS[m])].join(",");
}

/** The formats' short names for the sentence under the input ("PDF, PNG"). */
export const FORMAT_NAMES: Record<MediaMimeType, string> = {
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "application/pdf": "PDF",
  "audio/mpeg": "MP3",
  "audio/ogg": "OGG",
  "audio/mp4": "M4A",
  "audio/wav": "WAV",
};

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/** The file's type from its first bytes, or null when it is none Lotse takes. */
export function sniffMedia(bytes: Uint8Array): MediaMimeType | null {
  if (ascii(bytes, 0, "%PDF")) return "application/pdf";
  if (bytes[0] === 0x89 && ascii(bytes, 1, "PNG")) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (ascii(bytes, 0, "OggS")) return "audio/ogg";
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) return "audio/wav";
  if (ascii(bytes, 0, "ID3")) return "audio/mpeg";
  // an MPEG audio frame without an ID3 tag: the 11-bit sync word, layer III
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe6) === 0xe2) return "audio/mpeg";
  // ISO base media (M4A from phone recorders): "ftyp" with an audio brand
  if (
    ascii(bytes, 4, "ftyp") &&
    ["M4A ", "M4B ", "mp42", "isom", "3gp4", "3gp5"].some((b) => ascii(bytes, 8, b))
  )
    return "audio/mp4";
  return null;
}

/** One uploaded file of a submission: the question's field path (`name`, `rep.0.name`). */
export type MediaUpload = { path: string; fileName: string; content: Uint8Array };

/** A checked upload, ready to store once the answers are valid. */
export type PreparedFile = {
  id: string;
  question: string;
  fileName: string;
  mimeType: MediaMimeType;
  content: Uint8Array;
};

/** Field path `rep.0.name` → the question's name (the last part). */
const questionOf = (path: string) => path.split(".").at(-1) ?? path;
/** Field path `rep.0.name` → the engine's error path `rep[0].name`. */
const errorPath = (path: string) => path.replace(/\.(\d+)\./g, "[$1].");

/**
 * The uploads of one submission checked against their questions: each acceptable file gets a
 * new id, which goes into the form fields as the answer, so the engine reads, checks relevance
 * and `required` like any other answer. A file for no media question is ignored (like any field
 * the form does not have); a wrong type or size is an error at its question.
 */
export function prepareUploads(
  def: FormDefinition,
  uploads: readonly MediaUpload[],
): { entries: [string, string][]; files: PreparedFile[]; errors: AnswerError[] } {
  // what each media question takes: its kind's types, narrowed by `body::accept`
  const kinds = new Map(
    questions(def)
      .filter((q) => isMediaType(q.type))
      .map((q) => [q.name, acceptedTypes({ type: q.type as MediaQuestionType, accept: q.node.accept })]),
  );
  const entries: [string, string][] = [];
  const files: PreparedFile[] = [];
  const errors: AnswerError[] = [];
  for (const u of uploads) {
    const accepted = kinds.get(questionOf(u.path));
    if (!accepted || u.content.byteLength === 0) continue;
    if (u.content.byteLength > MEDIA_MAX_BYTES) {
      errors.push({ path: errorPath(u.path), code: "file_too_large" });
      continue;
    }
    const mimeType = sniffMedia(u.content);
    if (!mimeType || !accepted.includes(mimeType)) {
      errors.push({ path: errorPath(u.path), code: "file_type" });
      continue;
    }
    // Web Crypto, not node:crypto: the page's renderer imports this file's limits too
    const id = globalThis.crypto.randomUUID();
    entries.push([`q.${u.path}`, id]);
    files.push({
      id,
      question: questionOf(u.path),
      // a name is shown and exported, never used as a path
      fileName: (u.fileName.split(/[\\/]/).at(-1) ?? "").trim().slice(0, 200) || "file",
      mimeType,
      content: u.content,
    });
  }
  return { entries, files, errors };
}

/** Every file id the answers hold (media answers at any repeat depth) → its question's name. */
export function mediaIdsIn(def: FormDefinition, answers: Answers): Map<string, string> {
  const media = new Set(
    questions(def)
      .filter((q) => isMediaType(q.type))
      .map((q) => q.name),
  );
  const ids = new Map<string, string>();
  const walk = (a: Answers) => {
    for (const [k, v] of Object.entries(a)) {
      if (media.has(k) && typeof v === "string") ids.set(v, k);
      else if (isInstances(v)) v.forEach(walk);
    }
  };
  walk(answers);
  return ids;
}

/**
 * Media answers replaced by their file's name (exports), at any repeat depth. `names` holds the
 * form's file ids (UUIDs the server gave), so only answers naming one of them are replaced,
 * whatever version of the form a response was given in.
 */
export function withFileNames(answers: Answers, names: ReadonlyMap<string, string>): Answers {
  const walk = (a: Answers): Answers =>
    Object.fromEntries(
      Object.entries(a).map(([k, v]): [string, AnswerValue] => {
        if (typeof v === "string" && names.has(v)) return [k, names.get(v)!];
        return [k, isInstances(v) ? v.map(walk) : v];
      }),
    );
  return walk(answers);
}

const isInstances = (v: AnswerValue): v is Answers[] =>
  Array.isArray(v) && v.length > 0 && typeof v[0] === "object" && v[0] !== null && !("lang" in v[0]);

const AUDIO_QUALITIES = new Set(["voice-only", "low", "normal", "external"]);

/**
 * Whether a media question's XLSForm `parameters` are ones pyxform accepts: image `max-pixels`
 * (a whole number) and `app` (an Android package, ignored on the web); audio `quality` (one of
 * pyxform's four). Both are kept on the question and written back on export; Lotse neither
 * scales images nor records audio itself (decision 116).
 */
export function mediaParametersValid(type: MediaQuestionType, parameters: string | undefined): boolean {
  for (const pair of (parameters ?? "").replace(/\s*=\s*/g, "=").split(/[\s,;]+/)) {
    if (pair === "") continue;
    const at = pair.indexOf("=");
    if (at <= 0) return false;
    const key = pair.slice(0, at).toLowerCase();
    const value = pair.slice(at + 1);
    if (type === "image" && key === "max-pixels" && /^\d+$/.test(value) && Number(value) > 0) continue;
    if (type === "image" && key === "app" && value !== "") continue;
    if (type === "audio" && key === "quality" && AUDIO_QUALITIES.has(value)) continue;
    return false;
  }
  return true;
}
