-- Pipeline DB schema for the lab (run by lab/scripts/pipeline-db.sh as the postgres superuser,
-- connected to database db). Idempotent.
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;

CREATE TABLE IF NOT EXISTS api_keys (
  id         serial PRIMARY KEY,
  key_hash   text NOT NULL,
  owner      text NOT NULL,
  is_active  boolean NOT NULL DEFAULT true,
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE api_keys OWNER TO "user";
ALTER SEQUENCE api_keys_id_seq OWNER TO "user";

-- seed only an empty table: active, inactive, expired, and one that never expires.
-- key_hash = sha256 hex of the plain key shown in the owner comment (lab keys, not secrets).
INSERT INTO api_keys (key_hash, owner, is_active, expires_at, created_at)
SELECT encode(sha256(convert_to(k, 'UTF8')), 'hex'), o, a, e, c
FROM (VALUES
  ('lab-key-active-1',   'normalization-service', true,  now() + interval '90 days', now() - interval '30 days'),
  ('lab-key-active-2',   'enrichment-service',    true,  now() + interval '30 days', now() - interval '10 days'),
  ('lab-key-no-expiry',  'incident-console',      true,  NULL::timestamptz,          now() - interval '5 days'),
  ('lab-key-inactive',   'legacy-importer',       false, now() + interval '60 days', now() - interval '120 days'),
  ('lab-key-expired',    'old-dashboard',         true,  now() - interval '2 days',  now() - interval '400 days')
) AS seed(k, o, a, e, c)
WHERE NOT EXISTS (SELECT 1 FROM api_keys);

-- let the app user read every query's statistics (pg_stat_statements hides other roles' query text otherwise)
GRANT pg_read_all_stats TO "user";
