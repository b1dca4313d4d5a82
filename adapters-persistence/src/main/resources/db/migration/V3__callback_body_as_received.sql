-- Keep each callback's body exactly as received (json keeps the text; jsonb re-encodes numbers,
-- reorders keys and drops whitespace), so the events API returns the original body byte for byte.
-- Bodies stored before this migration keep their jsonb rendering.
ALTER TABLE callback_event ALTER COLUMN body TYPE json USING body::json;
