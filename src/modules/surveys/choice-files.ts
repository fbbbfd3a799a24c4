/** The uploaded choice files (an empty file input posts one nameless, empty file: left out). */
export async function choiceFilesOf(v: File | File[] | undefined | null) {
  const list = v == null ? [] : Array.isArray(v) ? v : [v];
  return Promise.all(
    list
      .filter((f) => f.size > 0 && f.name !== "")
      .map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
}
