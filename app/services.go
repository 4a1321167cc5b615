// Package app is Redline's workbench window: the library of articles, the
// reader, and the coding panel generated from the codebook.
//
// Screens ask for the few store methods they use through the small
// interfaces below, and every call to them runs off the UI goroutine.
package app

import (
	"context"
	"io"
	"time"

	"redline/annotate"
	"redline/storage"
	"redline/workspace"
)

// Library lists and reads articles.
type Library interface {
	Articles(ctx context.Context, q storage.Query) ([]annotate.ArticleSummary, error)
	Article(ctx context.Context, id int64) (annotate.Article, error)
	Progress(ctx context.Context) (storage.Progress, error)
	// OutletTexts gives texts of one outlet, one per story, for finding
	// its boilerplate lines.
	OutletTexts(ctx context.Context, outlet string, limit int) ([]string, error)
}

// Coder reads and writes annotations; every change is one step of the
// analyst's undo history. The workspace provides it, so codes are carried
// across versions the same way from the window and the command line.
type Coder interface {
	Annotations(ctx context.Context, articleID int64) ([]annotate.Annotation, error)
	SaveEdit(ctx context.Context, annotator, label string, e storage.Edit) error
	Undo(ctx context.Context, annotator string, now time.Time) (storage.Change, error)
	Redo(ctx context.Context, annotator string, now time.Time) (storage.Change, error)
}

// Workflows are the workspace's steps that span several stores: coding,
// merging stories, finding codes that could not be carried.
type Workflows interface {
	Coder
	MergeInto(ctx context.Context, articleID, otherFamily int64) error
	MoveOut(ctx context.Context, articleID int64) error
	RelatedStories(ctx context.Context, id int64) ([]workspace.RelatedStory, error)
	// the library's mark on web pages' stories with versions the analyst
	// has not looked at
	MarkStorySeen(ctx context.Context, analyst string, articleID int64) error
	StoriesWithNewVersions(ctx context.Context, analyst string) (map[int64]int, error)
	Agreer
	Charter
	ArticleEditor
	Merger
	Project(ctx context.Context) (workspace.Project, error)
	// who codes: on a team server the login's analyst name, which the
	// analyst cannot change here (AnalystFixed)
	Analyst(ctx context.Context) (string, error)
	SetAnalyst(ctx context.Context, name string) error
	AnalystFixed() bool
	// Lead reports whether the login is the team server's lead (imports,
	// merges stories, edits articles and the codebook)
	Lead() bool
	AboutText(ctx context.Context) (string, error)
	// SyncWarning warns of a database in a synced folder, or is "".
	SyncWarning() string
	Orphans(ctx context.Context, annotator string, articleID int64) ([]workspace.Orphan, error)
}

// Decisions reads the analyst's rejected suggestions.
type Decisions interface {
	Rejections(ctx context.Context, annotator string, articleID int64) ([]storage.Rejection, error)
}

// Settings keeps small per-database values such as the analyst's name.
type Settings interface {
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// Exporter writes the labelled dataset.
type Exporter interface {
	ExportCSV(ctx context.Context, w io.Writer, form storage.Form, cb *annotate.Codebook) error
	ExportCSVFiltered(ctx context.Context, w io.Writer, form storage.Form, cb *annotate.Codebook, f storage.ExportFilter) error
}

// Importer brings files into the database.
type Importer interface {
	Import(ctx context.Context, paths []string, progress func(workspace.Progress)) (workspace.Summary, error)
	ImportWith(ctx context.Context, paths []string, opts workspace.ImportOptions, progress func(workspace.Progress)) (workspace.Summary, error)
	// PreviewColumns tells how a CSV file's columns would be read.
	PreviewColumns(ctx context.Context, path string, columns map[string]string) (workspace.ColumnPreview, error)
}

// Watcher tells when anyone (another coder on the server, another program
// on the file, this window) has changed the database: the mark differs.
type Watcher interface {
	ChangeMark(ctx context.Context) (string, error)
}

// Store is what the workbench reads and the settings it keeps;
// *storage.Store provides it. Changes to codes go through Workflows.
type Store interface {
	Library
	Decisions
	Settings
	Exporter
	Versioner
	SourceList
	CodeLister
	Watcher
}

// settingAnnotator is the settings key for the analyst's name on a file
// (workspace keeps it; tests set it directly).
const settingAnnotator = "annotator"
