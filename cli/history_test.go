package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestFetchHistoryCommand(t *testing.T) {
	pages := map[string]string{
		"20260301090000": "<html><head><title>Bridge to reopen</title></head><body><article><h1>Bridge to reopen</h1><p>The Calder bridge will reopen to traffic on Friday after three weeks of repairs, the roads agency said on Monday morning.</p><p>Buses will return to their usual routes from Saturday.</p></article></body></html>",
		"20260302090000": "<html><head><title>Bridge to reopen</title></head><body><article><h1>Bridge to reopen</h1><p>The Calder bridge will reopen to traffic on Saturday after three weeks of repairs, the roads agency said on Monday morning.</p><p>Buses will return to their usual routes from Sunday.</p></article></body></html>",
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/cdx/search/cdx" {
			json.NewEncoder(w).Encode([][]string{
				{"timestamp", "original", "mimetype", "statuscode", "digest"},
				{"20260301090000", "https://calder.example/bridge", "text/html", "200", "A"},
				{"20260302090000", "https://calder.example/bridge", "text/html", "200", "B"},
			})
			return
		}
		for ts, body := range pages {
			if strings.HasPrefix(r.URL.Path, "/web/"+ts+"id_/") {
				w.Write([]byte(body))
				return
			}
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	db := testDB(t, "r.db")
	code, out, errOut := runCLI(t, "fetch-history", "--db", db, "--archive", srv.URL, "--delay", "1ms", "https://calder.example/bridge")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "2 new versions") || !strings.Contains(out, "[2/2]") {
		t.Errorf("output:\n%s", out)
	}
	code, out, _ = runCLI(t, "versions", "--db", db)
	if code != ExitOK || !strings.Contains(out, "Bridge to reopen") {
		t.Errorf("versions after fetch-history: exit %d\n%s", code, out)
	}
	// the archive is remembered: no --archive this time
	code, out, _ = runCLI(t, "fetch-history", "--db", db, "--delay", "1ms", "https://calder.example/bridge")
	if code != ExitOK || !strings.Contains(out, "2 were stored before") {
		t.Errorf("second run: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{
		{"fetch-history", "--db", db},
		{"fetch-history", "--db", db, "--from", "March", "https://calder.example/bridge"},
		{"fetch-history", "--db", db, "--from", "2026-03-02", "--to", "2026-03-01", "https://calder.example/bridge"},
	} {
		if code, _, _ := runCLI(t, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}
