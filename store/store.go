// Package store keeps every audit of a campaign in one database, SQLite
// (a file, no setup) or PostgreSQL (shared by many machines), and answers
// the questions a campaign asks across apps and versions. Audits go in as
// privdiff/audit/v1 documents; query results come out as plain values.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	sqlitedriver "modernc.org/sqlite"  // registers the "sqlite" driver (pure Go)
)

// Store is an open results database.
type Store struct {
	db      *sql.DB
	dialect dialect
	// Name says which database this is in messages: the file, or the
	// PostgreSQL URL without its password.
	Name string
	// Path is the SQLite file; empty for PostgreSQL.
	Path string
	opts Options
}

// Options say who writes: the key of every audit includes the versions of
// privdiff and of its catalog.
type Options struct {
	PrivdiffVersion string
	CatalogVersion  string
	// Create makes a missing SQLite file; the db queries open existing
	// databases only, so a typo is not an empty answer.
	Create bool
}

type dialect int

const (
	sqlite dialect = iota
	postgres
)

// Error is a database that cannot be used: unreachable, refused, corrupt
// or made by a newer privdiff. Its message names the database.
type Error struct {
	Name string
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Name, e.Msg, oneLine(e.Err))
	}
	return e.Name + ": " + e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// oneLine keeps a driver's message on one line for the CLI.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// IsPostgres reports whether target names a PostgreSQL database.
func IsPostgres(target string) bool {
	return strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://")
}

// Open opens (and migrates) the database at target: a SQLite file path or
// a postgres:// URL.
func Open(ctx context.Context, target string, opts Options) (*Store, error) {
	s := &Store{opts: opts}
	var err error
	if IsPostgres(target) {
		s.dialect = postgres
		s.Name = redact(target)
		s.db, err = sql.Open("pgx", target)
	} else {
		s.dialect = sqlite
		s.Name, s.Path = target, target
		if !opts.Create {
			if _, serr := os.Stat(target); serr != nil {
				return nil, &Error{Name: target, Msg: "no such database (write one with privdiff batch or privdiff audit --db)"}
			}
		}
		s.db, err = sql.Open("sqlite", sqliteDSN(target))
		// One connection: SQLite has one writer at a time anyway, and a
		// single connection cannot deadlock against itself.
		s.db.SetMaxOpenConns(1)
	}
	if err != nil {
		return nil, &Error{Name: s.Name, Msg: "cannot open", Err: err}
	}
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := whileBusy(pctx, func() error { return s.db.PingContext(pctx) }); err != nil {
		s.db.Close()
		msg := "cannot connect"
		if s.dialect == sqlite {
			// The pragmas run on connecting, so a damaged file fails here.
			msg = "not a readable SQLite database"
		}
		return nil, &Error{Name: s.Name, Msg: msg, Err: err}
	}
	if err := whileBusy(pctx, func() error { return s.migrate(ctx) }); err != nil {
		s.db.Close()
		var se *Error
		if errors.As(err, &se) {
			return nil, err
		}
		return nil, &Error{Name: s.Name, Msg: "cannot prepare the database", Err: err}
	}
	return s, nil
}

// whileBusy runs try again while it fails with SQLITE_BUSY, until ctx ends.
// Processes opening one new file together race to create it and switch it
// to WAL, and SQLite answers the losers "database is locked" at once, its
// busy timeout notwithstanding.
func whileBusy(ctx context.Context, try func() error) error {
	for wait := time.Millisecond; ; wait = min(2*wait, 100*time.Millisecond) {
		err := try()
		var se *sqlitedriver.Error
		if err == nil || !errors.As(err, &se) || se.Code()&0xff != sqliteBusy {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

// sqliteBusy is SQLITE_BUSY, the primary code of every "busy" result.
const sqliteBusy = 5

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// sqliteDSN asks for WAL (readers never wait for the writer, a killed
// writer's transaction is rolled back on the next open), a busy timeout
// (two batches on one file take turns instead of failing) and immediate
// transactions (a writer takes the lock when it begins, so two writers
// never deadlock upgrading read locks).
func sqliteDSN(path string) string {
	return "file:" + path + "?_pragma=busy_timeout(60000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
}

// redact drops the password from a PostgreSQL URL.
func redact(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return "postgres://…"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// rebind turns the ? parameters of the queries below into PostgreSQL's
// $1, $2…; no query here has a ? inside a string literal.
func (s *Store) rebind(q string) string {
	if s.dialect != postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Size is the database's size in bytes.
func (s *Store) Size(ctx context.Context) (int64, error) {
	if s.dialect == postgres {
		var n int64
		err := s.db.QueryRowContext(ctx, "SELECT pg_database_size(current_database())").Scan(&n)
		return n, err
	}
	var total int64
	for _, p := range []string{s.Path, s.Path + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			total += st.Size()
		}
	}
	return total, nil
}
