package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
	"redline/diff"
	"redline/keymap"
	"redline/storage"
	"redline/workspace"
)

// Workbench is the main window's content and behaviour.
type Workbench struct {
	win       fyne.Window
	store     Store
	work      Workflows
	history   HistoryFetcher
	dlg       *dialogs
	cmds      map[keymap.Command]func() // what each key command does (commands)
	importer  Importer
	cb        *annotate.Codebook
	codebooks Codebooks
	loop      loop
	jobs      *serial

	lib     *library
	read    *reader
	coding  *codingPanel
	spans   *spanCoder
	right   *fyne.Container
	vers    *versionsView
	sources SourceList
	sugg    suggestions
	tabs    *container.AppTabs
	verTab  *container.TabItem
	codes   *codesView
	codeTab *container.TabItem

	mark      string        // the database's change mark when last looked at
	checking  bool          // a look at the mark is under way
	stopWatch chan struct{} // ends watchChanges
	agreeV    *agreementView
	agreeT    *container.TabItem
	chartV    *chartsView
	chartT    *container.TabItem
	// pendingSpan is a span to select once its article is open (a row of
	// the Codes view was chosen).
	pendingSpan struct {
		article    int64
		start, end int
	}

	annotator  string
	project    workspace.Project // blind or open, and its lead
	askingName bool              // the name dialog is open
	current    int64             // article shown, 0 for none
	loadSeq    int
}

// Options configure a workbench.
type Options struct {
	Store     Store
	Work      Workflows
	History   HistoryFetcher // nil: the menu item is left out
	Importer  Importer
	Codebooks Codebooks
	Codebook  *annotate.Codebook
}

// New builds the workbench into win. It starts loading the library at once
// and asks for the analyst's name if this database has none yet.
func New(win fyne.Window, opt Options) *Workbench {
	wb := newWorkbench(win, opt, fyneLoop{})
	wb.stopWatch = make(chan struct{})
	go wb.watchChanges(wb.stopWatch)
	return wb
}

func newWorkbench(win fyne.Window, opt Options, l loop) *Workbench {
	wb := &Workbench{win: win, store: opt.Store, work: opt.Work, history: opt.History, importer: opt.Importer, codebooks: opt.Codebooks, cb: opt.Codebook, loop: l}
	wb.jobs = &serial{loop: l}
	wb.jobs.onHold = wb.showHold
	wb.dlg = newDialogs(win)
	wb.lib = newLibrary(opt.Store, l)
	wb.read = newReader()
	wb.read.onHide = func(bool) {
		wb.spans.selectRange(0, 0)
		wb.spans.paint()
	}
	wb.sources = opt.Store
	wb.right = container.NewStack()
	wb.newSuggestionOptions()
	wb.buildCoding()
	wb.vers = newVersionsView(opt.Store, l, win, wb.dlg)
	wb.vers.work = opt.Work
	wb.vers.rel = opt.Work
	wb.vers.onOpenRelated = func(id int64) { wb.openAt(id, -1, -1) }
	wb.vers.onMergeRelated = func(family int64) { wb.mergeFamily(family) }
	wb.vers.onChanged = wb.lib.reload
	wb.lib.onSelect = wb.open
	wb.lib.annotator = func() string { return wb.annotator }
	wb.lib.newVersions = func(who string) (map[int64]int, error) {
		return opt.Work.StoriesWithNewVersions(context.Background(), who)
	}
	wb.lib.onEscape = func() { wb.win.Canvas().Unfocus() }

	left := wb.lib.view()
	right := wb.right
	wb.verTab = container.NewTabItem("Versions", wb.vers.view())
	wb.codes = newCodesView(opt.Store, l, win, wb.dlg)
	wb.codes.onOpen = wb.openAt
	wb.codes.onlyOf = wb.blindTo
	wb.codeTab = container.NewTabItem("Codes", wb.codes.view())
	wb.agreeV = newAgreementView(opt.Work, l, func() *annotate.Codebook { return wb.cb }, func() string { return wb.annotator })
	wb.agreeV.onOpen = wb.openAt
	wb.agreeV.blindTo = wb.blindTo
	wb.agreeV.onSettled = wb.reloadCodes
	wb.agreeT = container.NewTabItem("Agreement", wb.agreeV.view())
	wb.chartV = newChartsView(opt.Work, l, win, wb.dlg, func() *annotate.Codebook { return wb.cb }, func() int64 { return wb.current })
	wb.chartV.onlyOf = wb.blindTo
	wb.chartT = container.NewTabItem("Charts", wb.chartV.view())
	wb.tabs = container.NewAppTabs(container.NewTabItem("Read", wb.read.view()), wb.verTab, wb.codeTab, wb.agreeT, wb.chartT)
	wb.tabs.OnSelected = func(t *container.TabItem) {
		switch t {
		case wb.codeTab:
			wb.codes.reload() // every code as stored now
		case wb.chartT:
			wb.chartV.refresh()
		case wb.verTab:
			wb.markSeen()
		}
	}
	wb.vers.onFamily = func(n int) {
		title := "Versions"
		if n > 1 {
			title = fmt.Sprintf("Versions (%d)", n)
		}
		if wb.verTab.Text != title {
			wb.verTab.Text = title
			wb.tabs.Refresh()
		}
	}
	mid := container.NewHSplit(wb.tabs, right)
	mid.Offset = 0.66
	split := container.NewHSplit(left, mid)
	split.Offset = 0.25
	win.SetContent(split)
	wb.cmds = wb.commands()
	win.SetMainMenu(wb.menu())
	win.SetCloseIntercept(wb.quit)
	win.Canvas().SetOnTypedRune(wb.typedRune)
	win.Canvas().SetOnTypedKey(wb.typedKey)
	win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		var paths []string
		for _, u := range uris {
			if u.Scheme() == "file" {
				paths = append(paths, u.Path())
			}
		}
		if len(paths) > 0 {
			wb.importPaths(paths)
		}
	})
	wb.loadAnnotator() // then lists the library: marks and the last article depend on it
	return wb
}

// findBoilerplate marks the lines of a that its outlet repeats across its
// stories, off the UI goroutine.
func (wb *Workbench) findBoilerplate(a annotate.Article) {
	if a.Outlet == "" {
		return
	}
	wb.loop.Go(func() func() {
		texts, err := wb.store.OutletTexts(context.Background(), a.Outlet, 300)
		if err != nil || len(texts) < 3 {
			return nil
		}
		lines := make([][]string, len(texts))
		for i, t := range texts {
			lines[i] = strings.Split(t, "\n")
		}
		found := diff.Boilerplate(lines)
		return func() {
			if wb.current != a.ID {
				return
			}
			wb.read.setBoilerplate(found)
			wb.spans.paint()
		}
	})
}

// findChrome finds the page chrome of a, off the UI goroutine, to dim it.
func (wb *Workbench) findChrome(a annotate.Article) {
	wb.loop.Go(func() func() {
		blocks := diff.Prepare(a.Text).Chrome()
		return func() {
			if wb.current != a.ID || len(blocks) == 0 {
				return
			}
			wb.read.chrome = blocks
			wb.spans.paint()
		}
	})
}

// buildCoding makes the coding panels for the codebook in force.
func (wb *Workbench) buildCoding() {
	wb.coding = newCodingPanel(wb.cb, wb.work, wb.jobs, annotate.LevelDocument)
	wb.coding.annotator = func() string { return wb.annotator }
	wb.coding.askName = wb.askAnnotator
	wb.coding.onWritten = wb.reloadCodes
	wb.coding.onUnsaved = func(id int64) {
		if id == wb.current && wb.read.article.ID == id {
			wb.computeSuggestions(id, wb.read.article.Text)
		}
	}
	wb.coding.header.SetText(wb.codingTitle())
	wb.spans = newSpanCoder(wb, wb.read.body, wb.loop, wb.jobs, wb.sources, wb.cb, wb.work)
	wb.read.body.OnSelectionChanged = wb.spans.selectRange
	wb.read.body.OnHighlightTapped = wb.spans.tapped
	wb.right.Objects = []fyne.CanvasObject{wb.coding.view(), wb.spans.view}
	wb.spans.view.Hide()
	wb.right.Refresh()
}

// open shows an article in the reader and its codes in the coding panel.
func (wb *Workbench) open(it annotate.ArticleSummary) {
	wb.current = it.ID
	wb.coding.setActive(0) // a new article starts at the first field
	wb.rememberArticle(it.ID)
	wb.loadSeq++
	seq := wb.loadSeq
	wb.coding.load(it.ID)
	wb.vers.show(it.ID)
	wb.loop.Go(func() func() {
		a, err := wb.store.Article(context.Background(), it.ID)
		return func() {
			if seq != wb.loadSeq {
				return
			}
			if err != nil {
				wb.read.clear("Could not read this article: " + err.Error())
				return
			}
			wb.read.show(a)
			wb.spans.load(a.ID, a.Text)
			if p := wb.pendingSpan; p.article == a.ID {
				wb.pendingSpan.article = 0
				if p.start >= 0 && p.end > p.start {
					wb.read.body.SetSelection(p.start, p.end)
					wb.read.body.ScrollToRune(p.start)
					wb.spans.selectRange(p.start, p.end)
				}
			}
			wb.computeSuggestions(a.ID, a.Text)
			wb.findBoilerplate(a)
			wb.findChrome(a)
		}
	})
	// keys go to the coding panel, not the list that was clicked; a dialog
	// open meanwhile (the name question at start) keeps its focus
	if !wb.dlg.owns() {
		wb.win.Canvas().Unfocus()
	}
}

// blindTo is the analyst whose codes alone the views may show (a blind
// project, and not its lead), or "" when every code may be shown.
func (wb *Workbench) blindTo() string { return wb.project.OnlyOf(wb.annotator) }

// markSeen records that the analyst has looked at the open story's
// versions (the library's "new since you looked" mark starts again).
func (wb *Workbench) markSeen() {
	id, who := wb.current, wb.annotator
	if id == 0 || who == "" {
		return
	}
	wb.loop.Go(func() func() {
		if err := wb.work.MarkStorySeen(context.Background(), who, id); err != nil {
			return nil // a mark only
		}
		return wb.lib.reload
	})
}

// mergeFamily merges story family into the open article's story.
func (wb *Workbench) mergeFamily(family int64) {
	target := wb.current
	if target == 0 {
		return
	}
	wb.loop.Go(func() func() {
		err := wb.work.MergeInto(context.Background(), target, family)
		return func() {
			if err != nil {
				wb.dlg.fail(fmt.Errorf("could not merge the stories: %w. Nothing changed; try again", err))
				return
			}
			wb.vers.show(target)
			wb.lib.reload()
		}
	})
}

// The span coder's view of the window (spanHost).

func (wb *Workbench) annotatorName() string { return wb.annotator }
func (wb *Workbench) textHidden() bool      { return wb.read.hidden() }
func (wb *Workbench) say(msg string)        { wb.coding.status.SetText(msg) }
func (wb *Workbench) otherHighlights() []Highlight {
	hls := append(wb.suggestionHighlights(), wb.read.boilerplateHighlights()...)
	hls = append(hls, wb.read.headHighlights()...)
	return append(hls, wb.read.chromeHighlights()...)
}

// openAt opens an article in the reader with a span selected (start < 0:
// the whole article), from the Codes view.
func (wb *Workbench) openAt(articleID int64, start, end int) {
	wb.tabs.SelectIndex(0)
	wb.pendingSpan.article, wb.pendingSpan.start, wb.pendingSpan.end = articleID, start, end
	if i := wb.lib.indexOf(articleID); i >= 0 {
		if wb.lib.selected == articleID {
			wb.open(wb.lib.items[i])
		} else {
			wb.lib.list.Select(i)
			wb.lib.list.ScrollTo(i)
		}
		return
	}
	// not in the list as filtered: open it anyway
	wb.lib.selected = articleID
	wb.open(annotate.ArticleSummary{ID: articleID})
}

// releaseKeys gives the keyboard back to the window after a chooser was
// used, unless a dialog owns it.
func (wb *Workbench) releaseKeys() {
	if !wb.dlg.owns() {
		wb.win.Canvas().Unfocus()
	}
}

func (wb *Workbench) typedRune(r rune) {
	if wb.dlg.owns() {
		return // a dialog owns the keyboard
	}
	if cmd, ok := keymap.ForRune(r); ok {
		wb.run(cmd)
		return
	}
	if wb.spanSelected() {
		wb.spans.typedRune(r)
		return
	}
	wb.coding.typedRune(r)
}

// commands are what the keymap's commands do in this window.
func (wb *Workbench) commands() map[keymap.Command]func() {
	return map[keymap.Command]func(){
		keymap.NextArticle:     func() { wb.lib.step(+1) },
		keymap.PreviousArticle: func() { wb.lib.step(-1) },
		keymap.NextUncoded: func() {
			if !wb.lib.nextUncoded() {
				wb.activePanel().status.SetText("Every article in the list is coded. Choose All articles or clear the search to see more.")
			}
		},
		keymap.NextSuggestion:     func() { wb.stepSuggestion(+1) },
		keymap.PreviousSuggestion: func() { wb.stepSuggestion(-1) },
		keymap.NextChange:         wb.nextChange,
		keymap.PreviousChange:     wb.previousChange,
		keymap.ReadTab:            func() { wb.tabs.SelectIndex(0) },
		keymap.VersionsTab:        func() { wb.tabs.Select(wb.verTab) },
		keymap.Search:             wb.focusSearch,
		keymap.WriteNote:          func() { wb.coding.focusNote() },
		keymap.ImportFiles:        wb.showImportFile,
		keymap.ImportFolder:       wb.showImportFolder,
		keymap.ExportLong:         func() { wb.showExport(formLong) },
		keymap.Undo:               wb.undo,
		keymap.Redo:               wb.redo,
		keymap.NextField:          func() { wb.stepField(+1) },
		keymap.PreviousField:      func() { wb.stepField(-1) },
		keymap.Shortcuts:          wb.showShortcuts,
		keymap.Manual:             wb.showManual,
		keymap.Quit:               wb.quit,
	}
}

// stepField moves the marked coding field. On a span, the source name
// comes before the first field: Alt+↑ from the first field types the name,
// Alt+↓ from the name goes back to the fields.
func (wb *Workbench) stepField(dir int) {
	p := wb.activePanel()
	if p == wb.spans.panel {
		inName := wb.win.Canvas().Focused() == fyne.Focusable(wb.spans.source)
		switch {
		case inName && dir > 0:
			wb.win.Canvas().Unfocus()
			p.setActive(0)
			return
		case inName:
			return
		case dir < 0 && p.active == 0:
			wb.win.Canvas().Focus(wb.spans.source)
			p.status.SetText("Type who speaks and press Enter; Alt+↓ goes back to the codes.")
			return
		}
	}
	p.setActive(p.active + dir)
}

// run does a command, unless a dialog owns the keyboard.
func (wb *Workbench) run(cmd keymap.Command) {
	if wb.dlg.owns() {
		return
	}
	if fn := wb.cmds[cmd]; fn != nil {
		fn()
	}
}

// showHold says, while the database server is out of reach, that the
// analyst's changes wait in order and are not saved yet; and clears the
// title's mark when they are.
func (wb *Workbench) showHold(held bool, since time.Time, saves int) {
	title := strings.TrimSuffix(wb.win.Title(), offlineMark)
	if !held {
		wb.win.SetTitle(title)
		return
	}
	wb.win.SetTitle(title + offlineMark)
	wb.activePanel().status.SetText(holdMessage(since, saves))
}

// offlineMark ends the window's title while changes wait for the server.
const offlineMark = " — offline, not saved"

// holdMessage is the status line while saves wait for the server.
func holdMessage(since time.Time, saves int) string {
	what := "1 change waits"
	if saves != 1 {
		what = fmt.Sprintf("%d changes wait", saves)
	}
	return fmt.Sprintf("Offline since %s: the database server cannot be reached, so nothing is saved. %s, in order, and will be saved when it is back (tried every %s). Keep this window open.",
		since.Format("15:04:05"), what, retryEvery)
}

// watchEvery is how often the window asks whether anyone changed the
// database: a team's codes and merged stories show within that time.
var watchEvery = 3 * time.Second

// watchChanges asks every watchEvery, until stop closes, whether the
// database changed, and shows what changed (checkChanges).
func (wb *Workbench) watchChanges(stop <-chan struct{}) {
	t := time.NewTicker(watchEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			wb.loop.Do(wb.checkChanges)
		}
	}
}

// checkChanges reads the database's change mark off the UI goroutine and,
// when it moved, shows what others changed without disturbing the
// analyst: not while a dialog is open or a save of theirs is under way
// (the next check shows it then), never moving the library's selection
// or scroll, never touching the coding panel's fields.
func (wb *Workbench) checkChanges() {
	if wb.checking {
		return
	}
	wb.checking = true
	wb.loop.Go(func() func() {
		mark, err := wb.store.ChangeMark(context.Background())
		return func() {
			wb.checking = false
			if err != nil || mark == wb.mark {
				return // offline: the save queue says so; nothing to show
			}
			if wb.mark == "" {
				wb.mark = mark // the first look: what is shown is current
				return
			}
			if wb.dlg.owns() || wb.jobs.busy() {
				return
			}
			wb.mark = mark
			wb.showOutsideChanges()
		}
	})
}

// showOutsideChanges rereads what others may have changed: the library
// (stories merged, articles imported), the Codes or Charts tab when open, the
// open article's codes (span highlights, the coded mark) unless text is
// selected for coding, and the open article's versions unless the analyst
// is comparing them.
func (wb *Workbench) showOutsideChanges() {
	wb.lib.reloadQuietly()
	switch wb.tabs.Selected() {
	case wb.codeTab:
		wb.codes.reload()
	case wb.chartT:
		wb.chartV.refresh() // the agreement is computed when asked: its figures stay until then
	}
	if wb.current != 0 && !wb.spanSelected() {
		wb.reloadCodes(wb.current)
	}
	if wb.current != 0 && wb.tabs.Selected() != wb.verTab {
		wb.vers.show(wb.current)
	}
}

// quit flushes a note being typed, remembers the window's size and
// closes the window. Every code is saved already, unless the server is
// out of reach: then the analyst chooses between waiting and closing
// without the changes that wait.
func (wb *Workbench) quit() {
	wb.activePanel().flushNotes()
	if held, saves := wb.jobs.holding(); held {
		msg := widget.NewLabel(fmt.Sprintf("%d change(s) could not reach the database server and are not saved.\n"+
			"Keep waiting, and the window saves them, in order, when the server is back;\nor close now and lose them.", saves))
		d := dialog.NewCustomConfirm("Changes not saved", "Close and lose them", "Keep waiting", msg, func(closeNow bool) {
			if closeNow {
				wb.jobs.drop()
				wb.quit()
			}
		}, wb.win)
		wb.dlg.show(d, nil) // Enter and Esc keep waiting: losing work takes a click
		return
	}
	if wb.jobs.busy() {
		wb.activePanel().status.SetText("Saving before closing…")
	}
	wb.jobs.whenIdle(func() { // the last save commits before the window goes
		if wb.stopWatch != nil {
			close(wb.stopWatch)
			wb.stopWatch = nil
		}
		sz := wb.win.Canvas().Size()
		// a convenience for next time: a failure costs only the size
		_ = wb.store.SetSetting(context.Background(), wb.windowKey(settingWidth), strconv.Itoa(int(sz.Width)))
		_ = wb.store.SetSetting(context.Background(), wb.windowKey(settingHeight), strconv.Itoa(int(sz.Height)))
		wb.win.Close()
	})
}

func (wb *Workbench) spanSelected() bool { return wb.spans.start != wb.spans.end }

func (wb *Workbench) nextChange() {
	wb.tabs.Select(wb.verTab)
	wb.vers.step(+1)
}

func (wb *Workbench) previousChange() {
	wb.tabs.Select(wb.verTab)
	wb.vers.step(-1)
}

func (wb *Workbench) typedKey(k *fyne.KeyEvent) {
	if wb.dlg.owns() {
		wb.dlg.key(k) // Esc closes, Enter confirms, the rest stays in the dialog
		return
	}
	// function keys without a modifier never reach the menu's shortcuts
	if cmd, ok := keymap.ForKey(string(k.Name)); ok {
		wb.run(cmd)
		return
	}
	if wb.spanSelected() {
		switch k.Name {
		case fyne.KeyReturn, fyne.KeyEnter:
			switch {
			case len(wb.spans.carried()) > 0:
				wb.spans.confirmCarry()
			case wb.acceptSuggestion():
			default:
				wb.spans.panel.typedKey(k)
			}
		case fyne.KeyDelete, fyne.KeyBackspace:
			switch {
			case len(wb.spans.carried()) > 0:
				wb.spans.rejectCarry()
			case wb.rejectSuggestion():
			default:
				wb.spans.removeSpan()
			}
		case fyne.KeyEscape:
			wb.read.body.SetSelection(0, 0)
			wb.spans.selectRange(0, 0)
		default:
			wb.spans.panel.typedKey(k)
		}
		return
	}
	wb.coding.typedKey(k)
}

// activePanel is the coding panel the keys go to.
func (wb *Workbench) activePanel() *codingPanel {
	if wb.spanSelected() {
		return wb.spans.panel
	}
	return wb.coding
}

// showSpanPanel switches the right pane between coding the whole article
// and coding the selected text.
func (wb *Workbench) showSpanPanel(on bool) {
	if on {
		wb.right.Objects[0].Hide()
		wb.right.Objects[1].Show()
	} else {
		wb.right.Objects[1].Hide()
		wb.right.Objects[0].Show()
	}
	wb.right.Refresh()
}

// reloadCodes rereads an article's annotations after a change: the span
// highlights, the carried-codes line and the library's coded mark follow
// the database.
func (wb *Workbench) reloadCodes(articleID int64) {
	wb.jobs.Go(func() func() {
		anns, err := wb.work.Annotations(context.Background(), articleID)
		return func() {
			if err != nil {
				wb.activePanel().status.SetText("Could not read this article's codes: " + err.Error() + ". Choose the article again to retry.")
				return
			}
			coded := annotate.Coded(anns, wb.annotator)
			pending := false
			for _, a := range anns {
				pending = pending || !a.Deleted && a.Pending() && a.Annotator == wb.annotator
			}
			wb.lib.markCoded(articleID, coded, pending && !coded)
			if articleID == wb.current && wb.spans.article == articleID {
				wb.spans.setCodes(anns)
				wb.updateCarryLine()
				wb.updateSuggestionLine() // a quote coded or uncoded changes what is open
			}
		}
	})
}

// undo takes back the analyst's latest change, on whichever article it was.
func (wb *Workbench) undo() { wb.travel(true) }

// redo makes the change undone last again.
func (wb *Workbench) redo() { wb.travel(false) }

func (wb *Workbench) travel(undo bool) {
	name := wb.annotator
	if name == "" {
		return
	}
	wb.activePanel().flushNotes()
	wb.jobs.Go(func() func() {
		var c storage.Change
		var err error
		if undo {
			c, err = wb.work.Undo(context.Background(), name, nowUTC())
		} else {
			c, err = wb.work.Redo(context.Background(), name, nowUTC())
		}
		return func() {
			status := wb.activePanel().status
			switch {
			case err != nil:
				status.SetText("Could not undo or redo: " + err.Error())
				return
			case c.Seq == 0 && undo:
				status.SetText("Nothing to undo.")
				return
			case c.Seq == 0:
				status.SetText("Nothing to redo.")
				return
			}
			verb := "Redid"
			if undo {
				verb = "Undid"
			}
			article := c.ArticleID()
			where := ""
			if article != wb.current {
				where = fmt.Sprintf(" (on article %d)", article)
			}
			msg := fmt.Sprintf("%s: %s%s. Ctrl+Z undoes, Ctrl+Shift+Z redoes.", verb, c.Label, where)
			status.SetText(msg)
			if article == wb.current {
				wb.coding.notice = msg
				wb.coding.load(article)
				if len(c.After.Rejections) > 0 && wb.read.article.ID == article {
					wb.computeSuggestions(article, wb.read.article.Text)
				}
			}
			// the change may have carried codes to other versions
			seen := map[int64]bool{}
			for _, a := range c.After.Annotations {
				if !seen[a.ArticleID] {
					seen[a.ArticleID] = true
					wb.reloadCodes(a.ArticleID)
				}
			}
			if article != 0 && !seen[article] {
				wb.reloadCodes(article)
			}
		}
	})
}

func (wb *Workbench) focusSearch() {
	wb.win.Canvas().Focus(wb.lib.search)
}

// menu builds the main menu; every shortcut shown comes from the keymap.
func (wb *Workbench) menu() *fyne.MainMenu {
	cmds := wb.cmds
	item := func(label string, cmd keymap.Command) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() { wb.run(cmd) })
		if b, ok := keymap.Find(cmd); ok {
			for _, k := range b.Keys {
				if k.Ctrl || k.Alt {
					it.Shortcut = shortcutFor(k)
					break
				}
			}
		}
		if cmds[cmd] == nil {
			it.Disabled = true
		}
		return it
	}
	plain := func(label string, fn func()) *fyne.MenuItem { return fyne.NewMenuItem(label, wb.dlg.guard(fn)) }
	// a coder on a team server: the server refuses the lead's work, so
	// the menu does not offer it
	coder := wb.work.AnalystFixed() && !wb.work.Lead()
	lead := func(it *fyne.MenuItem) *fyne.MenuItem {
		it.Disabled = it.Disabled || coder
		return it
	}
	file := fyne.NewMenu("File",
		lead(item("Import files…", keymap.ImportFiles)),
		lead(item("Import folder…", keymap.ImportFolder)),
		lead(plain("Import the history of a page (web archive)…", wb.showFetchHistory)),
		fyne.NewMenuItemSeparator(),
		item("Export CSV, one row per code…", keymap.ExportLong),
		plain("Export CSV, one row per article and coder…", func() { wb.showExport(formWide) }),
		fyne.NewMenuItemSeparator(),
		lead(plain("Merge a teammate's export…", wb.showMergeFile)),
		fyne.NewMenuItemSeparator(),
		plain("Change analyst name…", wb.askAnnotator),
	)
	goMenu := fyne.NewMenu("Go",
		item("Next article", keymap.NextArticle),
		item("Previous article", keymap.PreviousArticle),
		item("Next uncoded article", keymap.NextUncoded),
		item("Search", keymap.Search),
		item("Write note", keymap.WriteNote),
	)
	edit := fyne.NewMenu("Edit",
		item("Undo coding", keymap.Undo),
		item("Redo coding", keymap.Redo),
		fyne.NewMenuItemSeparator(),
		item("Next coding field", keymap.NextField),
		item("Previous coding field", keymap.PreviousField),
	)
	versions := fyne.NewMenu("Versions",
		item("Read the article", keymap.ReadTab),
		item("Compare versions", keymap.VersionsTab),
		item("Next change", keymap.NextChange),
		item("Previous change", keymap.PreviousChange),
		fyne.NewMenuItemSeparator(),
		lead(plain("Merge another story in…", wb.showMerge)),
		lead(plain("Move the newer version out…", wb.vers.moveOut)),
		lead(plain("Set the newer version's time…", wb.vers.setTime)),
	)
	article := fyne.NewMenu("Article",
		lead(plain("Edit its details (title, outlet, date, address)…", wb.showEditArticle)),
		lead(plain("Exclude from the analysis…", wb.showExclude)),
		lead(plain("Include in the analysis again", wb.includeAgain)),
	)
	codebook := fyne.NewMenu("Codebook",
		lead(plain("Edit codebook…", wb.showCodebookEditor)),
		lead(plain("Import codebook…", wb.showCodebookImport)),
		plain("Export codebook…", wb.showCodebookExport),
	)
	help := fyne.NewMenu("Help",
		item("Keyboard shortcuts (F1)", keymap.Shortcuts),
		item("Coding manual (F2)", keymap.Manual),
		fyne.NewMenuItemSeparator(),
		plain("About Redline", wb.showAbout),
	)
	return fyne.NewMainMenu(file, edit, goMenu, article, versions, codebook, help)
}

// shortcutFor turns a keymap chord into a Fyne shortcut; Ctrl is the
// platform's shortcut key (Cmd on macOS).
func shortcutFor(k keymap.Chord) fyne.Shortcut {
	var mod fyne.KeyModifier
	if k.Ctrl {
		mod |= fyne.KeyModifierShortcutDefault
	}
	if k.Alt {
		mod |= fyne.KeyModifierAlt
	}
	if k.Shift {
		mod |= fyne.KeyModifierShift
	}
	if k.Key == "Z" && mod == fyne.KeyModifierShortcutDefault {
		return &fyne.ShortcutUndo{}
	}
	return &desktop.CustomShortcut{KeyName: fyne.KeyName(k.Key), Modifier: mod}
}

func (wb *Workbench) showShortcuts() {
	grid := container.New(layout.NewFormLayout())
	row := func(keys, what string) {
		k := widget.NewLabel(keys)
		k.TextStyle = fyne.TextStyle{Bold: true}
		l := widget.NewLabel(what)
		l.Wrapping = fyne.TextWrapWord
		grid.Add(k)
		grid.Add(l)
	}
	for _, b := range keymap.Table {
		row(b.Label(), b.Help)
	}
	for _, g := range keymap.Guide {
		row(g[0], g[1])
	}
	for _, d := range wb.cb.DocumentDimensions() {
		var keys []string
		for _, v := range d.Values {
			if v.Shortcut != "" {
				keys = append(keys, v.Shortcut+" "+v.Label)
			}
		}
		if len(keys) > 0 {
			row(d.Label, joinNonEmpty(", ", keys...))
		}
	}
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVScroll(grid), wb.win)
	d.Resize(fyne.NewSize(760, 560))
	wb.dlg.show(d, nil)
}

// showAbout says which Redline this is and which made the database.
func (wb *Workbench) showAbout() {
	wb.loop.Go(func() func() {
		text, err := wb.work.AboutText(context.Background())
		return func() {
			if err != nil {
				wb.dlg.fail(fmt.Errorf("could not read which Redline made this database: %w", err))
				return
			}
			l := widget.NewLabel(text)
			l.Wrapping = fyne.TextWrapWord
			l.Selectable = true
			d := dialog.NewCustom("About Redline", "Close", l, wb.win)
			d.Resize(fyne.NewSize(620, 320))
			wb.dlg.show(d, nil)
		}
	})
}

// showManual shows the codebook in force as a read-only coding manual.
func (wb *Workbench) showManual() {
	text := widget.NewRichTextFromMarkdown(wb.cb.Manual())
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Coding manual", "Close", container.NewVScroll(text), wb.win)
	d.Resize(fyne.NewSize(820, 640))
	wb.dlg.show(d, nil)
}

// Settings the window keeps between runs.
const (
	settingLastArticle = "window.article"
	settingWidth       = "window.width"
	settingHeight      = "window.height"
)

// windowKey is the settings key of one of the window's own settings (its
// size, the last article). On a team server every login shares the
// settings, so each analyst keeps theirs under their name; on a file the
// key is as it is.
func windowKey(key string, teamServer bool, analyst string) string {
	if teamServer && analyst != "" {
		return key + "." + analyst
	}
	return key
}

func (wb *Workbench) windowKey(key string) string {
	return windowKey(key, wb.work.AnalystFixed(), wb.annotator)
}

// rememberArticle keeps the open article, to open it again next time.
func (wb *Workbench) rememberArticle(id int64) {
	key := wb.windowKey(settingLastArticle)
	wb.loop.Go(func() func() {
		_ = wb.store.SetSetting(context.Background(), key, strconv.FormatInt(id, 10)) // a convenience: a failure costs only this
		return nil
	})
}

// loadAnnotator reads the analyst's name, asking for it if there is none,
// and the article open when the window last closed.
func (wb *Workbench) loadAnnotator() {
	wb.loop.Go(func() func() {
		project, perr := wb.work.Project(context.Background())
		name, err := wb.work.Analyst(context.Background())
		last, _ := wb.store.Setting(context.Background(), windowKey(settingLastArticle, wb.work.AnalystFixed(), name))
		if err == nil {
			err = perr
		}
		return func() {
			if err != nil {
				wb.dlg.fail(fmt.Errorf("could not read the analyst's name: %w. The articles are listed; restart Redline to try again", err))
				wb.lib.reload()
				return
			}
			wb.annotator = name
			wb.project = project
			if warn := wb.work.SyncWarning(); warn != "" {
				wb.coding.notice = warn // shown when the first article's codes are read
				wb.coding.status.SetText(warn)
			}
			wb.coding.header.SetText(wb.codingTitle())
			if id, err := strconv.ParseInt(last, 10, 64); err == nil && wb.current == 0 {
				wb.lib.preferred = id
			}
			wb.lib.reload() // the coded marks are this analyst's
			if name == "" {
				wb.askAnnotator()
			} else if wb.current != 0 {
				wb.nameChanged()
			}
		}
	})
}

func (wb *Workbench) codingTitle() string {
	if wb.annotator == "" {
		return "Coding"
	}
	switch {
	case wb.work.Lead():
		return "Coding as " + wb.annotator + " · lead, team server"
	case wb.work.AnalystFixed():
		return "Coding as " + wb.annotator + " · team server"
	}
	return "Coding as " + wb.annotator
}

// nameChanged reloads what depends on who is coding: each analyst sees
// only their own codes and their own rejected suggestions.
func (wb *Workbench) nameChanged() {
	if wb.current == 0 {
		return
	}
	wb.coding.load(wb.current)
	wb.reloadCodes(wb.current)
	if wb.read.article.ID == wb.current {
		wb.computeSuggestions(wb.current, wb.read.article.Text)
	}
}

// askAnnotator asks for the analyst's name; it is stored with every code.
func (wb *Workbench) askAnnotator() {
	if wb.askingName {
		return // one question at a time
	}
	if wb.work.AnalystFixed() {
		// a team server: the lead gave this login its name
		if wb.annotator == "" {
			wb.dlg.fail(fmt.Errorf("this login has no analyst name on the team server; ask the project lead to give it one (redline server init --coder ROLE=YOUR_NAME --apply), then open Redline again"))
			return
		}
		wb.dlg.fail(fmt.Errorf("on this team server you code as %s: the project lead gave your login that name. To code under another, ask the lead to change it (redline server init --coder ROLE=NAME --apply)", wb.annotator))
		return
	}
	wb.askingName = true
	entry := wb.dlg.newEntry()
	entry.SetPlaceHolder("e.g. Maria Lopez or coder-2")
	entry.SetText(wb.annotator)
	entry.Validator = func(s string) error {
		if len(s) == 0 || len([]rune(s)) > 80 {
			return fmt.Errorf("enter a name of 1 to 80 characters")
		}
		return nil
	}
	items := []*widget.FormItem{widget.NewFormItem("Your name", entry)}
	d := dialog.NewForm("Who is coding?", "Start coding", "Later", items, func(ok bool) {
		wb.askingName = false
		if ok {
			wb.setAnnotator(entry.Text)
		}
	}, wb.win)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(460, 220))
	wb.dlg.showForm(d)
	wb.win.Canvas().Focus(entry)
}

func (wb *Workbench) setAnnotator(name string) {
	wb.loop.Go(func() func() {
		err := wb.work.SetAnalyst(context.Background(), name)
		return func() {
			if err != nil {
				wb.dlg.fail(fmt.Errorf("could not store your name: %w", err))
				return
			}
			wb.annotator = name
			wb.coding.header.SetText(wb.codingTitle())
			wb.lib.reload() // the coded marks are this analyst's
			if wb.current != 0 {
				wb.nameChanged()
			}
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }
