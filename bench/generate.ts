// Generated Drucksachen in the house style of the Landtag NRW, for the
// benchmark: an answer of the Landesregierung to a Kleine Anfrage, with the
// page-1 header block, numbered bold questions, justified answer paragraphs
// (set like a word processor: word spacing `Tw` or `TJ` adjustments), a running
// header and page numbers from page 2 on, footnotes, ruled count tables and
// X-matrices (stroked grid lines, per-cell segments, or thin filled
// rectangles), and sometimes a landscape Anlage. Deterministic: the same seed
// gives the same bytes; the requested page count is met exactly.

import { PdfWriter, winAnsi, type PdfPage } from '../tests/support/pdf-writer.js';
import { textWidth } from './metrics.js';
import { Rng } from './rng.js';

export interface GenerateOptions {
  /** Seeds the content and the style choices. */
  seed: number;
  /** Exact number of pages of the result (≥ 1). */
  pages: number;
  /** The number N of "Drucksache 18/N" (default: derived from the seed). */
  drucksache?: number;
  /** Wahlperiode (default 18). */
  wahlperiode?: number;
}

export interface GeneratedPdf {
  bytes: Uint8Array;
  pages: number;
  drucksache: string;
  /** Tables drawn (count tables and matrices). */
  tables: number;
}

const A4 = { width: 595.28, height: 841.89 };
const LEFT = 70.9;
const RIGHT = 56.7;
/** Baseline limits of the body: below the running header, above the page number. */
const BODY_TOP = 100;
const BODY_BOTTOM = 752;
const FIRST_PAGE_BOTTOM = 735;

type Justify = 'tw' | 'tj';
type RulingStyle = 'lines' | 'cells' | 'rects';

const num = (n: number): string => String(Math.round(n * 1000) / 1000);
const hex = (s: string): string => '<' + winAnsi(s).map((b) => b.toString(16).padStart(2, '0')).join('') + '>';

/** German thousands separators: 52413 → "52.413". */
export function germanInt(n: number): string {
  const s = String(Math.abs(Math.round(n)));
  return (n < 0 ? '-' : '') + s.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
const pad2 = (n: number) => String(n).padStart(2, '0');

interface Day {
  d: number;
  m: number;
  y: number;
}
const numeric = (x: Day) => `${pad2(x.d)}.${pad2(x.m)}.${x.y}`;
const spelled = (x: Day) => `${x.d}. ${MONTHS[x.m - 1]} ${x.y}`;
function addDays(x: Day, n: number): Day {
  const t = new Date(Date.UTC(x.y, x.m - 1, x.d + n));
  return { d: t.getUTCDate(), m: t.getUTCMonth() + 1, y: t.getUTCFullYear() };
}

// ---------------------------------------------------------------- vocabulary

const FIRST = ['Lisa-Kristin', 'Matthi', 'Josefine', 'Thomas', 'Andreas', 'Sabine', 'Christina', 'Markus', 'Jochen', 'Verena', 'Stefan', 'Anja', 'Dietmar', 'Carolin', 'Martin', 'Ellen', 'Rainer', 'Nadja', 'Jörg', 'Gönül'];
const LAST = ['Kapteinat', 'Bolte-Richter', 'Schneider', 'Müller', 'Becker', 'Hoffmann', 'Kämmerling', 'Weiß', 'Lux', 'Stullich', 'Bialas', 'Ott', 'Kutschaty', 'Remmel', 'Dahm', 'Yüksel', 'Höne', 'Brockes', 'Loose', 'Tritschler'];
const FACTIONS = ['SPD', 'CDU', 'FDP', 'AfD', 'BÜNDNIS 90/DIE GRÜNEN'];
const ANSWERERS = [
  'Der Minister für Wirtschaft, Innovation, Digitalisierung und Energie',
  'Die Ministerin für Schule und Bildung',
  'Der Minister des Innern',
  'Der Minister der Finanzen',
  'Der Minister der Justiz',
  'Die Ministerin für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration',
  'Der Minister für Arbeit, Gesundheit und Soziales',
  'Die Ministerin für Heimat, Kommunales, Bau und Digitalisierung',
  'Die Ministerin für Kultur und Wissenschaft',
  'Der Minister für Umwelt, Naturschutz und Verkehr',
  'Der Chef der Staatskanzlei',
];
const SUBJECTS = ['Die Landesregierung', 'Das Ministerium', 'Die Bezirksregierung Köln', 'Die Bezirksregierung Arnsberg', 'Der Landesbetrieb IT.NRW', 'Die zuständige Fachabteilung', 'Die Kommunalaufsicht', 'Das Landesamt für Natur, Umwelt und Verbraucherschutz', 'Die Polizei NRW', 'Die Staatskanzlei', 'Der Landesbetrieb Straßenbau', 'Die Zentrale Ausländerbehörde Essen'];
const VERBS = ['prüft derzeit', 'hat bereits', 'beabsichtigt nicht,', 'unterstützt', 'erhebt keine Daten über', 'wertet regelmäßig', 'begleitet fachlich', 'hat im Jahr 2023', 'stellt sicher, dass', 'verweist auf', 'plant für das Haushaltsjahr 2025', 'fördert mit Landesmitteln'];
const NOUNS = [
  'die Umsetzung der Digitalisierungsstrategie', 'die Verwaltungsvorschriften zum Haushaltsrecht', 'die Fördermittelbescheide',
  'die Verwendungsnachweise der Zuwendungsempfänger', 'die Personalausstattung der Gesundheitsämter', 'den Breitbandausbau',
  'die Gigabitversorgung der Schulen', 'die Sanierung der Brückenbauwerke', 'das Vergabeverfahren', 'die Genehmigungsverfahren für Windenergieanlagen',
  'die Ganztagsangebote im Primarbereich', 'den Unterrichtsausfall', 'die Fortbildungsangebote für Lehrkräfte', 'die Stellenbesetzungsverfahren',
  'die An- und Abwesenheitssysteme der Landeseinrichtungen', 'die Rückführungen', 'die Justizvollzugsanstalten', 'die Ermittlungsverfahren',
  'die Fallzahlen der Polizeilichen Kriminalstatistik', 'die Kindertageseinrichtungen', 'die Landesstraßen', 'die Krankenhausplanung',
  'die Umweltverträglichkeitsprüfung', 'die Regionalplanung', 'die Flächenkulisse', 'die Videokonferenzsysteme der Landesverwaltung',
];
const PREPS = ['im Rahmen der', 'auf der Grundlage der', 'in Abstimmung mit der', 'nach Maßgabe der', 'unter Berücksichtigung der', 'zur Vorbereitung der'];
const PREP_OBJECTS = ['Haushaltsberatungen', 'Landeshaushaltsordnung', 'kommunalen Spitzenverbände', 'Ressortabstimmung', 'rechtlichen Rahmenbedingungen', 'Datenschutz-Grundverordnung', 'Landesorganisationsgesetzes', 'Evaluierung des Förderprogramms'];
const TAILS = [
  'Eine systematische Erfassung erfolgt nicht.',
  'Weitergehende Erkenntnisse liegen der Landesregierung nicht vor.',
  'Die Daten werden nicht zentral erhoben.',
  'Eine Auswertung im Sinne der Fragestellung wäre nur mit unverhältnismäßig hohem Aufwand möglich.',
  'Die Ergebnisse der Besprechungen werden protokolliert.',
  'Der Entwurf wurde in die hausinterne Abstimmung eingebracht.',
  'Hierfür sind im Haushalt Mittel in Höhe von rund 4,5 Mio. Euro veranschlagt.',
];
const QUESTION_OPENERS = ['Wie viele', 'Welche', 'In welchem Umfang', 'Wann', 'Aus welchen Gründen', 'Inwiefern', 'Wie bewertet die Landesregierung', 'Welche Kenntnisse hat die Landesregierung über'];
const QUESTION_TAILS = ['(Bitte nach Jahren aufschlüsseln)', '(Bitte nach Kreisen und kreisfreien Städten aufschlüsseln)', '(Bitte nach Datum aufschlüsseln)', '(bitte aufschlüsseln je Ministerium und nachgeordnetem Bereich)', ''];
const PLACES = ['Aachen', 'Bielefeld', 'Bochum', 'Bonn', 'Bottrop', 'Dortmund', 'Duisburg', 'Düsseldorf', 'Essen', 'Gelsenkirchen', 'Hagen', 'Hamm', 'Herne', 'Köln', 'Krefeld', 'Leverkusen', 'Mönchengladbach', 'Mülheim an der Ruhr', 'Münster', 'Oberhausen', 'Remscheid', 'Solingen', 'Wuppertal', 'Kreis Borken', 'Kreis Coesfeld', 'Kreis Euskirchen', 'Kreis Gütersloh', 'Hochsauerlandkreis', 'Kreis Lippe', 'Rhein-Sieg-Kreis'];
const BODIES = ['Ministerium der Justiz', 'Ministerium des Innern', 'Ministerium der Finanzen', 'Ministerium für Schule und Bildung', 'Staatskanzlei', 'Landesbetrieb Straßenbau', 'Landesbetrieb Wald und Holz', 'Oberlandesgerichtsbezirke', 'Bezirksregierung Münster', 'Bezirksregierung Detmold', 'Landesamt für Besoldung', 'IT.NRW', 'Landgestüt', 'Fachhochschule für Rechtspflege', 'Landeskriminalamt', 'Polizeipräsidium Köln'];
const TOOLS = ['Cisco-ViKo', 'Cisco-WebEx', 'Skype for business', 'edudip', 'Jitsi Meet', 'Netucate YuLinc', 'Estos Procall', 'Polycom ViKo', 'BlueJeans', 'Facetime', 'GoToMeeting', 'Fastviewer', 'Nextcloud Talk', 'Zoom', 'MS Teams', 'BigBlueButton'];

// ---------------------------------------------------------------- the composer

class Composer {
  readonly w: PdfWriter;
  page!: PdfPage;
  pageNo = 0;
  y = 0;
  bottom = BODY_BOTTOM;
  stopped = false;
  tables = 0;
  private fontIds = new Map<boolean, string>();

  constructor(
    readonly rng: Rng,
    /** Pages the flowing text may use. */
    public flowPages: number,
    readonly drucksache: string,
    readonly wp: number,
    readonly justify: Justify,
    readonly rulingStyle: RulingStyle,
    info: Record<string, string>,
  ) {
    this.w = new PdfWriter({ info });
  }

  get textWidth(): number {
    return this.page.width - LEFT - RIGHT;
  }

  /** Plain text run; learns the resource name of the font it used. */
  text(x: number, y: number, s: string, size = 11, bold = false, angle = 0): void {
    this.page.text(x, y, s, { size, bold, angle });
    if (!this.fontIds.has(bold)) {
      const m = /\/(F\d+) /.exec(this.page.ops[this.page.ops.length - 1]);
      if (m) this.fontIds.set(bold, m[1]);
    }
  }

  textRight(xRight: number, y: number, s: string, size = 11, bold = false): void {
    this.text(xRight - textWidth(s, size, bold), y, s, size, bold);
  }

  private fontId(bold: boolean): string {
    const id = this.fontIds.get(bold);
    if (!id) throw new Error('generate: font used in raw text before it was registered');
    return id;
  }

  newPage(landscape = false): void {
    this.pageNo++;
    this.page = landscape ? this.w.page({ width: A4.height, height: A4.width }) : this.w.page(A4);
    const right = this.page.width - RIGHT;
    if (this.pageNo === 1) {
      this.y = 0;
      this.bottom = FIRST_PAGE_BOTTOM;
      return;
    }
    this.text(LEFT, 48, `LANDTAG NORDRHEIN-WESTFALEN - ${this.wp}. Wahlperiode`, 9);
    this.textRight(right, 48, `Drucksache ${this.drucksache}`, 9);
    const n = String(this.pageNo);
    this.text(this.page.width / 2 - textWidth(n, 10) / 2, this.page.height - 35, n, 10);
    this.y = BODY_TOP - 14;
    this.bottom = landscape ? this.page.height - 80 : BODY_BOTTOM;
  }

  /** Room for `h` points more (a new page when allowed); false when the document is full. */
  room(h: number): boolean {
    if (this.stopped) return false;
    if (this.y + h <= this.bottom) return true;
    if (this.pageNo >= this.flowPages) {
      this.stopped = true;
      return false;
    }
    this.newPage();
    return true;
  }

  /** Break `text` into lines of at most `width`, hyphenating long words now and then. */
  wrap(text: string, width: number, size: number, bold: boolean): string[] {
    const words = text.split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let cur = '';
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      const cand = cur ? `${cur} ${word}` : word;
      if (textWidth(cand, size, bold) <= width) {
        cur = cand;
        continue;
      }
      // Hyphenate: the longest prefix that still fits, keeping 3 letters on both sides.
      if (cur && word.length >= 8 && /^[A-Za-zÄÖÜäöüß]+$/.test(word) && this.rng.chance(0.7)) {
        let cut = 0;
        for (let k = word.length - 3; k >= 3; k--) {
          if (textWidth(`${cur} ${word.slice(0, k)}-`, size, bold) <= width) {
            cut = k;
            break;
          }
        }
        if (cut) {
          lines.push(`${cur} ${word.slice(0, cut)}-`);
          cur = word.slice(cut);
          continue;
        }
      }
      if (cur) lines.push(cur);
      cur = word;
    }
    if (cur) lines.push(cur);
    return lines;
  }

  /** A justified line: the free space goes into the gaps between words. */
  private justified(x: number, y: number, line: string, width: number, size: number, bold: boolean): void {
    const words = line.split(' ');
    const gaps = words.length - 1;
    const extra = gaps > 0 ? (width - textWidth(line, size, bold)) / gaps : 0;
    if (gaps === 0 || extra <= 0.01) {
      this.text(x, y, line, size, bold);
      return;
    }
    const f = this.fontId(bold);
    const base = `BT /${f} ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(this.page.height - y)} Tm`;
    if (this.justify === 'tw') {
      this.page.raw(`q ${base} ${num(extra)} Tw ${hex(line)} Tj ET Q`);
    } else {
      const adj = num((-extra * 1000) / size);
      const parts = words.map((w, i) => hex(i < gaps ? `${w} ` : w));
      this.page.raw(`${base} [${parts.join(` ${adj} `)}] TJ ET`);
    }
  }

  /** A paragraph in the flow: justified unless `ragged`; `label` hangs in front (question numbers). */
  /** Returns where the last line ended (x, baseline y), for a footnote marker. */
  para(text: string, o: { size?: number; bold?: boolean; ragged?: boolean; label?: string; gap?: number } = {}): { x: number; y: number } {
    const size = o.size ?? 11;
    const bold = o.bold ?? false;
    const lead = size * 1.32;
    const indent = o.label ? 18 : 0;
    const width = this.textWidth - indent;
    const lines = this.wrap(text, width, size, bold);
    const end = { x: LEFT, y: this.y };
    lines.forEach((line, i) => {
      if (!this.room(lead)) return;
      this.y += lead;
      if (i === 0 && o.label) this.text(LEFT, this.y, o.label, size, bold);
      const last = i === lines.length - 1;
      if (o.ragged || last) this.text(LEFT + indent, this.y, line, size, bold);
      else this.justified(LEFT + indent, this.y, line, width, size, bold);
      end.x = LEFT + indent + (o.ragged || last ? textWidth(line, size, bold) : width);
      end.y = this.y;
    });
    this.y += o.gap ?? size * 0.9;
    return end;
  }

  // ---- rulings in the three styles producers use

  private hline(x0: number, x1: number, y: number): void {
    if (this.rulingStyle === 'rects') this.page.rect(x0, y - 0.25, x1 - x0, 0.5, { fill: true });
    else this.page.line(x0, y, x1, y, 0.5);
  }

  private vline(x: number, y0: number, y1: number): void {
    if (this.rulingStyle === 'rects') this.page.rect(x - 0.25, y0, 0.5, y1 - y0, { fill: true });
    else this.page.line(x, y0, x, y1, 0.5);
  }

  /** The grid of a table segment: row boundaries `ys`, column boundaries `xs`. */
  private grid(xs: number[], ys: number[]): void {
    if (this.rulingStyle === 'cells') {
      // LibreOffice: every cell border is its own segment.
      for (let r = 0; r < ys.length - 1; r++) {
        for (let c = 0; c < xs.length - 1; c++) {
          this.page.line(xs[c], ys[r], xs[c + 1], ys[r], 0.5);
          this.page.line(xs[c], ys[r], xs[c], ys[r + 1], 0.5);
        }
        this.page.line(xs[xs.length - 1], ys[r], xs[xs.length - 1], ys[r + 1], 0.5);
      }
      for (let c = 0; c < xs.length - 1; c++) this.page.line(xs[c], ys[ys.length - 1], xs[c + 1], ys[ys.length - 1], 0.5);
      return;
    }
    for (const y of ys) this.hline(xs[0], xs[xs.length - 1], y);
    for (const x of xs) this.vline(x, ys[0], ys[ys.length - 1]);
  }

  /** A ruled table with one header row (repeated after a page break); cells are drawn by `cell`. */
  private ruledTable(
    xs: number[],
    headerH: number,
    rowH: number,
    rows: number,
    drawHeader: (top: number) => void,
    drawRow: (r: number, top: number) => void,
  ): void {
    let r = 0;
    while (r < rows) {
      if (!this.room(headerH + rowH + 4)) return;
      const top = this.y + 4;
      drawHeader(top);
      const ys = [top, top + headerH];
      let yy = top + headerH;
      while (r < rows && yy + rowH <= this.bottom) {
        drawRow(r, yy);
        yy += rowH;
        ys.push(yy);
        r++;
      }
      this.grid(xs, ys);
      this.y = yy + 6;
      if (r < rows && !this.room(this.bottom)) return; // force the page break, or stop
    }
    this.y += 8;
    this.tables++;
  }

  countTable(): void {
    const rng = this.rng;
    const years = rng.chance(0.6);
    const nCols = rng.int(1, 4);
    const colW = 72;
    const x0 = LEFT;
    const x1 = LEFT + this.textWidth;
    const xs = [x0, x1 - nCols * colW];
    for (let c = 1; c <= nCols; c++) xs.push(x1 - (nCols - c) * colW);
    const firstYear = rng.int(2016, 2020);
    const heads = years
      ? Array.from({ length: nCols }, (_, i) => String(firstYear + i))
      : ['Anzahl', 'davon Frauen', 'Anteil in %', 'Veränderung'].slice(0, nCols);
    const label = rng.pick(['Kreis/kreisfreie Stadt', 'Behörde', 'Bezirksregierung', 'Bereich']);
    const labels = rng.sample(label === 'Behörde' ? BODIES : PLACES, rng.int(3, 18));
    const total = rng.chance(0.6);
    const values = labels.map(() => Array.from({ length: nCols }, () => (rng.chance(0.08) ? -1 : rng.int(0, rng.chance(0.3) ? 60000 : 900))));
    const n = labels.length + (total ? 1 : 0);
    const size = 10;
    this.ruledTable(
      xs,
      18,
      16,
      n,
      (top) => {
        this.text(xs[0] + 4, top + 13, label, size, true);
        heads.forEach((h, c) => this.textRight(xs[c + 2] - 4, top + 13, h, size, true));
      },
      (r, top) => {
        const isTotal = r === labels.length;
        this.text(xs[0] + 4, top + 12, isTotal ? 'Summe' : labels[r], size, isTotal);
        for (let c = 0; c < nCols; c++) {
          const v = isTotal ? values.reduce((s, row) => s + Math.max(0, row[c]), 0) : values[r][c];
          this.textRight(xs[c + 2] - 4, top + 12, v < 0 ? '–' : germanInt(v), size, isTotal);
        }
      },
    );
  }

  matrix(nCols: number, rowsWanted: number): void {
    const rng = this.rng;
    const cw = 22;
    const labelW = Math.min(260, this.textWidth - nCols * cw);
    const xs = [LEFT, LEFT + labelW];
    for (let c = 1; c <= nCols; c++) xs.push(LEFT + labelW + c * cw);
    const cols = rng.sample(TOOLS, nCols);
    const rows = rng.sample(BODIES, rowsWanted);
    const marks = rows.map(() => cols.map(() => rng.chance(0.3)));
    const size = 9;
    const headerH = 96;
    this.ruledTable(
      xs,
      headerH,
      16,
      rows.length,
      (top) => {
        this.text(xs[0] + 4, top + headerH - 5, 'Ressort und nachgeordneter Bereich', size, true);
        // Column labels bottom-to-top, as Word and LibreOffice set them.
        cols.forEach((c, i) => this.text(xs[i + 1] + cw / 2 + 3, top + headerH - 4, c, size, false, 90));
      },
      (r, top) => {
        this.text(xs[0] + 4, top + 11.5, rows[r], size);
        marks[r].forEach((m, c) => {
          if (m) this.text(xs[c + 1] + cw / 2 - textWidth('X', size) / 2, top + 11.5, 'X', size);
        });
      },
    );
  }
}

// ---------------------------------------------------------------- text makers

function sentence(rng: Rng): string {
  const parts = [rng.pick(SUBJECTS), rng.pick(VERBS), rng.pick(NOUNS), rng.pick(PREPS), rng.pick(PREP_OBJECTS)];
  let s = parts.join(' ');
  if (rng.chance(0.25)) s += ` am ${spelled({ d: rng.int(1, 28), m: rng.int(1, 12), y: rng.int(2019, 2025) })}`;
  if (rng.chance(0.15)) s += ` (vgl. Drucksache 18/${rng.int(1000, 14999)})`;
  if (rng.chance(0.2)) s += ` mit insgesamt ${germanInt(rng.int(120, 90000))} Fällen`;
  return s + '.';
}

function paragraphText(rng: Rng, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(rng.chance(0.12) ? rng.pick(TAILS) : sentence(rng));
  return out.join(' ');
}

function questionText(rng: Rng): string {
  const n = rng.int(1, 2);
  const base = `${rng.pick(QUESTION_OPENERS)} ${rng.pick(NOUNS)} ${rng.pick(PREPS)} ${rng.pick(PREP_OBJECTS)}${n > 1 ? ` und ${rng.pick(NOUNS)} ${rng.pick(PREPS)} ${rng.pick(PREP_OBJECTS)}` : ''}?`;
  const tail = rng.pick(QUESTION_TAILS);
  return tail ? `${base} ${tail}` : base;
}

// ---------------------------------------------------------------- the document

/** One generated Antwort der Landesregierung with exactly `pages` pages. */
export function generateDrucksache(opts: GenerateOptions): GeneratedPdf {
  if (!Number.isInteger(opts.pages) || opts.pages < 1) throw new RangeError('generate: pages must be an integer ≥ 1');
  const rng = new Rng(opts.seed * 2654435761 + 12345);
  const wp = opts.wahlperiode ?? 18;
  const nr = opts.drucksache ?? 10000 + (opts.seed % 90000);
  const ds = `${wp}/${nr}`;
  const ka = rng.int(1000, 6999);
  const kaDs = `${wp}/${Math.max(1, nr - rng.int(200, 900))}`;
  const kaDate: Day = { d: rng.int(1, 28), m: rng.int(1, 12), y: rng.int(2022, 2025) };
  const letter = addDays(kaDate, rng.int(25, 45));
  const issued = addDays(letter, rng.int(3, 9));
  const female = rng.chance(0.5);
  const asker = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
  const faction = rng.pick(FACTIONS);
  const answerer = rng.pick(ANSWERERS);
  const title = `${rng.pick(NOUNS)} ${rng.pick(PREPS)} ${rng.pick(PREP_OBJECTS)}`.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) + (rng.chance(0.4) ? ` – ${rng.pick(['Wie geht es weiter', 'Was plant die Landesregierung', 'Welche Folgen hat das'])}?` : '');
  // A landscape Anlage (an X-matrix) as the last page of some longer documents.
  const anlage = opts.pages >= 4 && rng.chance(0.15);
  const c = new Composer(
    rng,
    anlage ? opts.pages - 1 : opts.pages,
    ds,
    wp,
    rng.chance(0.5) ? 'tw' : 'tj',
    rng.pick(['lines', 'cells', 'rects'] as const),
    { Title: `Drucksache ${ds}`, Author: 'Landtag Nordrhein-Westfalen', Creator: rng.pick(['Writer', 'Microsoft Word', 'Chromium']) },
  );

  // Page 1: the header block.
  c.newPage();
  const right = A4.width - RIGHT;
  c.text(LEFT, 66, `${wp}. Wahlperiode`, 11);
  c.text(LEFT, 52, 'LANDTAG NORDRHEIN-WESTFALEN', 14, true);
  c.textRight(right, 52, `Drucksache ${ds}`, 14, true);
  c.textRight(right, 84, numeric(issued), 11);
  c.text(LEFT, 140, 'Antwort', 16, true);
  c.text(LEFT, 160, 'der Landesregierung', 12, true);
  c.text(LEFT, 195, `auf die Kleine Anfrage ${ka} vom ${spelled(kaDate)}`, 11);
  c.text(LEFT, 210, `${female ? 'der Abgeordneten' : 'des Abgeordneten'} ${asker} ${faction}`, 11);
  c.text(LEFT, 225, `Drucksache ${kaDs}`, 11);
  c.y = 245;
  c.para(title, { size: 12, bold: true, ragged: true, gap: 14 });
  // The archive notice at the foot of page 1, and sometimes a footnote above it.
  c.text(LEFT, 800, `Datum des Originals: ${numeric(letter)}/Ausgegeben: ${numeric(issued)}`, 8);
  const footnote = rng.chance(0.35);
  if (footnote) {
    c.page.line(LEFT, 748, LEFT + 142, 748, 0.5);
    c.text(LEFT, 760, '1', 6);
    c.text(LEFT + 6, 763, `vgl. Drucksache ${wp}/${rng.int(1000, 14999)}, S. ${rng.int(2, 40)}.`, 9);
    c.bottom = 735;
  }

  c.para('Vorbemerkung der Kleinen Anfrage', { bold: true, ragged: true });
  const end = c.para(paragraphText(rng, rng.int(2, 5)));
  if (footnote && c.pageNo === 1) c.text(end.x + 0.5, end.y - 4, '1', 6); // the raised marker after the paragraph
  c.para(`${answerer} hat die Kleine Anfrage ${ka} mit Schreiben vom ${spelled(letter)} namens der Landesregierung${rng.chance(0.3) ? ' im Einvernehmen mit dem Ministerpräsidenten' : ''} beantwortet.`);
  if (rng.chance(0.35)) {
    c.para('Vorbemerkung der Landesregierung', { bold: true, ragged: true });
    c.para(paragraphText(rng, rng.int(2, 4)));
  }

  // Questions and answers until the pages are full.
  let q = 1;
  while (!c.stopped && q < 5000) {
    const joint = rng.chance(0.15) ? 2 : 1;
    for (let k = 0; k < joint; k++) c.para(questionText(rng), { bold: true, ragged: true, label: `${q + k}.` });
    if (joint === 2) c.para(`Die Fragen ${q} und ${q + 1} werden aufgrund des Sachzusammenhangs gemeinsam beantwortet.`);
    q += joint;
    const paras = rng.int(1, 3);
    for (let k = 0; k < paras; k++) c.para(paragraphText(rng, rng.int(1, 5)));
    const t = rng.next();
    if (t < 0.18) {
      c.para('Die gewünschten Angaben sind der nachfolgenden Übersicht zu entnehmen:');
      c.countTable();
    } else if (t < 0.26) {
      c.para('Die Nutzung ergibt sich aus der folgenden Übersicht:');
      c.matrix(rng.int(4, 8), rng.int(4, 12));
    }
  }
  if (anlage) {
    c.stopped = false;
    c.flowPages = opts.pages;
    c.newPage(true);
    c.y += 4;
    c.para('Anlage', { bold: true, ragged: true });
    c.matrix(rng.int(10, 16), rng.int(8, 14));
  }
  const bytes = c.w.toBytes();
  if (c.pageNo !== opts.pages) throw new Error(`generate: made ${c.pageNo} pages, wanted ${opts.pages}`);
  return { bytes, pages: c.pageNo, drucksache: ds, tables: c.tables };
}
