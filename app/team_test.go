package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"redline/workspace"
)

// teamWork is a workspace as a login on a team server sees it: the name
// is the lead's mapping; lead says whether the login is the lead.
type teamWork struct {
	*workspace.Workspace
	lead bool
	name string // "" is Ana
}

func (teamWork) AnalystFixed() bool                       { return true }
func (w teamWork) Lead() bool                             { return w.lead }
func (teamWork) SetAnalyst(context.Context, string) error { return nil }

func (w teamWork) Analyst(context.Context) (string, error) {
	if w.name == "" {
		return "Ana", nil
	}
	return w.name, nil
}

// TestTeamServerMenu: a coder's window on a team server codes as the
// server's name for the login, does not offer the lead's work, and
// explains that the name is not hers to change; the lead's offers all.
func TestTeamServerMenu(t *testing.T) {
	leadOnly := []string{"Import files…", "Import folder…", "Merge a teammate's export…", "Merge another story in…",
		"Exclude from the analysis…", "Edit codebook…"}
	for _, isLead := range []bool{false, true} {
		test.NewTempApp(t)
		ws, err := workspace.Open(context.Background(), filepath.Join(t.TempDir(), "team.db"), false)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.Close()
		win := test.NewTempWindow(t, nil)
		win.Resize(fyne.NewSize(1200, 800))
		l := &testLoop{}
		work := teamWork{Workspace: ws, lead: isLead}
		wb := newWorkbench(win, Options{Store: ws.Store, Work: work, Importer: ws, Codebooks: ws, Codebook: ws.Codebook}, l)
		b := &bench{t: t, ws: ws, wb: wb, win: win, loop: l}
		b.settle()
		if wb.annotator != "Ana" {
			t.Errorf("lead=%v: codes as %q, want the server's name Ana", isLead, wb.annotator)
		}
		items := map[string]*fyne.MenuItem{}
		for _, m := range win.MainMenu().Items {
			for _, it := range m.Items {
				items[it.Label] = it
			}
		}
		for _, label := range leadOnly {
			if it := items[label]; it == nil || it.Disabled == isLead {
				t.Errorf("lead=%v: %q disabled=%v", isLead, label, it != nil && it.Disabled)
			}
		}
		if it := items["Export CSV, one row per article and coder…"]; it == nil || it.Disabled {
			t.Errorf("lead=%v: export is not offered", isLead)
		}
		if !isLead {
			wb.askAnnotator()
			b.settle()
			if !wb.dlg.owns() {
				t.Error("Change analyst name… on a team server shows nothing")
			}
			if wb.askingName || !strings.Contains(wb.annotator, "Ana") {
				t.Errorf("the name dialog opened on a team server (asking=%v, name %q)", wb.askingName, wb.annotator)
			}
		}
	}
}

// TestTeamLoginsKeepTheirOwnWindow: on a team server every login shares
// the settings; each analyst's window still opens at her own last article
// and size, not at those of whoever closed last.
func TestTeamLoginsKeepTheirOwnWindow(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	ws, err := workspace.Open(ctx, testDB(t, "team.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	arts := sampleArticles()
	for i := range arts {
		arts[i].Fill()
	}
	if _, err := ws.Store.AddArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	open := func(name string, size fyne.Size) *bench {
		win := test.NewWindow(nil) // quit closes it; the driver must not close it again
		t.Cleanup(func() {
			for _, w := range fyne.CurrentApp().Driver().AllWindows() {
				if w == win {
					win.Close()
				}
			}
		})
		win.Resize(size)
		l := &testLoop{}
		wb := newWorkbench(win, Options{Store: ws.Store, Work: teamWork{Workspace: ws, name: name}, Importer: ws, Codebooks: ws, Codebook: ws.Codebook}, l)
		b := &bench{t: t, ws: ws, wb: wb, win: win, loop: l}
		b.settle()
		return b
	}
	ana := open("Ana", fyne.NewSize(1000, 700))
	ana.wb.lib.list.Select(1)
	ana.settle()
	anaArticle := ana.wb.current
	ana.wb.quit()
	ana.settle()
	ben := open("Ben", fyne.NewSize(1300, 900))
	ben.wb.lib.list.Select(2)
	ben.settle()
	benArticle := ben.wb.current
	ben.wb.quit()
	ben.settle()
	if anaArticle == benArticle {
		t.Fatal("the test needs two different articles")
	}
	again := open("Ana", fyne.NewSize(1000, 700))
	if again.wb.current != anaArticle {
		t.Errorf("Ana's window opened article %d, want her own last %d (Ben's was %d)", again.wb.current, anaArticle, benArticle)
	}
	key := func(k string) string { return windowKey(k, true, "Ana") }
	if sz := windowSize(ws.Store, key); sz.Width != 1000 || sz.Height != 700 {
		t.Errorf("Ana's window size %v, want her own 1000 × 700", sz)
	}
}
