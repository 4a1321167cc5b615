package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"redline/storage"
)

// cmdBackup copies the open database to a new file, or sets how the
// automatic copies are made.
func cmdBackup(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("backup")
	dbFlag := f.String("db", db, "database file")
	to := f.String("to", "", "the new file to copy into (default: a dated file in the backups folder)")
	keep := f.Int("keep", -1, "from now on, keep this many automatic copies (0 turns them off)")
	every := f.Duration("every", 0, "from now on, make an automatic copy when the newest is this old (e.g. 24h)")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"backup takes no arguments; name the copy with --to"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *keep >= 0 {
		if err := ws.Store.SetSetting(ctx, storage.SettingBackupKeep, strconv.Itoa(*keep)); err != nil {
			return err
		}
	}
	if *every > 0 {
		if err := ws.Store.SetSetting(ctx, storage.SettingBackupEvery, every.String()); err != nil {
			return err
		}
	}
	if *keep >= 0 || *every > 0 {
		k, e, err := ws.Store.BackupPolicy(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Automatic copies: keep %d, a new one when the newest is %s old, in %s\n", k, e, quoteName(storage.BackupDir(ws.Store.Path())))
		if *to == "" {
			return nil
		}
	}
	path := *to
	if path == "" {
		path = storage.BackupDir(ws.Store.Path()) + "/manual-" + time.Now().UTC().Format("20060102-150405") + ".db"
	}
	if err := ws.Store.Backup(ctx, path); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up to %s. Bring it back with 'redline restore %s'.\n", quoteName(path), quoteName(path))
	return nil
}

// cmdRestore puts a backup in place of the database, keeping the current
// file aside first.
func cmdRestore(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("restore")
	dbFlag := f.String("db", db, "database file to replace")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) != 1 {
		return usageError{"restore needs one backup file"}
	}
	path, err := dbPath(*dbFlag)
	if err != nil {
		return err
	}
	aside, err := storage.Restore(ctx, path, f.Args()[0], time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored %s from %s.\n", quoteName(path), quoteName(f.Args()[0]))
	if aside != "" {
		fmt.Fprintf(stdout, "The file it replaced is kept as %s; delete it when you no longer need it.\n", quoteName(aside))
	}
	return nil
}

// autoBackup makes the automatic copy when one is due, before a command
// changes many rows at once (import, merge). A failure is said but does
// not stop the command.
func autoBackup(ctx context.Context, s *storage.Store, stderr io.Writer) {
	if _, err := s.AutoBackup(ctx, time.Now()); err != nil && !errors.Is(err, storage.ErrCorrupt) {
		fmt.Fprintf(stderr, "warning the automatic backup failed (%s); go on, and run 'redline backup' when it is fixed\n", oneLine(err.Error()))
	}
}
