import { Parser } from 'htmlparser2';
import { readFileSync } from 'node:fs';
for (const f of ['unclosed.html','nested.html']) {
  const s = readFileSync('/tmp/hb/in/'+f,'utf8');
  let t = Date.now(); let n=0;
  const p = new Parser({ onopentag(){n++}, onclosetag(){}, ontext(){} }, { decodeEntities: true });
  p.write(s); p.end();
  console.log(f, n, Date.now()-t, 'ms');
}
