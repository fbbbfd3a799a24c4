import { describe, expect, it } from "vitest";
import { answerFieldsOf } from "./contracts.ts";
import { mediaParametersValid, readAccept, sniffMedia } from "./media.ts";
import { answersView, entriesOf, mergeTextAnswers, splitTextAnswers } from "./responses.ts";
import type { Answers, FormDefinition } from "./types.ts";

const l = (de: string) => ({ de });
const def: FormDefinition = {
  formId: "f",
  title: l("F"),
  defaultLanguage: "de",
  languages: ["de"],
  choices: { c: [{ name: "a", label: l("A") }] },
  nodes: [
    { type: "text", name: "why", label: l("Warum?") },
    { type: "select_multiple", name: "pick", label: l("Wahl"), listName: "c" },
    { type: "language_level", name: "langs", label: l("Sprachen") },
    {
      type: "repeat",
      name: "members",
      label: l("Mitglieder"),
      children: [
        { type: "integer", name: "age", label: l("Alter") },
        { type: "text", name: "remark", label: l("Bemerkung") },
      ],
    },
  ],
};
const answers: Answers = {
  why: "Arbeit",
  pick: ["a"],
  langs: [{ lang: "ar", level: "native" }],
  members: [{ age: 4, remark: "Kita" }, { age: 7 }],
};

describe("stored responses", () => {
  it("free text leaves the structured answers (repeats per instance) and comes back in place", () => {
    const { structured, text } = splitTextAnswers(def, answers);
    expect(JSON.stringify(structured)).not.toMatch(/Arbeit|Kita/);
    expect(structured).toEqual({
      pick: ["a"],
      langs: [{ lang: "ar", level: "native" }],
      members: [{ age: 4 }, { age: 7 }],
    });
    expect(text).toEqual({ why: "Arbeit", members: [{ remark: "Kita" }, {}] });
    expect(mergeTextAnswers(structured, text)).toEqual(answers);
  });

  it("form fields go to answers and back to the engine's entries in order, a repeated name as several values", () => {
    const entries: [string, string][] = [
      ["q.pick", "a"],
      ["q.members.0.age", "4"],
      ["q.pick", "b"],
    ];
    const fields = answerFieldsOf(entries);
    expect(entriesOf(fields)).toEqual([
      ["q.pick", "a"],
      ["q.pick", "b"],
      ["q.members.0.age", "4"],
    ]);
  });

  it("the API view keeps every answer; a repeat holds records of single answers", () => {
    expect(answersView(answers)).toEqual(answers);
  });
});

describe("media answers (decision 116)", () => {
  const bytes = (...parts: (string | number[])[]) =>
    new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

  it("knows a file by its first bytes, not by its name", () => {
    expect(sniffMedia(bytes("ID3", [4, 0, 0]))).toBe("audio/mpeg");
    expect(sniffMedia(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe("audio/mpeg");
    expect(sniffMedia(bytes("RIFF", [0, 0, 0, 0], "WAVE"))).toBe("audio/wav");
    expect(sniffMedia(bytes([0, 0, 0, 0x20], "ftypM4A "))).toBe("audio/mp4");
    expect(sniffMedia(bytes("OggS", [0]))).toBe("audio/ogg");
    expect(sniffMedia(bytes("%PDF-1.4"))).toBe("application/pdf");
    // a video container and a web page are none of them
    expect(sniffMedia(bytes([0, 0, 0, 0x20], "ftypqt  "))).toBeNull();
    expect(sniffMedia(bytes("<html>"))).toBeNull();
  });

  it("accepts pyxform's parameters for images and recordings, and nothing else", () => {
    expect(mediaParametersValid("image", "max-pixels=1024")).toBe(true);
    expect(mediaParametersValid("image", "max-pixels = 640, app=org.example.camera")).toBe(true);
    expect(mediaParametersValid("image", "max-pixels=1024px")).toBe(false);
    expect(mediaParametersValid("image", "quality=low")).toBe(false);
    expect(mediaParametersValid("audio", "quality=voice-only")).toBe(true);
    expect(mediaParametersValid("audio", "quality=high")).toBe(false);
    expect(mediaParametersValid("file", undefined)).toBe(true);
    expect(mediaParametersValid("file", "max-pixels=10")).toBe(false);
  });

  it("reads body::accept as types the question's kind takes, naming entries Lotse takes no file of", () => {
    expect(readAccept("file", ".PDF; image/*")).toEqual({
      types: ["application/pdf", "image/png", "image/jpeg"],
      unknown: [],
    });
    expect(readAccept("image", "image/jpg, .docx")).toEqual({ types: ["image/jpeg"], unknown: [".docx"] });
    // a PDF is not an image: the entry is named, nothing is left
    expect(readAccept("image", ".pdf")).toEqual({ types: [], unknown: [".pdf"] });
    expect(readAccept("audio", undefined).types).toEqual([
      "audio/mpeg",
      "audio/ogg",
      "audio/mp4",
      "audio/wav",
    ]);
    expect(readAccept("file", "__proto__").unknown).toEqual(["__proto__"]);
  });
});
