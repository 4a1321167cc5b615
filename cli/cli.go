// Package cli is Redline's command line: the headless subcommands that
// scripts and tests rely on, sharing the window's default database.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"redline/storage"
	"redline/workspace"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitFail  = 1 // something the user must fix; one line on stderr says what
	ExitUsage = 2
)

// WindowFunc opens the workbench on a workspace and returns when it closes.
// When the database could not be opened, ws is nil and openErr says why:
// the window shows the reason, since a desktop user may have no terminal.
type WindowFunc func(ws *workspace.Workspace, openErr error) error

const usage = `Redline — a workbench for coding news articles and their versions.

Usage:
  redline [--db PATH]                             open the workbench window
  redline import  [--db PATH] [--map COLUMN=FIELD]... [--max-article-bytes N] [--max-line-bytes N] PATH...
                                                  import files or folders (Nexis, Factiva, Media Cloud
                                                  exports, DOCX, ODT, RTF, PDF, text, HTML, JSON, CSV)
  redline list    [--db PATH] [--json]            list articles
  redline export  [--db PATH] [--format csv|jsonl|origins] [--form long|wide|articles] [--out FILE|-]
                  [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--outlet O]... [--story ID]... [--coder NAME]...
                  [--exclude-excluded] [--with-text] [--dictionary DIR]
                                                  jsonl is the W3C Web Annotation model; origins
                                                  lists where each article came from
  redline merge   [--db PATH] [--max-line-bytes N] FILE...   (also a teammate's whole redline.db)
                                                  lists where each article came from; articles is one
                                                  row per article, coded or not (--with-text adds texts);
                                                  --dictionary writes the data dictionary (CSV, SPSS, R,
                                                  methods appendix) into DIR
  redline codebook [--db PATH] --appendix [--out FILE|-]
                                                  the codebook as a methods appendix (Markdown) with its history
  redline recode  [--db PATH] --from VERSION [--to VERSION] [--map DIMENSION.OLD=NEW]... (--as NAME | --dry-run)
                                                  rewrite codes whose values a new codebook version renamed,
                                                  merged or dropped, as one undoable step
  redline undo    [--db PATH] --as NAME           take back NAME's latest change (a recoding, a code)
  redline merge   [--db PATH] [--max-line-bytes N] FILE...
                                                  bring in a teammate's exported annotations (.jsonl or long .csv)
  redline versions [--db PATH] [--threshold J] [--containment C] [--json]
                                                  group near-duplicate versions; print the families
  redline diff    [--db PATH] [--json] [--changes] [--ignore-case] [--ignore-quotes] [--ignore-space] ID ID
                                                  sentence-aligned comparison of two versions
  redline suggest [--db PATH] [--json] ID         suggested quotes, speakers and attribution of one article
  redline agree   [--db PATH] [--json] [--coders A,B,...] [--dimension D] [--gold] [--differences]
                                                  intercoder reliability: alpha per variable, kappa per pair, span F1
  redline adjudicate [--db PATH] --as NAME --settles ID,ID [--note TEXT] VALUE
                                                  settle a disagreement with a final value (a frame: present or absent)
  redline final   [--db PATH] [--coders A,B,...] [--out FILE|-]
                                                  the adjudicated dataset: settled or agreed value per variable and article
  redline assign  [--db PATH] --coders A,B,... [--overlap 20%|N] [--seed S] [--replace] [--out FILE] | --from FILE
                                                  split the stories among coders with a sample everyone codes
  redline assigned [--db PATH] [--coder NAME] [--json]
                                                  each coder's progress: n of N coded, the next uncoded article
  redline report  [--db PATH] [--out FILE]       one self-contained HTML file: corpus, progress, reliability, charts
  redline project [--db PATH] [--blind on|off] [--lead NAME]
                                                  blind coding: coders see only their own codes until the lead lifts it
  redline imports [--db PATH]                     list the imports, each with its time
  redline remove-import [--db PATH] TIME          remove the articles of one import (refused when any has codes)
  redline backup  [--db PATH] [--to FILE] [--keep N] [--every 24h]
                                                  copy the database while in use; set the automatic copies
  redline restore [--db PATH] FILE                put a backup in place (the current file is kept aside)
  redline check   [--db PATH]                     full check of the database file; changes nothing
  redline copy    --from DB --to DB               copy a whole database (a file or postgres://user@host/db) into a
                                                  new file or empty database, checked by row counts and hashes;
                                                  both are required: neither is the usual database
  redline recover [--db PATH] --to NEW            copy what can be read of a damaged file into a new one
  redline fetch-history [--db PATH] [--archive BASE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] URL
                                                  a page's captures in a web archive (the Wayback Machine) as versions
  redline watch   [--db PATH] [--interval D] [--once] | add URL | list | remove URL
                                                  check watched pages and feeds; a changed page is a new version
  redline version [--db PATH]                     version, commit and build date (and which Redline made the database)
  redline exclude [--db PATH] --reason TEXT ID...
                                                  set articles aside: out of the counts, flagged in exports
  redline include [--db PATH] ID...               take excluded articles back
  redline edit    [--db PATH] ID [--title T] [--outlet O] [--date YYYY-MM-DD[THH:MM]] [--url U]
                                                  correct an article's title, outlet, date or address
  redline server init --db postgres://OWNER@HOST/DATABASE --lead ROLE=NAME --coder ROLE=NAME... [--apply]
                                                  a team server: print (or run) the SQL that makes the lead's and
                                                  coders' logins and what each may do; NAME is the analyst name
                                                  (on a team server --as is always your login's analyst name)
  redline server status [--db postgres://...]    who your login codes as, and whether you are the lead
  redline help                                    this text

The database is $REDLINE_DB, else redline.db in your user data folder:
~/.local/share/redline on Linux, %AppData%\Redline on Windows,
~/Library/Application Support/Redline on macOS.
Exit status: 0 success, 1 failure (reason on stderr), 2 bad usage.
`

// usageError is bad usage: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// Main runs the command line and returns the exit status.
func Main(args []string, stdout, stderr io.Writer, window WindowFunc) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx = context.WithValue(ctx, stderrKey{}, stderr)
	err := run(ctx, args, stdout, stderr, window)
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "redline: %s\nRun 'redline help' for usage.\n", ue.msg)
		return ExitUsage
	case errors.Is(err, errFailedSilently):
		return ExitFail
	default:
		msg := oneLine(err.Error())
		if errors.Is(err, storage.ErrCorrupt) {
			msg += ". Restore a backup ('redline restore FILE'), or copy what can still be read into a new file " +
				"('redline recover --to NEW.db'); 'redline check' lists the damage"
		}
		fmt.Fprintf(stderr, "redline: %s\n", msg)
		return ExitFail
	}
}

// errFailedSilently means the command has already said what failed.
var errFailedSilently = errors.New("failed")

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

func run(ctx context.Context, args []string, stdout, stderr io.Writer, window WindowFunc) error {
	// global flags before the subcommand
	global := newFlags("redline")
	db := global.String("db", "", "database file")
	showVersion := global.Bool("version", false, "print the version")
	if err := global.Parse(args); err != nil {
		return err
	}
	args = global.Args()
	if *showVersion {
		return cmdVersion(ctx, "", nil, stdout)
	}
	if len(args) == 0 {
		if window == nil {
			return errors.New("this build has no window; use a subcommand")
		}
		ws, err := openWS(ctx, *db, true)
		if err != nil {
			window(nil, err)
			return err
		}
		defer ws.Close()
		return window(ws, nil)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "import":
		return cmdImport(ctx, *db, rest, stdout, stderr)
	case "list":
		return cmdList(ctx, *db, rest, stdout)
	case "export":
		return cmdExport(ctx, *db, rest, stdout, stderr)
	case "suggest":
		return cmdSuggest(ctx, *db, rest, stdout)
	case "merge":
		return cmdMerge(ctx, *db, rest, stdout, stderr)
	case "versions":
		return cmdVersions(ctx, *db, rest, stdout)
	case "diff":
		return cmdDiff(ctx, *db, rest, stdout)
	case "agree":
		return cmdAgree(ctx, *db, rest, stdout, stderr)
	case "adjudicate":
		return cmdAdjudicate(ctx, *db, rest, stdout)
	case "final":
		return cmdFinal(ctx, *db, rest, stdout)
	case "assign":
		return cmdAssign(ctx, *db, rest, stdout)
	case "assigned":
		return cmdAssigned(ctx, *db, rest, stdout)
	case "report":
		return cmdReport(ctx, *db, rest, stdout)
	case "project":
		return cmdProject(ctx, *db, rest, stdout)
	case "server":
		return cmdServer(ctx, *db, rest, stdout)
	case "imports":
		return cmdImports(ctx, *db, rest, stdout)
	case "remove-import":
		return cmdRemoveImport(ctx, *db, rest, stdout)
	case "backup":
		return cmdBackup(ctx, *db, rest, stdout)
	case "restore":
		return cmdRestore(ctx, *db, rest, stdout)
	case "check":
		return cmdCheck(ctx, *db, rest, stdout, stderr)
	case "recover":
		return cmdRecover(ctx, *db, rest, stdout, stderr)
	case "fetch-history":
		return cmdFetchHistory(ctx, *db, rest, stdout)
	case "watch":
		return cmdWatch(ctx, *db, rest, stdout)
	case "version":
		return cmdVersion(ctx, *db, rest, stdout)
	// datasets for analysis (issue 13): cli/dataset.go
	case "exclude":
		return cmdExclude(ctx, *db, rest, stdout)
	case "include":
		return cmdInclude(ctx, *db, rest, stdout)
	case "edit":
		return cmdEdit(ctx, *db, rest, stdout)
	case "codebook":
		return cmdCodebook(ctx, *db, rest, stdout)
	case "recode":
		return cmdRecode(ctx, *db, rest, stdout)
	case "undo":
		return cmdUndo(ctx, *db, rest, stdout)
	// moving between a file and a server (issue 12): cli/copy.go
	case "copy":
		return cmdCopy(ctx, *db, rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}

// flags is a flag set that reports errors as usage errors and allows flags
// after positional arguments ("import DIR --db x.db").
type flags struct {
	*flag.FlagSet
	positional []string
}

func newFlags(name string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flags{FlagSet: fs}
}

func (f *flags) Parse(args []string) error {
	for {
		if err := f.FlagSet.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return usageError{"see the usage below"}
			}
			return usageError{err.Error()}
		}
		args = f.FlagSet.Args()
		if len(args) == 0 {
			return nil
		}
		if f.Name() == "redline" {
			// the global set stops at the subcommand
			f.positional = args
			return nil
		}
		f.positional = append(f.positional, args[0])
		args = args[1:]
	}
}

func (f *flags) Args() []string { return f.positional }

// locate is the database a command works on: the one --db names, else
// the default ($REDLINE_DB, else the file in the user's data folder).
func locate(db string) (string, error) {
	if db != "" {
		return db, nil
	}
	return workspace.DefaultPath()
}

func openWS(ctx context.Context, db string, demo bool) (*workspace.Workspace, error) {
	db, err := locate(db)
	if err != nil {
		return nil, err
	}
	ws, err := workspace.Open(ctx, db, demo)
	if err == nil {
		warnSynced(ctx, db)
	}
	return ws, err
}
