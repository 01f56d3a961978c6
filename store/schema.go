package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// migrations[i] brings a database from schema version i to i+1. Append a
// new migration for any change; never edit one that has shipped. The same
// statements run on SQLite and PostgreSQL: {{id}} is the only word that
// differs.
var migrations = [][]string{
	{
		`CREATE TABLE apps (
			id {{id}},
			package TEXT NOT NULL UNIQUE
		)`,
		// versions are APK files: one sha256 is one build of one app.
		`CREATE TABLE versions (
			id {{id}},
			app_id BIGINT NOT NULL REFERENCES apps(id),
			sha256 TEXT NOT NULL UNIQUE,
			version_code BIGINT NOT NULL,
			version_name TEXT NOT NULL,
			label TEXT NOT NULL,
			size BIGINT NOT NULL,
			signer_sha256 TEXT,
			signer_subject TEXT
		)`,
		`CREATE INDEX versions_app ON versions(app_id, version_code)`,
		// policies are policy texts: a file by its bytes, a URL by its text.
		`CREATE TABLE policies (
			id {{id}},
			sha256 TEXT NOT NULL UNIQUE,
			source TEXT NOT NULL,
			language TEXT NOT NULL,
			stated_date TEXT
		)`,
		// audits: one per APK + policy + privdiff version + catalog
		// version. document is the whole privdiff/audit/v1 JSON, so fields
		// added later are kept even before a column exists for them.
		`CREATE TABLE audits (
			id {{id}},
			version_id BIGINT NOT NULL REFERENCES versions(id),
			policy_id BIGINT REFERENCES policies(id),
			apk_sha256 TEXT NOT NULL,
			policy_sha256 TEXT NOT NULL,
			privdiff_version TEXT NOT NULL,
			catalog_version TEXT NOT NULL,
			audited_at TEXT NOT NULL,
			name TEXT NOT NULL,
			lang TEXT NOT NULL,
			packer TEXT,
			high INTEGER NOT NULL,
			medium INTEGER NOT NULL,
			low INTEGER NOT NULL,
			info INTEGER NOT NULL,
			document TEXT NOT NULL,
			UNIQUE (apk_sha256, policy_sha256, privdiff_version, catalog_version)
		)`,
		`CREATE INDEX audits_version ON audits(version_id, audited_at)`,
		`CREATE TABLE audit_sdks (
			audit_id BIGINT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
			sdk TEXT NOT NULL,
			name TEXT NOT NULL,
			name_zh TEXT NOT NULL,
			vendor TEXT NOT NULL,
			category TEXT NOT NULL,
			status TEXT NOT NULL,
			strength TEXT NOT NULL,
			PRIMARY KEY (audit_id, sdk)
		)`,
		`CREATE INDEX audit_sdks_sdk ON audit_sdks(sdk)`,
		`CREATE TABLE audit_sdk_evidence (
			audit_id BIGINT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
			sdk TEXT NOT NULL,
			seq INTEGER NOT NULL,
			kind TEXT NOT NULL,
			value TEXT NOT NULL,
			classes INTEGER NOT NULL,
			PRIMARY KEY (audit_id, sdk, seq)
		)`,
		`CREATE TABLE audit_permissions (
			audit_id BIGINT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
			permission TEXT NOT NULL,
			protection_level TEXT NOT NULL,
			PRIMARY KEY (audit_id, permission)
		)`,
		`CREATE TABLE audit_apis (
			audit_id BIGINT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
			seq INTEGER NOT NULL,
			data_type TEXT NOT NULL,
			api TEXT NOT NULL,
			caller_class TEXT NOT NULL,
			caller_sdk TEXT NOT NULL,
			via TEXT NOT NULL,
			calls INTEGER NOT NULL,
			PRIMARY KEY (audit_id, seq)
		)`,
		`CREATE TABLE findings (
			audit_id BIGINT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
			seq INTEGER NOT NULL,
			rule TEXT NOT NULL,
			severity TEXT NOT NULL,
			confidence TEXT NOT NULL,
			sdk TEXT NOT NULL,
			sdk_name TEXT NOT NULL,
			permission TEXT NOT NULL,
			data_type TEXT NOT NULL,
			message TEXT NOT NULL,
			evidence_kind TEXT NOT NULL,
			evidence_value TEXT NOT NULL,
			evidence_class TEXT NOT NULL,
			caller_sdk TEXT NOT NULL,
			policy_line INTEGER,
			policy_text TEXT,
			PRIMARY KEY (audit_id, seq)
		)`,
		`CREATE INDEX findings_rule ON findings(rule, sdk)`,
	},
}

// SchemaVersion is the schema this privdiff writes.
var SchemaVersion = len(migrations)

// migrate applies the missing migrations in one transaction, or refuses a
// database whose schema is newer than this privdiff knows. On PostgreSQL
// an advisory lock makes shard workers starting together take turns; on
// SQLite the immediate transaction does.
func (s *Store) migrate(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.dialect == postgres {
		// 0x70726976646966 is "privdif": any constant shared by all writers.
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(31654399432517990)"); err != nil {
			return err
		}
	} else if err := s.checkSQLiteIsOurs(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER NOT NULL PRIMARY KEY,
		applied_at TEXT NOT NULL,
		privdiff_version TEXT NOT NULL)`); err != nil {
		return err
	}
	var have int
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&have); err != nil {
		return err
	}
	if have > len(migrations) {
		return &Error{Name: s.Name, Msg: fmt.Sprintf("made by a newer privdiff (schema version %d; this privdiff %s knows up to %d): upgrade privdiff to read it",
			have, s.opts.PrivdiffVersion, len(migrations))}
	}
	if have == len(migrations) {
		return nil
	}
	id := "INTEGER PRIMARY KEY"
	if s.dialect == postgres {
		id = "BIGSERIAL PRIMARY KEY"
	}
	for v := have; v < len(migrations); v++ {
		for _, stmt := range migrations[v] {
			if _, err := tx.ExecContext(ctx, strings.ReplaceAll(stmt, "{{id}}", id)); err != nil {
				return fmt.Errorf("migration %d: %w", v+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, s.rebind("INSERT INTO schema_version (version, applied_at, privdiff_version) VALUES (?, ?, ?)"),
			v+1, Now().Format(timeLayout), s.opts.PrivdiffVersion); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// checkSQLiteIsOurs refuses a SQLite file that holds other tables and no
// schema_version: privdiff must not write into someone else's database.
// Reading the schema is also what detects a file that is not SQLite.
func (s *Store) checkSQLiteIsOurs(ctx context.Context, tx *sql.Tx) error {
	var tables, ours int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN name = 'schema_version' THEN 1 ELSE 0 END), 0)
		FROM sqlite_master WHERE type = 'table'`).Scan(&tables, &ours)
	if err != nil {
		return &Error{Name: s.Name, Msg: "not a readable SQLite database", Err: err}
	}
	if tables > 0 && ours == 0 {
		return &Error{Name: s.Name, Msg: "a SQLite database, but not privdiff's (no schema_version table)"}
	}
	return nil
}
