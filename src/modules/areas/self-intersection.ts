/**
 * Does a polygon (all its rings) touch or cross itself? A Shamos–Hoey sweep: O(n log n) for
 * n edges, where the former pairwise check (@turf/kinks) was O(n²) and let a 2 MB polygon
 * block the server for seconds (issue 13, decision 042).
 *
 * Invalid: two edges that are not neighbours in the same ring share any point (crossing,
 * T-junction, a vertex visited twice, a hole touching its shell, overlap along a line), and
 * two neighbouring edges that run back along each other (a spike). Orientation tests are
 * exact (robust-predicates), so nearly collinear edges are judged right.
 *
 * The sweep stops at the first problem: until then no two active edges cross, so their order
 * along the sweep line is well defined. The status is a splay tree (amortised O(log n)).
 */
import { orient2d } from "robust-predicates";
import SplayTree from "splaytree";

type Pt = readonly [number, number];
type Seg = {
  /** Left (lexicographically smaller) and right endpoint. */
  l: Pt;
  r: Pt;
  ring: number;
  /** Edge number within the ring and the ring's edge count, for "neighbouring edges". */
  idx: number;
  n: number;
  id: number;
};
type Probe = { probe: Pt };
type Key = Seg | Probe;

const lex = (a: Pt, b: Pt) =>
  a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] !== b[1] ? (a[1] < b[1] ? -1 : 1) : 0;
const same = (a: Pt, b: Pt) => a[0] === b[0] && a[1] === b[1];
/** > 0: c lies left of a→b (above an edge directed left to right); exact. */
const side = (a: Pt, b: Pt, c: Pt) => -orient2d(a[0], a[1], b[0], b[1], c[0], c[1]);

function neighbours(a: Seg, b: Seg): boolean {
  if (a.ring !== b.ring) return false;
  const d = Math.abs(a.idx - b.idx);
  return d === 1 || d === a.n - 1;
}

/** Order of two active edges along the sweep line (they do not cross). */
function compareSegs(a: Seg, b: Seg): number {
  if (a === b) return 0;
  const c = lex(a.l, b.l);
  let s: number;
  if (c === 0) s = -side(a.l, a.r, b.r);
  else if (c > 0) s = side(b.l, b.r, a.l) || side(b.l, b.r, a.r);
  else s = -(side(a.l, a.r, b.l) || side(a.l, a.r, b.r));
  return s > 0 ? 1 : s < 0 ? -1 : a.id - b.id;
}

/** A probe point sorts above every edge it lies on, so the edges through it are just below it. */
function compareKeys(a: Key, b: Key): number {
  if ("probe" in a) {
    if ("probe" in b) return 0;
    return side(b.l, b.r, a.probe) >= 0 ? 1 : -1;
  }
  if ("probe" in b) return -compareKeys(b, a);
  return compareSegs(a, b);
}

/** The common point of two edges that must not meet, or null when they are fine together. */
function conflict(a: Seg, b: Seg): Pt | null {
  const o1 = side(a.l, a.r, b.l);
  const o2 = side(a.l, a.r, b.r);
  const o3 = side(b.l, b.r, a.l);
  const o4 = side(b.l, b.r, a.r);
  if ((o1 > 0 && o2 > 0) || (o1 < 0 && o2 < 0) || (o3 > 0 && o4 > 0) || (o3 < 0 && o4 < 0)) return null;
  const near = neighbours(a, b);
  if (o1 === 0 && o2 === 0) {
    // Collinear: they share the stretch from the later left end to the earlier right end.
    const from = lex(a.l, b.l) >= 0 ? a.l : b.l;
    const to = lex(a.r, b.r) <= 0 ? a.r : b.r;
    const cmp = lex(from, to);
    if (cmp > 0) return null;
    if (cmp === 0 && near) return null; // neighbours meeting end to end in a straight line
    return from;
  }
  if (near) return null; // neighbours that are not collinear meet only at their shared vertex
  if (o1 === 0) return b.l;
  if (o2 === 0) return b.r;
  if (o3 === 0) return a.l;
  if (o4 === 0) return a.r;
  // A proper crossing; the point is for the message only, so floating point is fine.
  const [x1, y1] = a.l;
  const [x2, y2] = a.r;
  const [x3, y3] = b.l;
  const [x4, y4] = b.r;
  const t = ((x3 - x1) * (y4 - y3) - (y3 - y1) * (x4 - x3)) / ((x2 - x1) * (y4 - y3) - (y2 - y1) * (x4 - x3));
  return [x1 + t * (x2 - x1), y1 + t * (y2 - y1)];
}

function buildSegments(rings: readonly (readonly Pt[])[]): Seg[] {
  const segs: Seg[] = [];
  rings.forEach((ring, r) => {
    // Repeated consecutive positions are not a problem: drop them (the ring stays closed).
    const pts = ring.filter((p, i) => i === 0 || !same(p, ring[i - 1]!));
    const n = pts.length - 1;
    for (let i = 0; i < n; i++) {
      const p = pts[i]!;
      const q = pts[i + 1]!;
      const [l, rr] = lex(p, q) <= 0 ? [p, q] : [q, p];
      segs.push({ l, r: rr, ring: r, idx: i, n, id: segs.length });
    }
  });
  return segs;
}

/** The edges meeting at one event point: all pairs must be neighbours that do not run back. */
function checkVertex(p: Pt, starting: Seg[], ending: Seg[]): Pt | null {
  const all = [...starting, ...ending];
  if (all.length > 2) return p;
  if (all.length < 2) return null;
  const [a, b] = all as [Seg, Seg];
  if (!neighbours(a, b)) return p;
  // Both leave p to the same side: a spike if they also point the same way.
  if (starting.length === 2 || ending.length === 2) {
    const qa = same(a.l, p) ? a.r : a.l;
    const qb = same(b.l, p) ? b.r : b.l;
    if (side(p, qa, qb) === 0) return p;
  }
  return null;
}

/** The first point where the polygon touches or crosses itself, or null. */
export function findSelfIntersection(rings: readonly (readonly Pt[])[]): [number, number] | null {
  const segs = buildSegments(rings);
  const events: { p: Pt; seg: Seg; start: boolean }[] = [];
  for (const s of segs) events.push({ p: s.l, seg: s, start: true }, { p: s.r, seg: s, start: false });
  events.sort((a, b) => lex(a.p, b.p));
  const tree = new SplayTree<Key>(compareKeys);
  const hit = (p: Pt | null): [number, number] | null => (p ? [p[0], p[1]] : null);

  for (let i = 0; i < events.length; ) {
    const p = events[i]!.p;
    const starting: Seg[] = [];
    const ending: Seg[] = [];
    for (; i < events.length && same(events[i]!.p, p); i++) {
      const e = events[i]!;
      (e.start ? starting : ending).push(e.seg);
    }
    const atVertex = checkVertex(p, starting, ending);
    if (atVertex) return hit(atVertex);

    // Which active edges pass through p? Those ending here are expected; any other touches p.
    const probe = tree.insert({ probe: p });
    let below = tree.prev(probe);
    while (below && side((below.key as Seg).l, (below.key as Seg).r, p) === 0) {
      if (!same((below.key as Seg).r, p)) return hit(p);
      below = tree.prev(below);
    }
    const above = tree.next(probe);
    tree.remove(probe.key);
    const lower = below?.key as Seg | undefined;
    const upper = above?.key as Seg | undefined;

    for (const s of ending) tree.remove(s);
    if (starting.length === 0) {
      if (lower && upper) {
        const c = conflict(lower, upper);
        if (c) return hit(c);
      }
      continue;
    }
    for (const s of starting) tree.insert(s);
    for (const s of starting) {
      for (const other of [lower, upper]) {
        if (!other) continue;
        const c = conflict(s, other);
        if (c) return hit(c);
      }
    }
  }
  return null;
}

/**
 * The same question answered by trying every pair of edges, O(n²): the reference the tests
 * check the sweep against, and the baseline in `npm run bench`.
 */
export function findSelfIntersectionPairwise(rings: readonly (readonly Pt[])[]): [number, number] | null {
  const segs = buildSegments(rings);
  for (let i = 0; i < segs.length; i++) {
    for (let j = i + 1; j < segs.length; j++) {
      const c = conflict(segs[i]!, segs[j]!);
      if (c) return [c[0], c[1]];
    }
  }
  return null;
}

/** True when every position of the ring lies on one line (exactly): a ring without an inside. */
export function isCollinearRing(ring: readonly Pt[]): boolean {
  const a = ring[0]!;
  const b = ring.find((p) => !same(p, a));
  if (!b) return true;
  return ring.every((c) => side(a, b, c) === 0);
}
