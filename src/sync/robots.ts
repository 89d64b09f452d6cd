// robots.txt, read once per server and honoured: the group for our product
// token ("drucksachen") or else "*"; Allow / Disallow by the longest matching
// rule (RFC 9309), with "*" and "$" in rules.

export interface Robots {
  allowed(path: string): boolean;
}

interface Rule {
  allow: boolean;
  pattern: string;
  re: RegExp;
}

const ALL: Robots = { allowed: () => true };

/** Parse robots.txt text for the user-agent token `agent` (lower case). */
export function parseRobots(text: string, agent = 'drucksachen'): Robots {
  const groups: { agents: string[]; rules: Rule[] }[] = [];
  let current: { agents: string[]; rules: Rule[] } | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n|\r/)) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const value = m[2].trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current || (key !== 'allow' && key !== 'disallow')) continue;
    if (key === 'disallow' && value === '') continue; // "Disallow:" allows everything
    current.rules.push({ allow: key === 'allow', pattern: value, re: ruleRegExp(value) });
  }
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && agent.startsWith(a.split('/')[0])));
  const chosen = mine.length ? mine : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  if (!rules.length) return ALL;
  return {
    allowed(path: string): boolean {
      let best: Rule | null = null;
      for (const r of rules) {
        if (!r.re.test(path)) continue;
        if (!best || r.pattern.length > best.pattern.length || (r.pattern.length === best.pattern.length && r.allow)) best = r;
      }
      return best?.allow ?? true;
    },
  };
}

/** A rule as an anchored prefix pattern: "*" any characters, "$" the end. */
function ruleRegExp(rule: string): RegExp {
  const end = rule.endsWith('$');
  const body = (end ? rule.slice(0, -1) : rule).split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}${end ? '$' : ''}`);
}

/** robots.txt of a server: none (4xx) allows everything; a server error is reported (RFC 9309: assume disallowed). */
export function robotsFromAnswer(status: number, text: string): Robots | { error: string } {
  if (status >= 200 && status < 300) return parseRobots(text);
  if (status >= 400 && status < 500) return ALL;
  return { error: `robots.txt answered HTTP ${status}` };
}
