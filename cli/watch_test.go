package cli

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestWatchCommand(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bridge" {
			w.Write([]byte(`<html><head><title>Calder bridge to reopen</title></head><body><article><h1>Calder bridge to reopen</h1>
<p>The Calder bridge will reopen to traffic on Friday after three weeks of repairs, the roads agency said on Monday.</p>
<p>Buses will return to their usual routes from Saturday morning, the agency added in a statement.</p></article></body></html>`))
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	db := testDB(t, "r.db")
	page := srv.URL + "/bridge"
	if code, out, _ := runCLI(t, "watch", "add", page, "--db", db); code != ExitOK || !strings.Contains(out, "Watching") {
		t.Fatalf("add: %d %s", code, out)
	}
	code, out, errOut := runCLI(t, "watch", "--db", db, "--once", "--host-delay", "1ms")
	if code != ExitOK || !strings.Contains(out, "first version") || !strings.Contains(out, "1 new versions") {
		t.Errorf("check: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "watch", "list", "--db", db); code != ExitOK || !strings.Contains(out, page) {
		t.Errorf("list: %d %s", code, out)
	}
	if code, _, _ := runCLI(t, "watch", "remove", page, "--db", db); code != ExitOK {
		t.Errorf("remove: exit %d", code)
	}
	if code, _, errOut := runCLI(t, "watch", "remove", page, "--db", db); code != ExitFail || !strings.Contains(errOut, "not on the watch list") {
		t.Errorf("removing twice: exit %d %s", code, errOut)
	}
	for _, args := range [][]string{
		{"watch", "--db", db, "--interval", "5s"},
		{"watch", "--db", db, "frobnicate"},
		{"watch", "--db", db, "add"},
		{"watch", "--db", db, "--once", "--interval", "1h"},
	} {
		if code, _, _ := runCLI(t, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}
