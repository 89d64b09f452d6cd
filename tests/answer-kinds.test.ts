// Answers that withhold information or say there is no data, with the sentence that shows it.
import { describe, expect, it } from 'vitest';
import { markAnswer } from '../src/transform/answer-kinds.js';

const mark = (text: string) => {
  const a = markAnswer({ questions: [1], text, page: 1, pageEnd: 1 });
  return [a.withheld ?? null, a.noData ?? null];
};

describe('answer kinds', () => {
  it.each([
    ['Die Angaben können aus Gründen der IT-Sicherheit nicht bekannt gegeben werden. Im Übrigen gilt Folgendes.', 'Die Angaben können aus Gründen der IT-Sicherheit nicht bekannt gegeben werden.', null],
    ['Die Landesregierung sieht aus Gründen des Datenschutzes von einer Beantwortung ab.', 'Die Landesregierung sieht aus Gründen des Datenschutzes von einer Beantwortung ab.', null],
    ['Von einer weiteren Beantwortung wird abgesehen, da Ermittlungen laufen.', 'Von einer weiteren Beantwortung wird abgesehen, da Ermittlungen laufen.', null],
    ['Der Landesregierung liegen hierzu keine Erkenntnisse vor.', null, 'Der Landesregierung liegen hierzu keine Erkenntnisse vor.'],
    ['Diese Daten werden statistisch nicht erfasst.', null, 'Diese Daten werden statistisch nicht erfasst.'],
    ['Eine systematische Erfassung der Anzahl der Anfragen erfolgte nicht.', null, 'Eine systematische Erfassung der Anzahl der Anfragen erfolgte nicht.'],
    ['Im Jahr 2023 wurden 52.413 Arbeitsplätze ausgestattet. Alle Anfragen wurden beantwortet.', null, null],
  ])('%s', (text, withheld, noData) => expect(mark(text)).toEqual([withheld, noData]));
});
