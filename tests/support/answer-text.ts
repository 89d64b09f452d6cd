// The opening of an answer in the NRW house style, for tests that build text
// inputs: header block, title and the answerer's sentence.
export function answerHead(n: number, answerer = 'Der Minister der Finanzen'): string {
  return `Antwort

der Landesregierung

auf die Kleine Anfrage ${n} vom 1. Januar 2024
der Abgeordneten Eva Eins AfD
Drucksache 18/${n}

Titel

${answerer} hat die Kleine Anfrage ${n} mit Schreiben vom 2. Januar 2024 namens der Landesregierung beantwortet.
`;
}
