// Ruling edges: parallel segments at (nearly) the same position snapped onto
// one line, collinear pieces with small gaps joined, short bits dropped.
import { TABLE_SETTINGS } from './settings.js';
import type { Edge } from './view.js';

type EdgeSettings = typeof TABLE_SETTINGS.edges;

/** Snap and join the edges of one orientation. */
function mergeOrient(edges: Edge[], s: EdgeSettings): Edge[] {
  const sorted = [...edges].sort((p, q) => p.pos - q.pos);
  // 1. Clusters of positions (a chain of neighbours within snapTol).
  const groups: Edge[][] = [];
  for (const e of sorted) {
    const g = groups[groups.length - 1];
    if (g && e.pos - g[g.length - 1].pos <= s.snapTol) g.push(e);
    else groups.push([e]);
  }
  const out: Edge[] = [];
  for (const g of groups) {
    // 2. Join overlapping or nearly touching segments along the line.
    const segs = [...g].sort((p, q) => p.a - q.a);
    let cur: Edge | null = null;
    let weight = 0;
    let posSum = 0;
    const flush = () => {
      if (cur && cur.b - cur.a >= s.minLength) out.push({ ...cur, pos: posSum / weight });
      cur = null;
    };
    for (const e of segs) {
      const len = Math.max(e.b - e.a, 0.01);
      if (cur && e.a <= (cur).b + s.joinTol) {
        const c: Edge = cur;
        c.b = Math.max(c.b, e.b);
        c.width = Math.max(c.width, e.width);
        posSum += e.pos * len;
        weight += len;
      } else {
        flush();
        cur = { ...e };
        posSum = e.pos * len;
        weight = len;
      }
    }
    flush();
  }
  return out;
}

/** Snap, join and filter ruling edges. */
export function mergeEdges(edges: Edge[], s: EdgeSettings = TABLE_SETTINGS.edges): Edge[] {
  return [
    ...mergeOrient(edges.filter((e) => e.orient === 'h'), s),
    ...mergeOrient(edges.filter((e) => e.orient === 'v'), s),
  ];
}
