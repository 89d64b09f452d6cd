-- The contract views (../shared/CONTRACT.md): stable names and columns.
-- Recreated on every open, so a new parser version can change them safely.

DROP VIEW IF EXISTS v_documents;
CREATE VIEW v_documents AS
SELECT s.path AS source_path, s.sha256 AS source_sha256, s.status, s.error,
       d.drucksache, d.wahlperiode, d.doc_type, d.neudruck, d.title, d.date, d.date_original,
       d.date_issued, d.ka_number, d.ka_date, d.ka_drucksache, d.answered_by, d.letter_date,
       d.version, d.is_current, s.kind, s.pages, s.parser_version, d.parliament, b.name AS ministry,
       s.error_code
FROM sources s LEFT JOIN documents d ON d.source_id = s.id LEFT JOIN bodies b ON b.id = d.ministry_id;

DROP VIEW IF EXISTS v_askers;
CREATE VIEW v_askers AS
SELECT s.sha256 AS source_sha256, d.drucksache, a.ord, p.name, f.name AS faction, d.is_current
FROM askers a
JOIN documents d ON d.id = a.document_id
JOIN sources s ON s.id = d.source_id
JOIN persons p ON p.id = a.person_id
LEFT JOIN factions f ON f.id = a.faction_id;

DROP VIEW IF EXISTS v_questions;
CREATE VIEW v_questions AS
SELECT s.sha256 AS source_sha256, d.drucksache, q.number, q.text, q.page, d.is_current
FROM questions q JOIN documents d ON d.id = q.document_id JOIN sources s ON s.id = d.source_id;

DROP VIEW IF EXISTS v_answers;
CREATE VIEW v_answers AS
SELECT s.sha256 AS source_sha256, d.drucksache, a.ord AS answer_ord,
       COALESCE(a.question_numbers, (SELECT group_concat(number, ',') FROM (
          SELECT q.number FROM answer_questions aq JOIN questions q ON q.id = aq.question_id
          WHERE aq.answer_id = a.id ORDER BY q.number))) AS question_numbers,
       a.text, a.page_start, a.page_end, a.withheld, a.no_data, d.is_current
FROM answers a JOIN documents d ON d.id = a.document_id JOIN sources s ON s.id = d.source_id;

-- How long the Landesregierung took: from the date of the Kleine Anfrage to the
-- letter that answered it (the Geschäftsordnung allows four weeks), and whether
-- any answer withheld information or said there is no data.
DROP VIEW IF EXISTS v_answer_timing;
CREATE VIEW v_answer_timing AS
SELECT s.sha256 AS source_sha256, d.drucksache, d.is_current, d.doc_type, d.ka_number, d.ka_drucksache,
       d.ka_date, d.letter_date, b.name AS ministry,
       CAST(julianday(d.letter_date) - julianday(d.ka_date) AS INTEGER) AS days,
       CASE WHEN d.letter_date IS NULL OR d.ka_date IS NULL THEN NULL
            WHEN julianday(d.letter_date) - julianday(d.ka_date) > 28 THEN 1 ELSE 0 END AS over_four_weeks,
       (SELECT count(*) FROM answers a WHERE a.document_id = d.id AND a.withheld IS NOT NULL) AS answers_withholding,
       (SELECT count(*) FROM answers a WHERE a.document_id = d.id AND a.no_data IS NOT NULL) AS answers_without_data
FROM documents d JOIN sources s ON s.id = d.source_id LEFT JOIN bodies b ON b.id = d.ministry_id
WHERE d.doc_type IN ('antwort_kleine_anfrage', 'antwort_grosse_anfrage');

DROP VIEW IF EXISTS v_tables;
CREATE VIEW v_tables AS
SELECT s.sha256 AS source_sha256, d.drucksache, t.ord AS table_ord, t.kind, t.page_start, t.page_end,
       t.n_rows, t.n_cols, t.question_numbers, t.strategy, t.anlage,
       (SELECT group_concat(w.text, ' | ') FROM table_warnings w WHERE w.table_id = t.id) AS warnings, d.is_current
FROM tables t JOIN documents d ON d.id = t.document_id JOIN sources s ON s.id = d.source_id;

DROP VIEW IF EXISTS v_table_cells;
CREATE VIEW v_table_cells AS
SELECT s.sha256 AS source_sha256, d.drucksache, t.ord AS table_ord, c.row, c.col, c.text, c.is_header,
       c.row_span, c.col_span, c.page, c.x0, c.y0, c.x1, c.y1, d.is_current
FROM cells c JOIN tables t ON t.id = c.table_id JOIN documents d ON d.id = t.document_id
JOIN sources s ON s.id = d.source_id;

DROP VIEW IF EXISTS v_count_values;
CREATE VIEW v_count_values AS
SELECT s.sha256 AS source_sha256, d.drucksache, t.ord AS table_ord, rl.text AS row_label,
       cl.text AS col_label,
       CASE WHEN c.value = CAST(c.value AS INTEGER) THEN CAST(c.value AS INTEGER) ELSE c.value END AS value,
       c.text AS value_text, c.unit, c.page, d.is_current
FROM cells c
JOIN tables t ON t.id = c.table_id AND t.kind = 'count'
JOIN documents d ON d.id = t.document_id JOIN sources s ON s.id = d.source_id
JOIN table_rows tr ON tr.table_id = t.id AND tr.row = c.row
JOIN table_cols tc ON tc.table_id = t.id AND tc.col = c.col
LEFT JOIN labels rl ON rl.id = tr.label_id
LEFT JOIN labels cl ON cl.id = tc.label_id
WHERE c.row >= t.header_rows AND c.col >= t.label_cols AND c.text IS NOT NULL;

DROP VIEW IF EXISTS v_matrix_marks;
CREATE VIEW v_matrix_marks AS
SELECT s.sha256 AS source_sha256, d.drucksache, t.ord AS table_ord, rl.text AS row_label,
       cl.text AS col_label, c.mark, c.page, d.is_current
FROM cells c
JOIN tables t ON t.id = c.table_id AND t.kind = 'matrix'
JOIN documents d ON d.id = t.document_id JOIN sources s ON s.id = d.source_id
JOIN table_rows tr ON tr.table_id = t.id AND tr.row = c.row
JOIN table_cols tc ON tc.table_id = t.id AND tc.col = c.col
LEFT JOIN labels rl ON rl.id = tr.label_id
LEFT JOIN labels cl ON cl.id = tc.label_id
WHERE c.mark IS NOT NULL;

DROP VIEW IF EXISTS v_footnotes;
CREATE VIEW v_footnotes AS
SELECT s.sha256 AS source_sha256, d.drucksache, f.marker, f.text, f.page, d.is_current
FROM footnotes f JOIN documents d ON d.id = f.document_id JOIN sources s ON s.id = d.source_id;

DROP VIEW IF EXISTS v_table_notes;
CREATE VIEW v_table_notes AS
SELECT s.sha256 AS source_sha256, d.drucksache, t.ord AS table_ord, n.marker, n.text, d.is_current
FROM table_notes n JOIN tables t ON t.id = n.table_id JOIN documents d ON d.id = t.document_id
JOIN sources s ON s.id = d.source_id;

DROP VIEW IF EXISTS v_portal_entries;
CREATE VIEW v_portal_entries AS
SELECT s.sha256 AS source_sha256, e.drucksache, e.doc_type, e.title, e.date, e.pages, e.ka_number,
       e.ka_drucksache, e.ministry, e.neudruck, e.systematik, e.schlagworte, e.region,
       (SELECT group_concat(x, '; ') FROM (
          SELECT p.name || CASE WHEN f.name IS NULL THEN '' ELSE ' (' || f.name || ')' END AS x
          FROM portal_askers pa JOIN persons p ON p.id = pa.person_id
          LEFT JOIN factions f ON f.id = pa.faction_id
          WHERE pa.entry_id = e.id ORDER BY pa.ord)) AS askers,
       -- the entry of the latest loaded portal page for this Drucksache is current
       CASE WHEN EXISTS (SELECT 1 FROM portal_entries e2 WHERE e2.drucksache = e.drucksache AND e2.source_id > e.source_id)
            THEN 0 ELSE 1 END AS is_current
FROM portal_entries e JOIN sources s ON s.id = e.source_id;

-- Per table label (tool, body, …) of a document: its value in count tables and
-- the number of matrix marks it has as a column or as a row. One join answers
-- "how many seats and how many bodies per tool". count_total adds up only plain
-- counts: cells of count tables with one value column, without a unit (%, €);
-- count_columns says how many such tables gave the label a value.
DROP VIEW IF EXISTS v_label_usage;
CREATE VIEW v_label_usage AS
SELECT s.sha256 AS source_sha256, d.drucksache, d.is_current, l.text AS label,
       (SELECT CASE WHEN sum(c.value) = CAST(sum(c.value) AS INTEGER) THEN CAST(sum(c.value) AS INTEGER) ELSE sum(c.value) END
          FROM table_rows tr JOIN tables t ON t.id = tr.table_id AND t.kind = 'count'
          AND t.n_cols - t.label_cols = 1
          JOIN cells c ON c.table_id = t.id AND c.row = tr.row AND c.col >= t.label_cols AND c.unit IS NULL
          WHERE tr.label_id = l.id) AS count_total,
       (SELECT count(DISTINCT t.id) FROM table_rows tr JOIN tables t ON t.id = tr.table_id AND t.kind = 'count'
          AND t.n_cols - t.label_cols = 1
          JOIN cells c ON c.table_id = t.id AND c.row = tr.row AND c.col >= t.label_cols AND c.value IS NOT NULL
          WHERE tr.label_id = l.id) AS count_tables,
       (SELECT count(*) FROM table_cols tc JOIN tables t ON t.id = tc.table_id AND t.kind = 'matrix'
          JOIN cells c ON c.table_id = t.id AND c.col = tc.col AND c.mark IS NOT NULL
          WHERE tc.label_id = l.id) AS marks_as_column,
       (SELECT count(*) FROM table_rows tr JOIN tables t ON t.id = tr.table_id AND t.kind = 'matrix'
          JOIN cells c ON c.table_id = t.id AND c.row = tr.row AND c.mark IS NOT NULL
          WHERE tr.label_id = l.id) AS marks_as_row
FROM labels l JOIN documents d ON d.id = l.document_id JOIN sources s ON s.id = d.source_id;

-- Documents with the same Drucksache loaded from several sources (versions).
DROP VIEW IF EXISTS v_document_versions;
CREATE VIEW v_document_versions AS
SELECT d.drucksache, d.version, d.is_current, d.neudruck, s.sha256 AS source_sha256, s.path AS source_path,
       s.loaded_at, d.parliament
FROM documents d JOIN sources s ON s.id = d.source_id
WHERE d.drucksache IS NOT NULL;

DROP VIEW IF EXISTS v_references;
CREATE VIEW v_references AS
SELECT s.sha256 AS source_sha256, d.drucksache, r.kind, r.target, r.context, d.is_current
FROM doc_references r JOIN documents d ON d.id = r.document_id JOIN sources s ON s.id = d.source_id;

DROP VIEW IF EXISTS v_source_conflicts;
CREATE VIEW v_source_conflicts AS
SELECT d.drucksache, sc.field, sc.document_value, sc.portal_value, sd.sha256 AS document_sha256,
       sp.sha256 AS portal_sha256, d.is_current
FROM source_conflicts sc
JOIN documents d ON d.id = sc.document_id JOIN sources sd ON sd.id = d.source_id
JOIN portal_entries e ON e.id = sc.entry_id JOIN sources sp ON sp.id = e.source_id;

-- What changed between consecutive versions of a Drucksache (see
-- v_document_versions): per pair (old_version → new_version) one row per
-- question (key: its number), answer (key: its question numbers "3,4", or
-- "#ord" without), table cell (key: "table_ord:row:col") and metadata field
-- (key: the field) that was added, removed or changed, with old and new text.
DROP VIEW IF EXISTS v_document_changes;
CREATE VIEW v_document_changes AS
WITH pairs AS (
  SELECT o.drucksache, o.id AS old_id, n.id AS new_id, o.version AS old_version, n.version AS new_version,
         so.sha256 AS old_sha256, sn.sha256 AS new_sha256, n.is_current
  FROM documents o
  JOIN documents n ON n.drucksache = o.drucksache AND n.version = o.version + 1
    AND COALESCE(n.parliament, '') = COALESCE(o.parliament, '')
  JOIN sources so ON so.id = o.source_id
  JOIN sources sn ON sn.id = n.source_id
),
items AS (
  SELECT 'question' AS item, q.document_id, CAST(q.number AS TEXT) AS key, q.text, 1 AS kind_ord, q.number AS o1, 0 AS o2, 0 AS o3
  FROM questions q
  UNION ALL
  SELECT 'answer', a.document_id,
         COALESCE((SELECT group_concat(number, ',') FROM (
                     SELECT q.number FROM answer_questions aq JOIN questions q ON q.id = aq.question_id
                     WHERE aq.answer_id = a.id ORDER BY q.number)), '#' || a.ord),
         a.text, 2, a.ord, 0, 0
  FROM answers a
  UNION ALL
  SELECT 'cell', t.document_id, t.ord || ':' || c.row || ':' || c.col, c.text, 3, t.ord, c.row, c.col
  FROM cells c JOIN tables t ON t.id = c.table_id
  UNION ALL
  SELECT 'footnote', f.document_id, f.marker, f.text, 4, f.ord, 0, 0
  FROM footnotes f
  UNION ALL
  SELECT 'meta', d.id, f.key,
         CASE f.key WHEN 'title' THEN d.title WHEN 'date' THEN d.date WHEN 'date_issued' THEN d.date_issued
                    WHEN 'neudruck' THEN CAST(d.neudruck AS TEXT) WHEN 'answered_by' THEN d.answered_by
                    WHEN 'letter_date' THEN d.letter_date WHEN 'doc_type' THEN d.doc_type END,
         0, f.ord, 0, 0
  FROM documents d
  JOIN (SELECT 'doc_type' AS key, 1 AS ord UNION ALL SELECT 'neudruck', 2 UNION ALL SELECT 'title', 3
        UNION ALL SELECT 'date', 4 UNION ALL SELECT 'date_issued', 5 UNION ALL SELECT 'answered_by', 6
        UNION ALL SELECT 'letter_date', 7) f
  WHERE d.drucksache IS NOT NULL
)
SELECT drucksache, old_version, new_version, old_sha256, new_sha256, item, key, change, old_text, new_text, is_current
FROM (
  SELECT p.drucksache, p.old_version, p.new_version, p.old_sha256, p.new_sha256, o.item, o.key,
         CASE WHEN n.key IS NULL THEN 'removed' ELSE 'changed' END AS change, o.text AS old_text, n.text AS new_text,
         p.is_current, o.kind_ord, o.o1, o.o2, o.o3
  FROM pairs p
  JOIN items o ON o.document_id = p.old_id
  LEFT JOIN items n ON n.document_id = p.new_id AND n.item = o.item AND n.key = o.key
  WHERE n.key IS NULL OR n.text IS NOT o.text
  UNION ALL
  SELECT p.drucksache, p.old_version, p.new_version, p.old_sha256, p.new_sha256, n.item, n.key, 'added', NULL, n.text,
         p.is_current, n.kind_ord, n.o1, n.o2, n.o3
  FROM pairs p
  JOIN items n ON n.document_id = p.new_id
  WHERE NOT EXISTS (SELECT 1 FROM items o WHERE o.document_id = p.old_id AND o.item = n.item AND o.key = n.key)
)
ORDER BY drucksache, old_version, kind_ord, o1, o2, o3;

DROP VIEW IF EXISTS v_document_enrichments;
CREATE VIEW v_document_enrichments AS
SELECT d.drucksache, en.field, en.value, sd.sha256 AS document_sha256, sp.sha256 AS portal_sha256, d.is_current
FROM document_enrichments en
JOIN documents d ON d.id = en.document_id JOIN sources sd ON sd.id = d.source_id
JOIN portal_entries e ON e.id = en.entry_id JOIN sources sp ON sp.id = e.source_id;

-- Who concurred with an answer ("im Einvernehmen mit …"), in order.
DROP VIEW IF EXISTS v_concurring;
CREATE VIEW v_concurring AS
SELECT s.sha256 AS source_sha256, d.drucksache, c.ord, b.name AS party, d.is_current
FROM concurring c JOIN documents d ON d.id = c.document_id JOIN sources s ON s.id = d.source_id
JOIN bodies b ON b.id = c.body_id;

-- Every ministry named by a document or the data file, with its short code and
-- its name in force after the renames of later Wahlperioden (to group across them).
DROP VIEW IF EXISTS v_ministries;
CREATE VIEW v_ministries AS
WITH RECURSIVE names(name) AS (
  SELECT name FROM bodies UNION SELECT name FROM body_codes UNION SELECT from_name FROM body_renames
), chain(start, name, depth) AS (
  SELECT name, name, 0 FROM names
  UNION ALL
  SELECT c.start, r.to_name, c.depth + 1 FROM chain c JOIN body_renames r ON r.from_name = c.name WHERE c.depth < 20
)
SELECT n.name, (SELECT code FROM body_codes WHERE name = n.name) AS code,
       (SELECT c.name FROM chain c WHERE c.start = n.name ORDER BY c.depth DESC LIMIT 1) AS current_name
FROM names n
-- Concurring parties ("allen übrigen Mitgliedern der Landesregierung") are bodies, not ministries.
WHERE n.name LIKE 'Ministerium %' OR n.name = 'Staatskanzlei' OR n.name IN (SELECT name FROM body_codes);

-- The current version only: one row per Drucksache (and per its parts), no
-- duplicates from older versions. Documents without a Drucksache number are
-- current too (they have no versions); failed inputs are only in v_documents.
DROP VIEW IF EXISTS v_current_documents;
CREATE VIEW v_current_documents AS SELECT * FROM v_documents WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_askers;
CREATE VIEW v_current_askers AS SELECT * FROM v_askers WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_questions;
CREATE VIEW v_current_questions AS SELECT * FROM v_questions WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_answers;
CREATE VIEW v_current_answers AS SELECT * FROM v_answers WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_answer_timing;
CREATE VIEW v_current_answer_timing AS SELECT * FROM v_answer_timing WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_tables;
CREATE VIEW v_current_tables AS SELECT * FROM v_tables WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_table_cells;
CREATE VIEW v_current_table_cells AS SELECT * FROM v_table_cells WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_count_values;
CREATE VIEW v_current_count_values AS SELECT * FROM v_count_values WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_matrix_marks;
CREATE VIEW v_current_matrix_marks AS SELECT * FROM v_matrix_marks WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_footnotes;
CREATE VIEW v_current_footnotes AS SELECT * FROM v_footnotes WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_table_notes;
CREATE VIEW v_current_table_notes AS SELECT * FROM v_table_notes WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_portal_entries;
CREATE VIEW v_current_portal_entries AS SELECT * FROM v_portal_entries WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_label_usage;
CREATE VIEW v_current_label_usage AS SELECT * FROM v_label_usage WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_references;
CREATE VIEW v_current_references AS SELECT * FROM v_references WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_concurring;
CREATE VIEW v_current_concurring AS SELECT * FROM v_concurring WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_document_enrichments;
CREATE VIEW v_current_document_enrichments AS SELECT * FROM v_document_enrichments WHERE is_current = 1;
DROP VIEW IF EXISTS v_current_source_conflicts;
CREATE VIEW v_current_source_conflicts AS SELECT * FROM v_source_conflicts WHERE is_current = 1;

-- Every parliament the house-style data knows: code (BT, BR, NW, NI, …) and name.
DROP VIEW IF EXISTS v_parliaments;
CREATE VIEW v_parliaments AS SELECT code, name FROM parliaments;
