-- drucksachen: normalised base tables. The contract views (CONTRACT.md) are in
-- src/load/views.sql. Every statement is idempotent (IF NOT EXISTS).

CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One row per run of `ingest`, and per cycle of `watch` that had files to read.
CREATE TABLE IF NOT EXISTS runs (
  id             INTEGER PRIMARY KEY,
  started_at     TEXT NOT NULL,
  ended_at       TEXT,
  command        TEXT NOT NULL,
  parser_version TEXT NOT NULL,
  files_seen     INTEGER NOT NULL DEFAULT 0,
  loaded         INTEGER NOT NULL DEFAULT 0,
  skipped        INTEGER NOT NULL DEFAULT 0,
  failed         INTEGER NOT NULL DEFAULT 0,
  partial        INTEGER NOT NULL DEFAULT 0,
  status         TEXT NOT NULL DEFAULT 'done', -- running, done, interrupted (killed, or stopped early)
  pid            INTEGER,
  host           TEXT,
  jobs           INTEGER
);

-- The writer lock: one row per held lock (name 'writer'). A process takes it
-- before a run and gives it back after; a row left by a process that died is
-- taken over. Two runs on one database therefore never interleave.
CREATE TABLE IF NOT EXISTS locks (
  name         TEXT PRIMARY KEY,
  token        TEXT NOT NULL,
  pid          INTEGER NOT NULL,
  pid_start    TEXT,                   -- start time of that process (Linux), against pid reuse
  host         TEXT NOT NULL,
  command      TEXT,
  run_id       INTEGER,
  acquired_at  TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL
);

-- One row per distinct input (identified by the sha256 of its bytes), failed ones too.
CREATE TABLE IF NOT EXISTS sources (
  id             INTEGER PRIMARY KEY,
  sha256         TEXT NOT NULL UNIQUE,
  path           TEXT NOT NULL,
  size           INTEGER NOT NULL,
  kind           TEXT,                 -- pdf, text, html, or NULL when unknown
  status         TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'failed')),
  error          TEXT,                 -- the reason, for partial and failed
  parser_version TEXT NOT NULL,
  pages          INTEGER,
  loaded_at      TEXT NOT NULL,
  run_id         INTEGER REFERENCES runs(id),
  error_code     TEXT,                 -- stable code of the reason (README "Error codes"); NULL when ok
  attempts       INTEGER,              -- failed with a limit (time, memory): how many reads in a row hit it
  retry_after    TEXT                  -- … and when it may be read again (ISO time; or with --retry-failed)
);

CREATE TABLE IF NOT EXISTS messages (
  id        INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  severity  TEXT NOT NULL,
  stage     TEXT NOT NULL,
  page      INTEGER,
  text      TEXT NOT NULL,
  code      TEXT                      -- stable code (README "Error codes") of every message; NULL only in rows written before codes
);

CREATE TABLE IF NOT EXISTS factions (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS persons (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

-- Ministries and other bodies that answer or concur (Staatskanzlei, …).
CREATE TABLE IF NOT EXISTS bodies (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

-- One row per document read from a source. Several sources can carry the same
-- Drucksache (a Neudruck, a correction): each is a version, the newest is current.
CREATE TABLE IF NOT EXISTS documents (
  id             INTEGER PRIMARY KEY,
  source_id      INTEGER NOT NULL UNIQUE REFERENCES sources(id) ON DELETE CASCADE,
  parliament     TEXT,
  drucksache     TEXT,
  wahlperiode    INTEGER,
  doc_type       TEXT,
  neudruck       INTEGER NOT NULL DEFAULT 0,
  neudruck_date  TEXT,
  title          TEXT,
  date           TEXT,
  date_original  TEXT,
  date_issued    TEXT,
  ka_number      INTEGER,
  ka_date        TEXT,
  ka_drucksache  TEXT,
  answered_by    TEXT,                 -- the role as written, without article
  ministry_id    INTEGER REFERENCES bodies(id),
  letter_date    TEXT,
  preliminary    TEXT,                 -- Vorbemerkung der Landesregierung
  pages          INTEGER,
  version        INTEGER NOT NULL DEFAULT 1,
  is_current     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS documents_drucksache ON documents(drucksache);

CREATE TABLE IF NOT EXISTS askers (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  person_id   INTEGER NOT NULL REFERENCES persons(id),
  faction_id  INTEGER REFERENCES factions(id),
  faction_as_written TEXT,
  PRIMARY KEY (document_id, ord)
);

CREATE TABLE IF NOT EXISTS concurring (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  body_id     INTEGER NOT NULL REFERENCES bodies(id),
  PRIMARY KEY (document_id, ord)
);

CREATE TABLE IF NOT EXISTS questions (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL,
  text        TEXT NOT NULL,
  page        INTEGER,
  UNIQUE (document_id, number)
);

CREATE TABLE IF NOT EXISTS answers (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  text        TEXT NOT NULL,
  page_start  INTEGER,
  page_end    INTEGER,
  question_numbers TEXT,               -- "3,4": the questions the answer belongs to (restated or not)
  withheld    TEXT,                    -- the sentence that withholds information, or NULL
  no_data     TEXT,                    -- the sentence that says there is no data, or NULL
  UNIQUE (document_id, ord)
);

-- One answer can belong to several questions.
CREATE TABLE IF NOT EXISTS answer_questions (
  answer_id   INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
  question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  PRIMARY KEY (answer_id, question_id)
);

CREATE TABLE IF NOT EXISTS footnotes (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  marker      TEXT NOT NULL,
  text        TEXT NOT NULL,
  page        INTEGER
);

CREATE TABLE IF NOT EXISTS doc_references (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,           -- drucksache, vorlage, ausschussprotokoll, kleine_anfrage, …
  target      TEXT NOT NULL,
  context     TEXT,
  PRIMARY KEY (document_id, kind, target)
);

-- The entities behind table labels: the same label in two tables of one
-- document (a tool in the seats table and as a matrix column) is one entity.
CREATE TABLE IF NOT EXISTS labels (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  key         TEXT NOT NULL,           -- casefolded, markers dropped, whitespace collapsed
  text        TEXT NOT NULL,           -- as first printed, markers dropped
  UNIQUE (document_id, key)
);

CREATE TABLE IF NOT EXISTS tables (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('count', 'matrix', 'generic')),
  strategy    TEXT NOT NULL,           -- text-tabs, text-spaces, text-words, lattice, stream
  page_start  INTEGER,
  page_end    INTEGER,
  n_rows      INTEGER NOT NULL,
  n_cols      INTEGER NOT NULL,
  header_rows INTEGER NOT NULL,
  label_cols  INTEGER NOT NULL,
  answer_id   INTEGER REFERENCES answers(id),
  question_numbers TEXT,               -- "3,4": the answer the table stands in
  anlage      INTEGER NOT NULL DEFAULT 0,
  x0 REAL, y0 REAL, x1 REAL, y1 REAL,
  UNIQUE (document_id, ord)
);

-- Rows and columns of a table point at their label entities.
CREATE TABLE IF NOT EXISTS table_rows (
  table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
  row      INTEGER NOT NULL,
  label_id INTEGER REFERENCES labels(id),
  marker   TEXT,
  is_total INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (table_id, row)
);

CREATE TABLE IF NOT EXISTS table_cols (
  table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
  col      INTEGER NOT NULL,
  label_id INTEGER REFERENCES labels(id),
  marker   TEXT,
  PRIMARY KEY (table_id, col)
);

-- Every slot of the grid: text NULL marks a slot spanned by another cell.
CREATE TABLE IF NOT EXISTS cells (
  table_id  INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
  row       INTEGER NOT NULL,
  col       INTEGER NOT NULL,
  text      TEXT,
  is_header INTEGER NOT NULL DEFAULT 0,
  row_span  INTEGER NOT NULL DEFAULT 1,
  col_span  INTEGER NOT NULL DEFAULT 1,
  value     NUMERIC,                   -- count tables: the typed number (whole numbers stored as INTEGER)
  unit      TEXT,
  mark      TEXT,                      -- matrices: the mark (X, ✓, …)
  marker    TEXT,                      -- footnote marker split off the text
  page      INTEGER,
  x0 REAL, y0 REAL, x1 REAL, y1 REAL,
  PRIMARY KEY (table_id, row, col)
);

CREATE TABLE IF NOT EXISTS table_notes (
  table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
  ord      INTEGER NOT NULL,
  marker   TEXT NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY (table_id, ord)
);

CREATE TABLE IF NOT EXISTS table_warnings (
  table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
  ord      INTEGER NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY (table_id, ord)
);

-- Entries of the Landtag portal's pages (search results, detail pages).
CREATE TABLE IF NOT EXISTS portal_entries (
  id            INTEGER PRIMARY KEY,
  source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  ord           INTEGER NOT NULL,
  drucksache    TEXT NOT NULL,
  wahlperiode   INTEGER,
  doc_type      TEXT,
  title         TEXT,
  date          TEXT,
  pages         INTEGER,
  ka_number     INTEGER,
  ka_drucksache TEXT,
  ministry      TEXT,
  neudruck      INTEGER NOT NULL DEFAULT 0,
  systematik    TEXT,                  -- items joined with "; "
  schlagworte   TEXT,
  region        TEXT,
  url           TEXT,
  UNIQUE (source_id, ord)
);
-- Reconciling looks entries up by Drucksache: without the index every lookup scans all entries.
CREATE INDEX IF NOT EXISTS portal_entries_drucksache ON portal_entries(drucksache);

CREATE TABLE IF NOT EXISTS portal_askers (
  entry_id   INTEGER NOT NULL REFERENCES portal_entries(id) ON DELETE CASCADE,
  ord        INTEGER NOT NULL,
  person_id  INTEGER NOT NULL REFERENCES persons(id),
  faction_id INTEGER REFERENCES factions(id),
  PRIMARY KEY (entry_id, ord)
);

-- Where the portal and a loaded document disagree on a field.
CREATE TABLE IF NOT EXISTS source_conflicts (
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  entry_id      INTEGER NOT NULL REFERENCES portal_entries(id) ON DELETE CASCADE,
  field         TEXT NOT NULL,
  document_value TEXT,
  portal_value  TEXT,
  PRIMARY KEY (document_id, entry_id, field)
);

-- Fields of a document filled in from a portal entry of the same Drucksache
-- (the document itself did not state them). Disagreements go to source_conflicts.
CREATE TABLE IF NOT EXISTS document_enrichments (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  entry_id    INTEGER NOT NULL REFERENCES portal_entries(id) ON DELETE CASCADE,
  field       TEXT NOT NULL,
  value       TEXT,
  PRIMARY KEY (document_id, field)
);
-- Deleting a portal entry (re-read page) cascades by entry_id.
CREATE INDEX IF NOT EXISTS document_enrichments_entry ON document_enrichments(entry_id);
CREATE INDEX IF NOT EXISTS source_conflicts_entry ON source_conflicts(entry_id);

-- Ministries' short codes (as the portal prints them) and renames across
-- Wahlperioden, loaded from src/data/ministries.json when the schema is set up.
CREATE TABLE IF NOT EXISTS body_codes (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS body_renames (
  from_name   TEXT NOT NULL,
  to_name     TEXT NOT NULL,
  wahlperiode INTEGER NOT NULL,            -- the first Wahlperiode of the new name
  PRIMARY KEY (from_name, to_name)
);

-- Files fetched by `sync` (one row per source and Drucksache number): what was
-- asked, what came back, and where the checked bytes were put. A number is
-- downloaded once; re-checks send If-None-Match / If-Modified-Since.
CREATE TABLE IF NOT EXISTS downloads (
  id            INTEGER PRIMARY KEY,
  source        TEXT NOT NULL,          -- sync source: nw, bt, … (src/data/sync-sources.json)
  number        TEXT NOT NULL,          -- the Drucksache number, "18/14035"
  url           TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('ok', 'missing', 'failed')),
  reason        TEXT,                   -- why failed (or missing)
  path          TEXT,                   -- the file in the --into folder
  etag          TEXT,
  last_modified TEXT,
  bytes         INTEGER,
  sha256        TEXT,
  meta          TEXT,                   -- the source's metadata as JSON (DIP), else NULL
  attempts      INTEGER NOT NULL DEFAULT 0,
  checked_at    TEXT NOT NULL,          -- last request (ISO)
  downloaded_at TEXT,                   -- when the current bytes arrived
  UNIQUE (source, number)
);

-- Full-text search (src/load/fts.ts): one row per searchable part of a document
-- (title, Vorbemerkung, question, answer, table cell, footnote, table note),
-- written in the document's transaction and gone with it (cascade + triggers).
CREATE TABLE IF NOT EXISTS search_parts (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,           -- title, preliminary, question, answer, cell, footnote, table_note
  ref         TEXT,                    -- question number, answer ord, "table_ord:row:col", footnote marker, "table_ord:marker"
  page        INTEGER,
  text        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS search_parts_document ON search_parts(document_id);
-- Words and prefixes, German umlauts and accents folded ("Ubersicht" finds "Übersicht").
CREATE VIRTUAL TABLE IF NOT EXISTS search_words USING fts5(text, content = 'search_parts', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2');
-- Any three characters: parts of compounds ("konferenz" finds "Videokonferenz-Tools").
CREATE VIRTUAL TABLE IF NOT EXISTS search_trigram USING fts5(text, content = 'search_parts', content_rowid = 'id',
  tokenize = 'trigram remove_diacritics 1');
CREATE TRIGGER IF NOT EXISTS search_parts_ai AFTER INSERT ON search_parts BEGIN
  INSERT INTO search_words (rowid, text) VALUES (new.id, new.text);
  INSERT INTO search_trigram (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER IF NOT EXISTS search_parts_ad AFTER DELETE ON search_parts BEGIN
  INSERT INTO search_words (search_words, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO search_trigram (search_trigram, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- Every parliament the house-style data knows (src/data/parliaments.json), loaded
-- when the schema is set up; documents.parliament holds the code.
CREATE TABLE IF NOT EXISTS parliaments (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL
);
