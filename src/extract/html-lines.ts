// An HTML page as the visible lines a reader sees, in one pass over the bytes.
//
// No DOM and no recursion: htmlparser2's tokenizer (linear) feeds an open-element stack kept here
// (top at the end, a count per tag name), because both DOM parsers cost more than linear on hostile
// pages: parse5 scans the whole stack for scope checks on every tag (a million unclosed <div> ran
// for minutes) and htmlparser2's parser unshifts onto its stack; a recursive walk overflows the
// stack on 100,000 nested elements. A closing tag without an open element of its name is ignored
// in O(1); one with an open element pops down to it, so every element is popped once.
import { Tokenizer } from 'htmlparser2';

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
  const lines: VLine[] = [];
  let segs: { text: string; bold: boolean }[] = [];
  let anchors: Anchor[] = [];
  let block = 0;
  let lineBlock = 0;
  // The open elements, as two parallel arrays (no object per element: a million open <div> stay cheap):
  // the tag name, and the anchor that was current before it (restored when it closes).
  const stack: string[] = [];
  const anchorsBefore: (Anchor | null)[] = [];
  const openCount = new Map<string, number>();
  let boldDepth = 0;
  let skipDepth = 0;
  let anchor: Anchor | null = null;

  const flush = () => {
    if (!segs.length) return;
    const text = collapse(segs.map((s) => s.text).join(''));
    if (text) {
      let all = 0;
      let bold = 0;
      for (const s of segs) {
        const n = s.text.replace(/[\s\u00a0]/g, '').length;
        all += n;
        if (s.bold) bold += n;
      }
      lines.push({ text, bold: all ? bold / all : 0, block: lineBlock, anchors: anchors.filter((a) => a.text) });
    }
    segs = [];
    anchors = [];
  };
  const text = (t: string) => {
    if (skipDepth > 0 || t === '') return;
    if (!segs.length) lineBlock = block;
    segs.push({ text: t, bold: boldDepth > 0 });
    if (anchor) anchor.text += t;
  };
  const blockEdge = (name: string) => {
    if (skipDepth === 0 && BLOCK.has(name)) {
      flush();
      block++;
    }
  };

  const close = () => {
    const name = stack.pop()!;
    const before = anchorsBefore.pop()!;
    openCount.set(name, openCount.get(name)! - 1);
    if (SKIP.has(name)) skipDepth--;
    if (BOLD.has(name)) boldDepth--;
    if (name === 'a') anchor = before;
    blockEdge(name);
  };
  const closeTo = (name: string) => {
    if (!openCount.get(name)) return false;
    while (stack.length && stack[stack.length - 1] !== name) close();
    close();
    return true;
  };
  const open = (name: string, href: string | undefined) => {
    const implied = IMPLIES_CLOSE.get(name);
    while (implied && stack.length && implied.has(stack[stack.length - 1])) close();
    if (name === 'a') closeTo('a'); // links do not nest
    if (name === 'br') {
      if (skipDepth === 0) flush();
      return;
    }
    blockEdge(name);
    if (VOID.has(name)) {
      blockEdge(name);
      return;
    }
    stack.push(name);
    anchorsBefore.push(anchor);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (SKIP.has(name)) skipDepth++;
    if (BOLD.has(name)) boldDepth++;
    if (name === 'a' && href && skipDepth === 0) {
      anchor = { text: '', href };
      if (!segs.length) lineBlock = block;
      anchors.push(anchor);
    }
  };

  // One string per distinct tag name (bounded): a million open <div> then hold one string, not a million.
  const names = new Map<string, string>();
  const tagNameOf = (raw: string): string => {
    const known = names.get(raw);
    if (known !== undefined) return known;
    const name = raw.toLowerCase();
    if (names.size < 1000) names.set(raw, name);
    return name;
  };
  let tagName = '';
  let attrName = '';
  let attrValue = '';
  let href: string | undefined;
  const slice = (start: number, end: number) => html.slice(start, end);
  const tokenizer = new Tokenizer({ decodeEntities: true }, {
    ontext: (start, end) => text(slice(start, end)),
    ontextentity: (cp) => text(String.fromCodePoint(cp)),
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
    onopentagend: () => open(tagName, href),
    onselfclosingtag: () => open(tagName, href), // HTML ignores the slash
    onclosetag: (start, end) => {
      const name = slice(start, end).toLowerCase();
      if (name === 'br') open('br', undefined); // </br> is read as <br>
      else if (!closeTo(name) && name === 'p') blockEdge('p'); // a stray </p> still ends a paragraph
    },
    oncdata: () => undefined,
    oncomment: () => undefined,
    ondeclaration: () => undefined,
    onprocessinginstruction: () => undefined,
    onend: () => undefined,
  });
  tokenizer.write(html);
  tokenizer.end();
  while (stack.length) close();
  flush();
  for (const l of lines) for (const a of l.anchors) a.text = collapse(a.text);
  return lines;
}
