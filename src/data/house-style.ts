// Phrases of the NRW house style: facts about how Drucksachen are printed.
// Parser logic reads these patterns; no sample-specific values belong here.

/** The parliament's name as printed in the page header. */
export const PARLIAMENT_HEADER = /^LANDTAG\s+NORDRHEIN-WESTFALEN\b/i;

/** Running header from page 2 on: "LANDTAG NORDRHEIN-WESTFALEN - 18. Wahlperiode Drucksache 18/14087". */
export const RUNNING_HEADER = /^LANDTAG\s+NORDRHEIN-WESTFALEN\s*[-–]\s*\d+\.\s*Wahlperiode\b.*$/i;

/** A page number alone on a line ("2", "- 2 -", "Seite 2", "Seite 2 von 5"). */
export const PAGE_NUMBER = /^\s*(?:[-–]\s*)?(?:Seite\s+)?\d{1,4}(?:\s+von\s+\d{1,4})?(?:\s*[-–])?\s*$/i;

/** Archive notice at the foot of page 1. */
export const ARCHIVE_NOTICE = /Datum\s+des\s+Originals:\s*(\S+?)\s*\/\s*Ausgegeben:\s*(\S+)(?:\s*\(([^)]*)\))?/i;

/** Other lines that are page furniture wherever they stand. */
export const FURNITURE_LINES: RegExp[] = [
  /^Die Veröffentlichungen des Landtags Nordrhein-Westfalen sind fortlaufend\b/i,
  /^Einzeldrucke sind beim Landtag\b/i,
];

/**
 * The answer's opening sentence: "Der Minister für … hat die Kleine Anfrage 3761 mit Schreiben vom
 * 7. Juli 2020 namens der Landesregierung [im Einvernehmen mit …] beantwortet." Groups: 1 article,
 * 2 role as written, 3 number of the Anfrage, 4 letter date, 5 the rest up to "beantwortet".
 */
export const ANSWERER_SENTENCE = /(?:^|[.:]\s+|\s)(Der|Die)\s+((?:[A-ZÄÖÜ][\wäöüß-]*|Chef(?:in)?\s+der)\b[^.]{0,240}?)\s+hat\s+(?:die\s+)?(?:Kleine|Große|Grosse)\s+Anfrage\s+(\d+)\s+mit\s+Schreiben\s+vom\s+(\d{1,2}\.\s*(?:\d{1,2}\.\s?\d{2,4}|[A-Za-zäÄöÖüÜ]+\s+\d{4}))([^]*?)\s+beantwortet\b/;

/**
 * "Anlage 4 zu Frage 9 …" as a heading line: not one quoted inside a question ("… vgl. / Anlage 2 zu Frage 3
 * auf Drucksache 20/7958):"), whose line closes a bracket it did not open.
 */
export function isAnlageToHeading(line: string): boolean {
  return HEADINGS.anlageTo.test(line) && !line.replace(/\([^()]*\)/g, '').includes(')');
}

/** Headings of the document's parts. */
export const HEADINGS = {
  preliminaryQuestion: /^Vorbemerkung\s+(?:der|zur)\s+(?:Kleinen|Großen|Grossen)\s+Anfrage\b/i,
  preliminaryAnswer: /^Vorbemerkung\s+der\s+Landesregierung\b/i,
  anlage: /^Anlagen?(?:\s+\d+)?\s*:?\s*$/i,
  /**
   * An Anlage printed for one answer ("Anlage 4 zu Frage 9 …"): it may stand between two answers, so it does
   * not end the questions, but the rows and lists in it are no questions.
   */
  anlageTo: /^Anlage\s+\d+\s+zu(?:r|\s+den)?\s+(?:Fragen?|Antwort)\b/i,
  /** The sentence that opens the list of questions in a question paper. */
  questionIntro: /\b(?:frage(?:n)?\s+(?:ich|wir)|(?:ich|wir)\s+frage(?:n)?)\s+die\s+Landesregierung\s*:?\s*$/i,
};

/**
 * "Die Fragen 3 und 4 werden … gemeinsam beantwortet", "Die Fragen 1 bis 3 …", "Fragen 1, 2 und 5",
 * sub-questions "Die Fragen 1 bis 1c …", "Die Fragen 3a bis 3f …", and "zusammen", "im (Sach-)Zusammenhang".
 */
export const JOINT_ANSWER = /^\s*Die\s+Fragen\s+((?:\d+[a-z]?\)?(?:\s*,\s*|\s+(?:und|bis|sowie)\s+|\s*[–-]\s*))*\d+[a-z]?\)?)\s+werden\b[^.]{0,120}?\b(?:gemeinsam|zusammen|zusammenhängend|zusammenfassend|im\s+(?:Sach)?[Zz]usammenhang)\b[^.]{0,40}?beantwortet/i;

/** Marks in X-matrices. */
export const MATRIX_MARKS = /^(?:[Xx×✓✔●•☒✗✘]|ja)$/;

/** Rows that hold a column total. */
export const TOTAL_ROW = /^(?:Summe|Gesamt|Insgesamt|Gesamtsumme|Summe\s+gesamt)\b/i;

/** Placeholders for "no value" in count tables. */
export const NO_VALUE = /^(?:-|–|—|k\.\s?A\.?|n\.\s?v\.?|\/)$/i;

/**
 * Phrases by which an answer withholds information (all or in part): a refusal
 * with reasons ("aus Gründen der IT-Sicherheit nicht bekannt gegeben werden").
 */
export const WITHHELD: RegExp[] = [
  /\bnicht\s+(?:öffentlich\s+)?(?:beantwortet|bekannt\s?gegeben|mitgeteilt|offengelegt|offenbart|veröffentlicht|benannt|genannt)\s+werden\b/i,
  /\bvon\s+einer\s+(?:weiteren\s+|weitergehenden\s+|inhaltlichen\s+)?Beantwortung\b[^.]{0,80}\babgesehen\b/i,
  /\bsieht\b[^.]{0,80}\bvon\s+einer\s+(?:weiteren\s+)?Beantwortung\b[^.]{0,40}\bab\b/i,
  /\bBeantwortung\b[^.]{0,60}\b(?:ist|wäre)\s+nicht\s+möglich\b/i,
  /\bVerschlusssache\b|\bGeheimschutzstelle\b/i,
];

/** Phrases by which an answer says that the data does not exist or is not collected. */
export const NO_DATA: RegExp[] = [
  /\bliegen\b[^.]{0,60}\bkeine\s+(?:\w+\s+)?(?:Erkenntnisse|Daten|Informationen|Angaben|Aufzeichnungen|Statistiken|Zahlen)\s+vor\b/i,
  /\bkeine\s+(?:\w+\s+)?(?:Erkenntnisse|Daten|Informationen|Angaben|Aufzeichnungen|Statistiken|Zahlen)\s+vor\b/i,
  /\bwerden\s+(?:statistisch\s+|zentral\s+|landesweit\s+)?nicht\s+(?:statistisch\s+|zentral\s+|gesondert\s+)?(?:erfasst|erhoben)\b/i,
  /\b(?:systematische|statistische|zentrale|gesonderte)\s+Erfassung\b[^.]{0,60}\bnicht\b/i,
];
