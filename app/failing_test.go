package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"redline/annotate"
	"redline/storage"
	"redline/workspace"
)

// faults makes chosen store calls fail, as a full disk or a locked
// database would.
type faults struct {
	mu   sync.Mutex
	fail map[string]error
}

func (f *faults) set(method string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail == nil {
		f.fail = map[string]error{}
	}
	f.fail[method] = err
}

func (f *faults) err(method string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fail[method]
}

var (
	errDiskFull = errors.New("save change: database or disk is full (SQLITE_FULL)")
	errLocked   = errors.New("database is locked (SQLITE_BUSY)")
)

// failingStore is the real store with faults put in on demand.
type failingStore struct {
	*storage.Store
	f *faults
}

func (s failingStore) Articles(ctx context.Context, q storage.Query) ([]annotate.ArticleSummary, error) {
	if err := s.f.err("Articles"); err != nil {
		return nil, err
	}
	return s.Store.Articles(ctx, q)
}

func (s failingStore) Article(ctx context.Context, id int64) (annotate.Article, error) {
	if err := s.f.err("Article"); err != nil {
		return annotate.Article{}, err
	}
	return s.Store.Article(ctx, id)
}

func (s failingStore) Rejections(ctx context.Context, who string, id int64) ([]storage.Rejection, error) {
	if err := s.f.err("Rejections"); err != nil {
		return nil, err
	}
	return s.Store.Rejections(ctx, who, id)
}

func (s failingStore) SetSetting(ctx context.Context, key, value string) error {
	if err := s.f.err("SetSetting"); err != nil {
		return err
	}
	return s.Store.SetSetting(ctx, key, value)
}

func (s failingStore) Setting(ctx context.Context, key string) (string, error) {
	if err := s.f.err("Setting"); err != nil {
		return "", err
	}
	return s.Store.Setting(ctx, key)
}

func (s failingStore) ExportCSV(ctx context.Context, w io.Writer, form storage.Form, cb *annotate.Codebook) error {
	if err := s.f.err("ExportCSV"); err != nil {
		return err
	}
	return s.Store.ExportCSV(ctx, w, form, cb)
}

func (s failingStore) FamilyOf(ctx context.Context, id int64) (storage.Family, error) {
	if err := s.f.err("FamilyOf"); err != nil {
		return storage.Family{}, err
	}
	return s.Store.FamilyOf(ctx, id)
}

func (s failingStore) SetVersionTime(ctx context.Context, id int64, t time.Time) error {
	if err := s.f.err("SetVersionTime"); err != nil {
		return err
	}
	return s.Store.SetVersionTime(ctx, id, t)
}

// failingWork is the real workspace with faults put in on demand.
type failingWork struct {
	*workspace.Workspace
	f *faults
}

func (w failingWork) SetAnalyst(ctx context.Context, name string) error {
	if err := w.f.err("SetAnalyst"); err != nil {
		return err
	}
	return w.Workspace.SetAnalyst(ctx, name)
}

func (w failingWork) Annotations(ctx context.Context, id int64) ([]annotate.Annotation, error) {
	if err := w.f.err("Annotations"); err != nil {
		return nil, err
	}
	return w.Workspace.Annotations(ctx, id)
}

func (w failingWork) SaveEdit(ctx context.Context, who, label string, e storage.Edit) error {
	if err := w.f.err("SaveEdit"); err != nil {
		return err
	}
	return w.Workspace.SaveEdit(ctx, who, label, e)
}

func (w failingWork) Undo(ctx context.Context, who string, now time.Time) (storage.Change, error) {
	if err := w.f.err("Undo"); err != nil {
		return storage.Change{}, err
	}
	return w.Workspace.Undo(ctx, who, now)
}

func (w failingWork) Redo(ctx context.Context, who string, now time.Time) (storage.Change, error) {
	if err := w.f.err("Redo"); err != nil {
		return storage.Change{}, err
	}
	return w.Workspace.Redo(ctx, who, now)
}

func (w failingWork) MergeInto(ctx context.Context, id, other int64) error {
	if err := w.f.err("MergeInto"); err != nil {
		return err
	}
	return w.Workspace.MergeInto(ctx, id, other)
}

func (w failingWork) MoveOut(ctx context.Context, id int64) error {
	if err := w.f.err("MoveOut"); err != nil {
		return err
	}
	return w.Workspace.MoveOut(ctx, id)
}

func (w failingWork) Orphans(ctx context.Context, who string, id int64) ([]workspace.Orphan, error) {
	if err := w.f.err("Orphans"); err != nil {
		return nil, err
	}
	return w.Workspace.Orphans(ctx, who, id)
}

// failingBench is a bench whose store calls fail when f says so.
func failingBench(t *testing.T, f *faults, demo bool, arts ...annotate.Article) *bench {
	t.Helper()
	test.NewTempApp(t)
	ctx := context.Background()
	ws, err := workspace.Open(ctx, testDB(t, "f.db"), demo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	for i := range arts {
		arts[i].Fill()
	}
	if len(arts) > 0 {
		if _, err := ws.Store.AddArticles(ctx, arts); err != nil {
			t.Fatal(err)
		}
	}
	if err := ws.Store.SetSetting(ctx, settingAnnotator, "Ana"); err != nil {
		t.Fatal(err)
	}
	win := test.NewTempWindow(t, nil)
	win.Resize(fyne.NewSize(1400, 860))
	l := &testLoop{}
	wb := newWorkbench(win, Options{Store: failingStore{ws.Store, f}, Work: failingWork{ws, f}, Importer: ws, Codebooks: ws, Codebook: ws.Codebook}, l)
	b := &bench{t: t, ws: ws, wb: wb, win: win, loop: l}
	b.settle()
	return b
}

// noSaved fails if any status line claims a save.
func (b *bench) noSaved(what string) {
	b.t.Helper()
	for _, s := range []string{b.wb.coding.status.Text, b.wb.spans.panel.status.Text} {
		if strings.Contains(s, "Saved") {
			b.t.Errorf("%s: the window says %q", what, s)
		}
	}
}

// TestWindowNeverSaysSavedWhenTheStoreFails: for each write the window
// makes, a failing store leaves the window saying what failed and what to
// do, never "Saved", and showing what the database holds.
func TestWindowNeverSaysSavedWhenTheStoreFails(t *testing.T) {
	for _, fail := range []error{errDiskFull, errLocked} {
		t.Run("document code/"+fail.Error(), func(t *testing.T) {
			f := &faults{}
			b := failingBench(t, f, false, sampleArticles()...)
			id := b.wb.current
			f.set("SaveEdit", fail)
			b.typeRunes("3")
			b.noSaved("document code")
			if s := b.wb.coding.status.Text; !strings.Contains(s, "Not saved") || !strings.Contains(s, fail.Error()) || !strings.Contains(s, "make the change again") {
				t.Errorf("status %q", s)
			}
			if n := len(b.live(id)); n != 0 {
				t.Errorf("%d codes stored", n)
			}
			if b.wb.lib.items[0].Coded {
				t.Error("the library marks the article coded")
			}
			if v := b.wb.coding.fields[0].sel.Selected; v != "" {
				t.Errorf("the panel still shows %q, which is not in the database", v)
			}
		})
		t.Run("span code/"+fail.Error(), func(t *testing.T) {
			f := &faults{}
			b := failingBench(t, f, false, annotate.Article{Title: "Truce agreed", Outlet: "Continental Dispatch", Text: quoteArticle})
			start, end := runeIndex(quoteArticle, "We have"), runeIndex(quoteArticle, `," the deputy`)
			b.wb.read.body.SetSelection(start, end)
			b.wb.spans.selectRange(start, end)
			f.set("SaveEdit", fail)
			b.typeRunes("g")
			b.noSaved("span code")
			if s := b.wb.spans.panel.status.Text; !strings.Contains(s, "Not saved") {
				t.Errorf("span status %q", s)
			}
			if n := len(b.liveSpans()); n != 0 {
				t.Errorf("%d span codes stored", n)
			}
			if len(b.wb.spans.spans()) != 0 {
				t.Error("the reader still paints a span that is not in the database")
			}
		})
	}
}

// TestFailuresElsewhereSayWhatToDo covers the other store calls.
func TestFailuresElsewhereSayWhatToDo(t *testing.T) {
	t.Run("rejecting a suggestion", func(t *testing.T) {
		f := &faults{}
		b := failingBench(t, f, false, annotate.Article{Title: "Truce agreed", Outlet: "Continental Dispatch", Text: quoteArticle})
		open := len(b.wb.openSuggestions())
		b.typeRunes("j")
		f.set("SaveEdit", errDiskFull)
		b.key(fyne.KeyDelete)
		b.noSaved("rejection")
		if got := len(b.wb.openSuggestions()); got != open {
			t.Errorf("%d suggestions open after a failed rejection, want %d", got, open)
		}
		if s := b.wb.coding.status.Text; !strings.Contains(s, "Not saved") {
			t.Errorf("status %q", s)
		}
	})
	t.Run("undo", func(t *testing.T) {
		f := &faults{}
		b := failingBench(t, f, false, sampleArticles()...)
		b.typeRunes("3")
		f.set("Undo", errLocked)
		b.wb.undo()
		b.settle()
		if s := b.wb.coding.status.Text; !strings.Contains(s, "Could not undo") || !strings.Contains(s, "locked") {
			t.Errorf("status %q", s)
		}
		if n := len(b.live(b.wb.current)); n != 1 {
			t.Errorf("%d codes after a failed undo, want 1", n)
		}
	})
	t.Run("storing the name", func(t *testing.T) {
		f := &faults{}
		b := failingBench(t, f, false, sampleArticles()...)
		f.set("SetAnalyst", errDiskFull)
		b.wb.setAnnotator("Bea")
		b.settle()
		if b.wb.annotator != "Ana" || !b.wb.dlg.owns() {
			t.Errorf("analyst %q, error shown %v", b.wb.annotator, b.wb.dlg.owns())
		}
	})
	t.Run("listing articles", func(t *testing.T) {
		f := &faults{}
		b := failingBench(t, f, false, sampleArticles()...)
		f.set("Articles", errLocked)
		b.wb.lib.reload()
		b.settle()
		if s := b.wb.lib.count.Text; !strings.Contains(s, "Could not list articles") {
			t.Errorf("count %q", s)
		}
	})
	t.Run("reading codes", func(t *testing.T) {
		f := &faults{}
		b := failingBench(t, f, false, sampleArticles()...)
		f.set("Annotations", errLocked)
		b.typeRunes("n")
		if s := b.wb.coding.status.Text; !strings.Contains(s, "Could not read this article's codes") {
			t.Errorf("status %q", s)
		}
		b.typeRunes("3")
		if n := len(b.live(b.wb.current)); n != 0 {
			t.Errorf("coded an article whose codes could not be read: %d", n)
		}
	})
	t.Run("reading rejections", func(t *testing.T) {
		f := &faults{}
		f.set("Rejections", errLocked)
		b := failingBench(t, f, false, annotate.Article{Title: "Truce agreed", Outlet: "Continental Dispatch", Text: quoteArticle})
		if s := b.wb.coding.status.Text; !strings.Contains(s, "Could not read which suggestions you rejected") {
			t.Errorf("status %q", s)
		}
	})
	t.Run("listing orphans", func(t *testing.T) {
		f := &faults{}
		f.set("Orphans", errLocked)
		b := failingBench(t, f, true)
		b.openTitled("Lasta valley truce holds shakily")
		if s := b.wb.coding.carryLine.Text; !strings.Contains(s, "Could not check the other versions") {
			t.Errorf("carry line %q", s)
		}
	})
	t.Run("moving a version out", func(t *testing.T) {
		f := &faults{}
		b := failingBench(t, f, true)
		b.openTitled("Lasta valley truce holds shakily")
		f.set("MoveOut", errLocked)
		b.wb.vers.moveOut()
		b.settle()
		b.key(fyne.KeyReturn) // confirm
		if !b.wb.dlg.owns() {
			t.Fatal("no error shown")
		}
		fam, _ := b.ws.Store.FamilyOf(context.Background(), b.wb.current)
		if len(fam.Versions) != 3 {
			t.Errorf("family has %d versions", len(fam.Versions))
		}
	})
}

// TestSpanCodesSaySaved: a span code gets the same "✓ Saved" as an article
// code, once it is committed.
func TestSpanCodesSaySaved(t *testing.T) {
	b := spanBench(t)
	start, end := runeIndex(quoteArticle, "We have"), runeIndex(quoteArticle, `," the deputy`)
	b.wb.read.body.SetSelection(start, end)
	b.wb.spans.selectRange(start, end)
	b.typeRunes("g")
	if s := b.wb.spans.panel.status.Text; !strings.HasPrefix(s, "✓ Saved") {
		t.Errorf("span status %q", s)
	}
	if n := len(b.liveSpans()); n != 1 {
		t.Errorf("%d span codes stored", n)
	}
}

// errOffline is what the store says when the database server has gone.
var errOffline = fmt.Errorf("save change: failed to connect to the server: connection refused: %w", storage.ErrOffline)

// TestOfflineSavesWaitInOrder: with the server out of reach, codes are
// not dropped and never called saved: they wait in order, the window
// says it is offline, closing asks before losing them, and when the
// server is back they are saved in the order they were made.
func TestOfflineSavesWaitInOrder(t *testing.T) {
	f := &faults{}
	b := failingBench(t, f, false, sampleArticles()...)
	var retries []func()
	b.wb.jobs.after = func(_ time.Duration, fn func()) { retries = append(retries, fn) }
	id := b.wb.current
	f.set("SaveEdit", errOffline)
	b.typeRunes("3") // first field
	b.settle()
	b.noSaved("offline code")
	if s := b.wb.coding.status.Text; !strings.Contains(s, "Offline since") || !strings.Contains(s, "1 change waits") {
		t.Errorf("status %q, want it to say offline and one change waiting", s)
	}
	if !strings.HasSuffix(b.win.Title(), offlineMark) {
		t.Errorf("title %q does not say offline", b.win.Title())
	}
	if v := b.wb.coding.fields[0].sel.Selected; v == "" {
		t.Error("the panel dropped the code the analyst made")
	}
	// a second code, and a change of the first, queue behind it
	b.wb.coding.setActive(1)
	b.typeRunes("1")
	b.settle()
	b.wb.coding.setActive(0)
	b.typeRunes("2")
	b.settle()
	if s := b.wb.coding.status.Text; !strings.Contains(s, "3 changes wait") {
		t.Errorf("status %q, want three changes waiting", s)
	}
	if n := len(b.live(id)); n != 0 {
		t.Fatalf("%d codes stored while offline", n)
	}
	// a retry while still offline keeps them
	if len(retries) == 0 {
		t.Fatal("no retry scheduled")
	}
	retries[len(retries)-1]()
	b.settle()
	if n := len(b.live(id)); n != 0 {
		t.Fatalf("%d codes stored while still offline", n)
	}
	// closing asks, and Enter keeps waiting
	b.wb.quit()
	b.settle()
	if !b.wb.dlg.owns() {
		t.Fatal("closing with changes waiting did not ask")
	}
	b.wb.dlg.key(&fyne.KeyEvent{Name: fyne.KeyReturn})
	b.settle()
	if held, n := b.wb.jobs.holding(); !held || n != 3 {
		t.Fatalf("after Enter on the question: held %v, %d waiting; want the 3 kept", held, n)
	}
	// the server is back
	f.set("SaveEdit", nil)
	retries[len(retries)-1]()
	b.settle()
	if held, n := b.wb.jobs.holding(); held || n != 0 {
		t.Errorf("after the server came back: held %v, %d waiting", held, n)
	}
	if strings.HasSuffix(b.win.Title(), offlineMark) {
		t.Errorf("title %q still says offline", b.win.Title())
	}
	if s := b.wb.coding.status.Text; !strings.Contains(s, "Saved") {
		t.Errorf("status %q after the saves", s)
	}
	got := map[annotate.Field]string{}
	for _, a := range b.live(id) {
		got[annotate.Field{Dimension: a.Dimension, Target: a.Target}] = a.Value
	}
	first, second := b.wb.coding.fields[0], b.wb.coding.fields[1]
	want1, want2 := first.dim.ValueByShortcut("2").Key, second.dim.ValueByShortcut("1").Key
	if got[first.key] != want1 || got[second.key] != want2 {
		t.Errorf("stored %v; want the last choice of each field (%v=%s, %v=%s): the changes were applied out of order",
			got, first.key, want1, second.key, want2)
	}
}
