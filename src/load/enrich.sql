-- Fields of a document filled in from a portal entry of the same Drucksache
-- (the document itself did not state them). Disagreements go to source_conflicts.
CREATE TABLE IF NOT EXISTS document_enrichments (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  entry_id    INTEGER NOT NULL REFERENCES portal_entries(id) ON DELETE CASCADE,
  field       TEXT NOT NULL,
  value       TEXT,
  PRIMARY KEY (document_id, field)
);

DROP VIEW IF EXISTS v_document_enrichments;
CREATE VIEW v_document_enrichments AS
SELECT d.drucksache, en.field, en.value, sd.sha256 AS document_sha256, sp.sha256 AS portal_sha256
FROM document_enrichments en
JOIN documents d ON d.id = en.document_id JOIN sources sd ON sd.id = d.source_id
JOIN portal_entries e ON e.id = en.entry_id JOIN sources sp ON sp.id = e.source_id;
