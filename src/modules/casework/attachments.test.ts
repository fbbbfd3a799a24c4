import { describe, expect, it } from "vitest";
import { checkUpload, sniff } from "./attachments.ts";
import { MAX_ATTACHMENT_BYTES } from "./model.ts";

const pdf = new TextEncoder().encode("%PDF-1.7 Bescheid");

describe("attachment uploads", () => {
  it("take the type from the file's first bytes, never from its name", () => {
    expect(sniff(pdf)).toBe("application/pdf");
    expect(sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBe("image/png");
    expect(sniff(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniff(new TextEncoder().encode("<html>"))).toBeNull();
    expect(checkUpload({ fileName: "bild.jpg", content: pdf })).toEqual({
      name: "bild.jpg",
      mimeType: "application/pdf",
    });
  });

  it("report every problem at the field 'file'", () => {
    expect(() => checkUpload({ fileName: " ", content: new Uint8Array() })).toThrow(
      expect.objectContaining({
        fields: [
          { field: "file", code: "required" },
          { field: "file", code: "required" },
        ],
      }),
    );
    expect(() => checkUpload({ fileName: `${"a".repeat(201)}.pdf`, content: pdf })).toThrow(
      expect.objectContaining({ fields: [{ field: "file", code: "too_long", params: { max: 200 } }] }),
    );
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(pdf);
    expect(() => checkUpload({ fileName: "gross.pdf", content: big })).toThrow(
      expect.objectContaining({
        fields: [{ field: "file", code: "attachment_too_large", params: { maxMb: 10 } }],
      }),
    );
    expect(() => checkUpload({ fileName: "x.html", content: new TextEncoder().encode("<html>") })).toThrow(
      expect.objectContaining({ fields: [{ field: "file", code: "attachment_type" }] }),
    );
  });
});
