package storage

// Write transactions, and what they do when several coders write at once.
//
// On SQLite there is nothing to decide: the Store's one write connection
// and BEGIN IMMEDIATE run every write in the file one after another, so a
// transaction sees every earlier commit and nobody else's half.
//
// On PostgreSQL, eight coders' windows write at the same moment. Each
// transaction reads before it writes (the state an edit overwrites goes
// into the undo history; undo picks the latest change; a codebook version
// is compared before it is stored; a new draw of assignments deletes, then
// inserts), so READ COMMITTED would lose updates: two coders saving the
// same code would both record the same "before", two undos would undo one
// change twice, two draws would leave the union of both. So, by kind:
//
//   - codingTx (saving a change, undo, redo), REPEATABLE READ. Every lost
//     update in the coding path is two transactions writing the same row
//     (the code, the suggestion decision, the history entry undone or
//     cleared); REPEATABLE READ refuses the second of two that do, with a
//     serialization failure. SERIALIZABLE would also refuse write skew,
//     but it tracks reads by index page, so eight coders adding different
//     codes to one article collide with each other for nothing (measured:
//     one save in twenty ran again, and under load one gave up after
//     twenty tries). The write skew left needs one analyst to undo in one
//     window and save a new change in another at the same instant; its
//     worst effect is that the undone change stays redoable.
//   - writeTx (everything else that is small: settings, codebooks,
//     assignments, sources, exclusions, the watch list), SERIALIZABLE:
//     rare, short, and where two transactions touch different rows (two
//     draws of assignments, two first saves of a codebook) only
//     SERIALIZABLE tells the second that the first changed what it read.
//   - familyTx (import and its grouping, merging and splitting stories,
//     regrouping, web captures, removing an import), READ COMMITTED under
//     one transaction-scoped advisory lock. These read every article of a
//     family, or every family, and an import's transaction can hold
//     thousands of articles: at SERIALIZABLE two of them would abort each
//     other over and over and a large import would be thrown away and
//     redone. Under the lock they run one at a time, as on SQLite, and
//     every statement (READ COMMITTED takes a fresh snapshot per
//     statement, after the lock is granted) sees every earlier one's
//     commit. They do not read codes, except RemoveImport, which locks its
//     articles first (see there).
//
// All three run the whole function again on a serialization failure or a
// deadlock (isRetryable), a bounded number of times with a short random
// pause, so a coder never sees an error that trying again would have
// fixed. The function must therefore be safe to run more than once: it
// may change state outside the transaction only by assigning, never by
// adding up.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// pgTries is how many times a transaction runs before a serialization
// failure is reported; pgPause the first pause between tries (doubled
// each time, at most pgPauseMax, and drawn at random below that so the
// writers that collided do not collide again).
var (
	pgTries    = 20
	pgPause    = 2 * time.Millisecond
	pgPauseMax = 250 * time.Millisecond
)

// pgRetries counts the transactions run again after a serialization
// failure or a deadlock, for tests and benchmarks.
var pgRetries atomic.Int64

// familyLockKey is the advisory lock familyTx holds ("Rdlf").
const familyLockKey = 0x52646c66

// txKind is how a PostgreSQL write transaction keeps out of the way of
// the others (see above).
type txKind int

const (
	serializable txKind = iota
	coding
	families
)

// writeTx runs fn in a write transaction and commits it; on PostgreSQL at
// SERIALIZABLE, run again when it collides with another writer.
func (s *Store) writeTx(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	return s.runTx(ctx, what, serializable, fn)
}

// codingTx runs fn, a coding action, in a write transaction; on
// PostgreSQL at REPEATABLE READ, run again when it collides.
func (s *Store) codingTx(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	return s.runTx(ctx, what, coding, fn)
}

// familyTx runs fn in a write transaction that changes stories: on
// PostgreSQL such transactions run one at a time.
func (s *Store) familyTx(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	return s.runTx(ctx, what, families, fn)
}

// familyBulkTx is familyTx for work that streams rows in (COPY on
// PostgreSQL): fn also gets the connection the transaction runs on, nil
// on SQLite.
func (s *Store) familyBulkTx(ctx context.Context, what string, fn func(*sql.Tx, *bulkConn) error) error {
	err := s.transactOn(ctx, families, true, fn)
	if err != nil && what != "" {
		return fmt.Errorf("%s: %w", what, err)
	}
	return err
}

// runTx runs fn as kind; what, unless "", goes before its error.
func (s *Store) runTx(ctx context.Context, what string, kind txKind, fn func(*sql.Tx) error) error {
	err := s.transact(ctx, kind, fn)
	if err != nil && what != "" {
		return fmt.Errorf("%s: %w", what, err)
	}
	return err
}

func (s *Store) transact(ctx context.Context, kind txKind, fn func(*sql.Tx) error) error {
	return s.transactOn(ctx, kind, false, func(tx *sql.Tx, _ *bulkConn) error { return fn(tx) })
}

// transactOn runs fn in a transaction of kind, run again on PostgreSQL
// when it collides; hold keeps the connection it runs on for fn (COPY).
func (s *Store) transactOn(ctx context.Context, kind txKind, hold bool, fn func(*sql.Tx, *bulkConn) error) error {
	if !s.pg {
		tx, err := s.begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if err := fn(tx, nil); err != nil {
			return err
		}
		return tx.Commit()
	}
	for try := 1; ; try++ {
		atCommit, err := s.pgTry(ctx, kind, hold, fn)
		if err == nil {
			return nil
		}
		if !atCommit && staleConn(err) && try < pgTries && ctx.Err() == nil {
			// A connection kept from before the server restarted: the
			// transaction died with it, uncommitted, and the pool has
			// dropped it. Run again at once on another (a new one, when
			// the server is really gone, fails to connect and ends this).
			continue
		}
		if isRetryable(err) && try < pgTries && ctx.Err() == nil {
			pgRetries.Add(1)
			if err := pause(ctx, try); err != nil {
				return err
			}
			continue
		}
		if isRetryable(err) {
			err = fmt.Errorf("other writers kept changing the same data at the same moment (%d tries); nothing was saved, try again: %w", try, err)
		}
		return err
	}
}

// pgTry runs fn once in its own transaction on PostgreSQL. atCommit says
// the error came from the commit, when the server may have kept the
// change. hold keeps the connection for fn (COPY).
func (s *Store) pgTry(ctx context.Context, kind txKind, hold bool, fn func(*sql.Tx, *bulkConn) error) (atCommit bool, err error) {
	if err := s.writable(ctx); err != nil {
		return false, err
	}
	var opts *sql.TxOptions // READ COMMITTED, for families
	switch kind {
	case serializable:
		opts = &sql.TxOptions{Isolation: sql.LevelSerializable}
	case coding:
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead}
	}
	var (
		tx *sql.Tx
		bc *bulkConn
	)
	if hold {
		c, cerr := s.write.Conn(ctx)
		if cerr != nil {
			return false, s.lostServer(cerr, false)
		}
		bc = &bulkConn{c}
		defer bc.Close() // after the rollback below: deferred calls run last first
		tx, err = c.BeginTx(ctx, opts)
	} else {
		tx, err = s.write.BeginTx(ctx, opts)
	}
	if err != nil {
		return false, s.lostServer(err, false)
	}
	defer tx.Rollback()
	if kind == families {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", familyLockKey); err != nil {
			return false, s.lostServer(err, false)
		}
	}
	if err := fn(tx, bc); err != nil {
		return false, s.lostServer(err, false)
	}
	if err := tx.Commit(); err != nil {
		return true, s.lostServer(err, true)
	}
	return false, nil
}

// staleConn reports whether err is a connection that was open and has
// died (the server restarted or the network dropped since it was last
// used), rather than a failure to connect.
func staleConn(err error) bool {
	if !isOffline(err) {
		return false
	}
	var ce *pgconn.ConnectError
	return !errors.As(err, &ce) && !strings.Contains(err.Error(), "failed to connect")
}

// lostServer words err as ErrOffline when it is the server gone away, and
// returns any other error as it is. committing says whether the commit
// itself was under way: then the server may have kept the change before
// it went, and saying it again is safe (every save is an upsert by id).
func (s *Store) lostServer(err error, committing bool) error {
	if !isOffline(err) || errors.Is(err, ErrOffline) {
		return err
	}
	if committing {
		return fmt.Errorf("%s: the connection to the database server broke while the change was being saved (%v), so it may not have been saved; "+
			"it will be saved when you try again once the server is back (ask whoever runs the server if it stays away): %w", s.path, err, ErrOffline)
	}
	return fmt.Errorf("%s: the database server cannot be reached (%v), so the change was not saved; "+
		"try again once it is back (ask whoever runs the server if it stays away): %w", s.path, err, ErrOffline)
}

// pause waits before try+1: a random time below pgPause·2^(try-1), at
// most pgPauseMax.
func pause(ctx context.Context, try int) error {
	limit := pgPause << min(try-1, 16)
	if limit > pgPauseMax {
		limit = pgPauseMax
	}
	t := time.NewTimer(time.Duration(rand.Int64N(int64(limit)) + 1))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
