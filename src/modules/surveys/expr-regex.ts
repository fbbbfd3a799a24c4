/**
 * ODK regex() for the form expression language.
 *
 * Patterns come from form authors and run against answers anyone can type. A backtracking engine
 * can take exponential time on patterns like (a+)+$, so regex() runs the pattern on a small
 * Thompson-NFA (Pike VM) instead: time linear in answer length × pattern size, whatever the pattern.
 * Single characters and character classes are still tested by the JavaScript engine (on one
 * character, which cannot backtrack), so their syntax is exactly JavaScript's.
 * Back references and look-around are not supported (regex() is false), nor are invalid patterns,
 * patterns that compile to more than REGEX_MAX_PROGRAM instructions (counted repetitions are
 * unrolled: a{0,2000} is fine, (a{0,100}){100} is not), and answers longer than REGEX_MAX_INPUT.
 */
import { EXPR_MAX_LENGTH } from "./expr-syntax.ts";

/** A compiled pattern: instructions for the Pike VM, and whether it works on code points. */
type Program = { code: Inst[]; unicode: boolean };
type Inst =
  | { op: "char"; test: RegExp }
  | { op: "split"; x: number; y: number }
  | { op: "jmp"; x: number }
  | { op: "assert"; kind: "^" | "$" | "b" | "B" }
  | { op: "match" };
type RxNode =
  | { t: "char"; test: RegExp }
  | { t: "assert"; kind: "^" | "$" | "b" | "B" }
  | { t: "cat"; items: RxNode[] }
  | { t: "alt"; options: RxNode[] }
  | { t: "rep"; node: RxNode; min: number; max: number | null };

const REGEX_MAX_PROGRAM = 5_000;
const REGEX_MAX_INPUT = 4_000;
const REGEX_CACHE_SIZE = 200;
const regexCache = new Map<string, Program | null>();

class RegexUnsupported {}

function parseRegex(pattern: string, unicode: boolean): RxNode {
  const parser = new RegexParser(pattern, unicode);
  const node = parser.alt();
  if (!parser.done()) throw new RegexUnsupported();
  return node;
}

/** Recursive descent over a pattern JavaScript accepts, into the subset the Pike VM runs. */
class RegexParser {
  private pos = 0;
  private readonly pattern: string;
  private readonly unicode: boolean;
  constructor(pattern: string, unicode: boolean) {
    this.pattern = pattern;
    this.unicode = unicode;
  }

  done(): boolean {
    return this.pos >= this.pattern.length;
  }

  /** One character or class, tested by the JavaScript engine (which cannot backtrack on one character). */
  private single(src: string): RxNode {
    return { t: "char", test: new RegExp(`^(?:${src})$`, this.unicode ? "u" : "") };
  }

  alt(): RxNode {
    const options = [this.cat()];
    while (this.pattern[this.pos] === "|") {
      this.pos++;
      options.push(this.cat());
    }
    return options.length === 1 ? options[0]! : { t: "alt", options };
  }

  private cat(): RxNode {
    const items: RxNode[] = [];
    const p = this.pattern;
    while (this.pos < p.length && p[this.pos] !== "|" && p[this.pos] !== ")") items.push(this.quantified());
    return { t: "cat", items };
  }

  private quantified(): RxNode {
    let node = this.atom();
    for (;;) {
      const c = this.pattern[this.pos];
      let min: number;
      let max: number | null;
      if (c === "*" || c === "+" || c === "?") {
        this.pos++;
        [min, max] = c === "*" ? [0, null] : c === "+" ? [1, null] : [0, 1];
      } else {
        const m = c === "{" ? /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.pos)) : null;
        if (!m) return node;
        this.pos += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === "" ? null : Number(m[3]);
      }
      if (this.pattern[this.pos] === "?") this.pos++; // lazy: the same for "is there a match"
      node = { t: "rep", node, min, max };
    }
  }

  private atom(): RxNode {
    const p = this.pattern;
    const c = p[this.pos]!;
    if (c === "(") return this.group();
    if (c === "[") {
      const start = this.pos;
      this.pos++;
      while (this.pos < p.length && p[this.pos] !== "]") this.pos += p[this.pos] === "\\" ? 2 : 1;
      this.pos++;
      return this.single(p.slice(start, this.pos));
    }
    if (c === "^" || c === "$") {
      this.pos++;
      return { t: "assert", kind: c };
    }
    if (c === "\\") return this.escape();
    if (c === ")" || c === "*" || c === "+" || c === "?") throw new RegexUnsupported();
    const cp = this.unicode ? p.codePointAt(this.pos)! : p.charCodeAt(this.pos);
    const ch = String.fromCodePoint(cp);
    this.pos += ch.length;
    return this.single(c === "." ? "." : ch.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&"));
  }

  /** `(…)`, `(?:…)`, `(?<name>…)`; look-around is not supported. */
  private group(): RxNode {
    const p = this.pattern;
    this.pos++;
    if (p.startsWith("?:", this.pos)) this.pos += 2;
    else if (/^\?<[A-Za-z_$][\w$]*>/.test(p.slice(this.pos))) this.pos = p.indexOf(">", this.pos) + 1;
    else if (p[this.pos] === "?") throw new RegexUnsupported();
    const inner = this.alt();
    if (p[this.pos] !== ")") throw new RegexUnsupported();
    this.pos++;
    return inner;
  }

  /** `\b`, `\B`, and escapes standing for one character; back references are not supported. */
  private escape(): RxNode {
    const p = this.pattern;
    const e = p[this.pos + 1] ?? "";
    if (e === "b" || e === "B") {
      this.pos += 2;
      return { t: "assert", kind: e };
    }
    if (/[1-9k]/.test(e)) throw new RegexUnsupported();
    const rest = p.slice(this.pos);
    const m =
      /^\\[pP]\{[^}]*\}/.exec(rest) ??
      /^\\u\{[0-9A-Fa-f]+\}/.exec(rest) ??
      /^\\u[0-9A-Fa-f]{4}/.exec(rest) ??
      /^\\x[0-9A-Fa-f]{2}/.exec(rest) ??
      /^\\c[A-Za-z]/.exec(rest) ??
      /^\\0/.exec(rest);
    const src = m ? m[0] : `\\${this.unicode ? String.fromCodePoint(p.codePointAt(this.pos + 1) ?? 0) : e}`;
    this.pos += src.length;
    return this.single(src);
  }
}

function compileProgram(node: RxNode): Inst[] {
  const code: Inst[] = [];
  const push = (inst: Inst): number => {
    if (code.length >= REGEX_MAX_PROGRAM) throw new RegexUnsupported();
    code.push(inst);
    return code.length - 1;
  };
  const emit = (n: RxNode): void => {
    switch (n.t) {
      case "char":
        push({ op: "char", test: n.test });
        return;
      case "assert":
        push({ op: "assert", kind: n.kind });
        return;
      case "cat":
        for (const item of n.items) emit(item);
        return;
      case "alt": {
        const jumps: number[] = [];
        n.options.forEach((option, k) => {
          if (k < n.options.length - 1) {
            const split = push({ op: "split", x: 0, y: 0 });
            (code[split] as { x: number }).x = code.length;
            emit(option);
            jumps.push(push({ op: "jmp", x: 0 }));
            (code[split] as { y: number }).y = code.length;
          } else emit(option);
        });
        for (const j of jumps) (code[j] as { x: number }).x = code.length;
        return;
      }
      case "rep": {
        for (let k = 0; k < n.min; k++) emit(n.node);
        if (n.max === null) {
          const split = push({ op: "split", x: 0, y: 0 });
          (code[split] as { x: number }).x = code.length;
          emit(n.node);
          push({ op: "jmp", x: split });
          (code[split] as { y: number }).y = code.length;
        } else {
          for (let k = n.min; k < n.max; k++) {
            const split = push({ op: "split", x: 0, y: 0 });
            (code[split] as { x: number }).x = code.length;
            emit(n.node);
            (code[split] as { y: number }).y = code.length;
          }
        }
        return;
      }
    }
  };
  emit(node);
  push({ op: "match" });
  return code;
}

function compileRegex(pattern: string): Program | null {
  const cached = regexCache.get(pattern);
  if (cached !== undefined) return cached;
  let program: Program | null = null;
  if (pattern.length <= EXPR_MAX_LENGTH) {
    for (const unicode of [true, false]) {
      try {
        new RegExp(pattern, unicode ? "u" : ""); // syntax check by the real engine
      } catch {
        continue;
      }
      try {
        program = { code: compileProgram(parseRegex(pattern, unicode)), unicode };
      } catch {
        program = null;
      }
      break;
    }
  }
  if (regexCache.size >= REGEX_CACHE_SIZE) regexCache.delete(regexCache.keys().next().value!);
  regexCache.set(pattern, program);
  return program;
}

const WORD_CHAR = /^[A-Za-z0-9_]$/;

/** Pike VM: is there a match starting anywhere in `chars`? */
function runProgram({ code }: Program, chars: string[]): boolean {
  const seen = new Int32Array(code.length).fill(-1);
  let current: number[] = [];
  let generation = 0;
  const isWord = (k: number) => k >= 0 && k < chars.length && WORD_CHAR.test(chars[k]!);
  /** Follows jumps, splits and assertions from `pc` at position `at`, adding char/match threads. */
  const add = (list: number[], pc: number, at: number): boolean => {
    const stack = [pc];
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (seen[p] === generation) continue;
      seen[p] = generation;
      const inst = code[p]!;
      switch (inst.op) {
        case "match":
          return true;
        case "char":
          list.push(p);
          break;
        case "jmp":
          stack.push(inst.x);
          break;
        case "split":
          stack.push(inst.y, inst.x);
          break;
        case "assert": {
          const ok =
            inst.kind === "^"
              ? at === 0
              : inst.kind === "$"
                ? at === chars.length
                : (isWord(at - 1) !== isWord(at)) === (inst.kind === "b");
          if (ok) stack.push(p + 1);
          break;
        }
      }
    }
    return false;
  };
  for (let at = 0; at <= chars.length; at++) {
    if (add(current, 0, at)) return true;
    if (at === chars.length) break;
    const ch = chars[at]!;
    const next: number[] = [];
    generation++;
    for (const p of current) {
      const inst = code[p]!;
      if (inst.op === "char" && inst.test.test(ch) && add(next, p + 1, at + 1)) return true;
    }
    current = next;
  }
  return false;
}

/** ODK regex(): does the pattern match somewhere in the text. Invalid or unsupported patterns: false. */
export function regexTest(text: string, pattern: string): boolean {
  if (text.length > REGEX_MAX_INPUT) return false;
  const program = compileRegex(pattern);
  if (!program) return false;
  return runProgram(program, program.unicode ? Array.from(text) : text.split(""));
}
