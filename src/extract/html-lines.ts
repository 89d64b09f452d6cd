// An HTML page as the visible lines a reader sees, in one pass over the bytes.
//
// No DOM and no recursion: htmlparser2's tokenizer (linear) feeds an open-element stack kept here
// (top at the end, a count per tag name), because both DOM parsers cost more than linear on hostile
// pages: parse5 scans the whole stack for scope checks on every tag (a million unclosed <div> ran
// for minutes) and htmlparser2's parser unshifts onto its stack; a recursive walk overflows the
// stack on 100,000 nested elements. A closing tag without an open element of its name is ignored
// in O(1); one with an open element pops down to it, so every element is popped once.
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

export interface Anchor {
  text: string;
  href: string;
}

export interface VLine {
  text: string;
  /** Share of the line's non-space characters that are bold (b, strong). */
  bold: number;
  /** Index of the block element the line starts in: bold lines of one block form one title. */
  block: number;
  anchors: Anchor[];
}

/** Elements whose content is not shown as text. */
const SKIP = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'title', 'select', 'option', 'textarea', 'button',
  'iframe', 'object', 'embed', 'svg', 'canvas', 'input', 'img', 'map', 'area', 'video', 'audio',
]);
const BLOCK = new Set([
  'html', 'body', 'p', 'div', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'ul', 'ol',
  'li', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'form', 'fieldset', 'legend',
  'blockquote', 'pre', 'address', 'section', 'article', 'aside', 'header', 'footer', 'nav', 'main',
  'figure', 'figcaption', 'details', 'summary', 'center',
]);
const BOLD = new Set(['b', 'strong']);
const VOID = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex',
  'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);
// Elements an opening tag closes when they are the current element (HTML's implied end tags).
const P = new Set(['p']);
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])], ['th', new Set(['th', 'td'])], ['td', new Set(['th', 'td'])],
  ['li', new Set(['li'])], ['option', new Set(['option'])], ['dd', new Set(['dd', 'dt'])], ['dt', new Set(['dd', 'dt'])],
  ['tbody', new Set(['thead', 'tbody'])], ['tfoot', new Set(['thead', 'tbody'])],
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'ul', 'ol', 'dl', 'table', 'pre', 'form', 'hr', 'blockquote',
    'address', 'article', 'aside', 'section', 'header', 'footer', 'nav', 'main', 'figure', 'figcaption', 'details',
    'fieldset'].map((t): [string, Set<string>] => [t, P]),
]);

const collapse = (s: string) => s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();

export function visibleLines(html: string): VLine[] {
  const walker = new LineWalker();
  const tokenizer = new Tokenizer({ decodeEntities: true }, tokenHandlers(html, walker));
  tokenizer.write(html);
  tokenizer.end();
  return walker.finish();
}

/** A piece of text as it was written, and whether a bold element held it. */
interface Segment {
  text: string;
  bold: boolean;
}

/** A line from its segments: the bold share counts non-space characters. */
function lineOf(segs: Segment[], text: string, block: number, anchors: Anchor[]): VLine {
  let all = 0;
  let bold = 0;
  for (const s of segs) {
    const n = s.text.replace(/[\s\u00a0]/g, '').length;
    all += n;
    if (s.bold) bold += n;
  }
  return { text, bold: all ? bold / all : 0, block, anchors: anchors.filter((a) => a.text) };
}

/**
 * The walk over the tokens: the lines read so far, the line being read, and the open elements.
 * Every tag does O(1) work plus the elements it closes, and each element is closed once.
 */
class LineWalker {
  private readonly lines: VLine[] = [];
  // The line being read: its segments, its links and the block it starts in.
  private segs: Segment[] = [];
  private anchors: Anchor[] = [];
  private block = 0;
  private lineBlock = 0;
  // The open elements, as two parallel arrays (no object per element: a million open <div> stay cheap):
  // the tag name, and the anchor that was current before it (restored when it closes).
  private readonly stack: string[] = [];
  private readonly anchorsBefore: (Anchor | null)[] = [];
  private readonly openCount = new Map<string, number>();
  private boldDepth = 0;
  private skipDepth = 0;
  private anchor: Anchor | null = null;

  text(t: string): void {
    if (this.skipDepth > 0 || t === '') return;
    if (!this.segs.length) this.lineBlock = this.block;
    this.segs.push({ text: t, bold: this.boldDepth > 0 });
    if (this.anchor) this.anchor.text += t;
  }

  openTag(name: string, href: string | undefined): void {
    this.closeImplied(name);
    if (name === 'a') this.closeTo('a'); // links do not nest
    if (name === 'br') {
      if (this.skipDepth === 0) this.flush();
      return;
    }
    this.blockEdge(name);
    if (VOID.has(name)) {
      this.blockEdge(name);
      return;
    }
    this.push(name);
    if (name === 'a' && href && this.skipDepth === 0) this.startAnchor(href);
  }

  closeTag(name: string): void {
    if (name === 'br') this.openTag('br', undefined); // </br> is read as <br>
    else if (!this.closeTo(name) && name === 'p') this.blockEdge('p'); // a stray </p> still ends a paragraph
  }

  /** Closes what is still open and returns the lines, their links' text collapsed. */
  finish(): VLine[] {
    while (this.stack.length) this.pop();
    this.flush();
    for (const l of this.lines) for (const a of l.anchors) a.text = collapse(a.text);
    return this.lines;
  }

  private flush(): void {
    if (!this.segs.length) return;
    const text = collapse(this.segs.map((s) => s.text).join(''));
    if (text) this.lines.push(lineOf(this.segs, text, this.lineBlock, this.anchors));
    this.segs = [];
    this.anchors = [];
  }

  /** A block element's start or end ends the line, outside skipped content. */
  private blockEdge(name: string): void {
    if (this.skipDepth === 0 && BLOCK.has(name)) {
      this.flush();
      this.block++;
    }
  }

  private startAnchor(href: string): void {
    this.anchor = { text: '', href };
    if (!this.segs.length) this.lineBlock = this.block;
    this.anchors.push(this.anchor);
  }

  /** HTML's implied end tags: an opening tag closes the current elements it implies. */
  private closeImplied(name: string): void {
    const implied = IMPLIES_CLOSE.get(name);
    while (implied && this.stack.length && implied.has(this.stack[this.stack.length - 1])) this.pop();
  }

  private push(name: string): void {
    this.stack.push(name);
    this.anchorsBefore.push(this.anchor);
    this.openCount.set(name, (this.openCount.get(name) ?? 0) + 1);
    if (SKIP.has(name)) this.skipDepth++;
    if (BOLD.has(name)) this.boldDepth++;
  }

  private pop(): void {
    const name = this.stack.pop()!;
    const before = this.anchorsBefore.pop()!;
    this.openCount.set(name, this.openCount.get(name)! - 1);
    if (SKIP.has(name)) this.skipDepth--;
    if (BOLD.has(name)) this.boldDepth--;
    if (name === 'a') this.anchor = before;
    this.blockEdge(name);
  }

  /** Pops down to the innermost open `name`; false, in O(1), when none is open. */
  private closeTo(name: string): boolean {
    if (!this.openCount.get(name)) return false;
    while (this.stack.length && this.stack[this.stack.length - 1] !== name) this.pop();
    this.pop();
    return true;
  }
}

/** Lower-cased tag names, one string per distinct name (bounded): a million open <div> then hold one string, not a million. */
function tagNames(): (raw: string) => string {
  const names = new Map<string, string>();
  return (raw) => {
    const known = names.get(raw);
    if (known !== undefined) return known;
    const name = raw.toLowerCase();
    if (names.size < 1000) names.set(raw, name);
    return name;
  };
}

/** The tokenizer's callbacks: text and tags go to the walker; of the attributes only the first href is kept. */
function tokenHandlers(html: string, walker: LineWalker): TokenizerCallbacks {
  const tagNameOf = tagNames();
  let tagName = '';
  let attrName = '';
  let attrValue = '';
  let href: string | undefined;
  const slice = (start: number, end: number) => html.slice(start, end);
  const none = () => undefined;
  return {
    ontext: (start, end) => walker.text(slice(start, end)),
    ontextentity: (cp) => walker.text(String.fromCodePoint(cp)),
    onopentagname: (start, end) => {
      tagName = tagNameOf(slice(start, end));
      href = undefined;
    },
    onattribname: (start, end) => {
      attrName = slice(start, end).toLowerCase();
      attrValue = '';
    },
    onattribdata: (start, end) => {
      attrValue += slice(start, end);
    },
    onattribentity: (cp) => {
      attrValue += String.fromCodePoint(cp);
    },
    onattribend: () => {
      if (attrName === 'href' && href === undefined) href = attrValue;
    },
    onopentagend: () => walker.openTag(tagName, href),
    onselfclosingtag: () => walker.openTag(tagName, href), // HTML ignores the slash
    onclosetag: (start, end) => walker.closeTag(tagNameOf(slice(start, end))),
    oncdata: none,
    oncomment: none,
    ondeclaration: none,
    onprocessinginstruction: none,
    onend: none,
  };
}
