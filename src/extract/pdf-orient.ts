// Pages turned by /Rotate or by their content matrix are read in their reading direction: the
// direction most of the page's text runs in (weighted by characters) becomes left-to-right, by
// turning the display transform in quarter turns. Lines, words, rulings and rectangles are then
// all measured on the upright page, as if it had been printed that way.

/** Text pieces in the turned direction needed before a page is turned. */
const MIN_PIECES = 4;

export type Matrix = [number, number, number, number, number, number];

interface ItemLike {
  str: string;
  transform: ArrayLike<number>;
}

/** Quarter turns (0–3, clockwise in display space) the text of the page is turned by. */
export function textQuarterTurns(items: readonly ItemLike[], viewport: readonly number[]): number {
  const weight = [0, 0, 0, 0];
  const count = [0, 0, 0, 0];
  for (const it of items) {
    const n = it.str.trim().length;
    if (!n || !it.transform || it.transform.length < 6) continue;
    const a = it.transform[0];
    const b = it.transform[1];
    // Direction of the text in display space (y down).
    const dx = viewport[0] * a + viewport[2] * b;
    const dy = viewport[1] * a + viewport[3] * b;
    if (!Number.isFinite(dx) || !Number.isFinite(dy) || (dx === 0 && dy === 0)) continue;
    const q = Math.round(Math.atan2(dy, dx) / (Math.PI / 2));
    weight[((q % 4) + 4) % 4] += n;
    count[((q % 4) + 4) % 4]++;
  }
  const total = weight[0] + weight[1] + weight[2] + weight[3];
  let best = 0;
  for (let q = 1; q < 4; q++) if (weight[q] > weight[best]) best = q;
  // Turn only when the page is set that way: two thirds of the text and more than a few pieces
  // (a table with sideways column labels, or a lone sideways note, keeps its upright page).
  return best !== 0 && weight[best] * 3 >= total * 2 && count[best] >= MIN_PIECES ? best : 0;
}

/**
 * The display transform turned so that text running `turns` quarter turns clockwise (1: downwards,
 * 2: right-to-left, 3: upwards) reads left-to-right; and the page's new width and height.
 */
export function uprightViewport(v: readonly number[], width: number, height: number, turns: number): { transform: Matrix; width: number; height: number } {
  // T maps the old display space onto the upright one (x' = T0 x + T2 y + T4, y' = T1 x + T3 y + T5).
  const T: Matrix =
    turns === 1 ? [0, -1, 1, 0, 0, width] // down → right: x' = y, y' = W - x
      : turns === 2 ? [-1, 0, 0, -1, width, height] // left → right
        : turns === 3 ? [0, 1, -1, 0, height, 0] // up → right: x' = H - y, y' = x
          : [1, 0, 0, 1, 0, 0];
  const transform: Matrix = [
    T[0] * v[0] + T[2] * v[1], T[1] * v[0] + T[3] * v[1],
    T[0] * v[2] + T[2] * v[3], T[1] * v[2] + T[3] * v[3],
    T[0] * v[4] + T[2] * v[5] + T[4], T[1] * v[4] + T[3] * v[5] + T[5],
  ];
  const swap = turns === 1 || turns === 3;
  return { transform, width: swap ? height : width, height: swap ? width : height };
}
