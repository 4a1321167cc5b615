//go:build linux

// The kill test signals the server's processes and reads /proc: Linux only.

package storage

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"redline/annotate"
)

// TestServerKilledMidSave: a coder saves code after code while the
// PostgreSQL server is killed with SIGKILL (every process of it, as a
// crash or a power cut of the server leaves it), stays away for a while,
// and is started again. Every save that returned nil is in the database
// afterwards; every save during the outage fails with an error IsOffline
// knows, that says what happened and what to do; and the same Store saves
// again once the server is back, without being reopened.
//
// It starts a private server (tools/pgtest start) so as to kill nobody
// else's.
func TestServerKilledMidSave(t *testing.T) {
	if testServer == "" {
		t.Skip("needs PostgreSQL: run it under tools/pgtest run (make test does), which sets REDLINE_TEST_POSTGRES")
	}
	if testing.Short() {
		t.Skip("starts, kills and restarts a PostgreSQL server")
	}
	srv := startPrivateServer(t)
	s, err := Open(srv.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	art := addArticle(t, s, "The article being coded when the server dies.")
	ctx := context.Background()
	now := time.Now().UTC()

	// phases of the server, as the saver sees them when a save starts
	const (
		up = iota
		down
		back
	)
	var phase atomic.Int32
	type result struct {
		id    string
		phase int32
		err   error
	}
	var mu sync.Mutex
	var results []result
	count := func(ph int32, ok bool) int {
		mu.Lock()
		defer mu.Unlock()
		n := 0
		for _, r := range results {
			if r.phase == ph && (r.err == nil) == ok {
				n++
			}
		}
		return n
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			ph := phase.Load()
			id := fmt.Sprintf("k%05d", i)
			a := annotate.Annotation{ID: id, ArticleID: art, Annotator: "ana", Dimension: "note",
				Value: "v", Note: id, CreatedAt: now, UpdatedAt: now}
			err := s.SaveChange(ctx, "ana", "note", []annotate.Annotation{a})
			mu.Lock()
			results = append(results, result{id, ph, err})
			mu.Unlock()
			if err != nil {
				time.Sleep(20 * time.Millisecond) // as a window waits before trying again
			}
		}
	}()
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(2 * time.Minute)
		for !cond() {
			if time.Now().After(deadline) {
				close(stop)
				<-done
				t.Fatalf("gave up waiting: %s", what)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}

	waitFor("50 saves", func() bool { return count(up, true) >= 50 })
	srv.kill(t)
	phase.Store(down)
	waitFor("10 saves refused while the server is down", func() bool { return count(down, false) >= 10 })
	if _, err := s.ChangeMark(ctx); !IsOffline(err) {
		t.Errorf("ChangeMark while the server is down: %v, want an error IsOffline knows", err)
	}
	srv.restart(t)
	phase.Store(back)
	waitFor("50 saves after the restart", func() bool { return count(back, true) >= 50 })
	close(stop)
	<-done

	var saved []string
	firstBack, shown := true, false
	for _, r := range results {
		switch {
		case r.err == nil:
			saved = append(saved, r.id)
		case r.phase == up:
			// the save under way when the server died: it may or may not
			// have been committed, and must say so as an outage
			if !IsOffline(r.err) {
				t.Errorf("%s, as the server died: %v, want an error IsOffline knows", r.id, r.err)
			}
		case r.phase == down:
			if !IsOffline(r.err) {
				t.Errorf("%s, server down: %v, want an error IsOffline knows", r.id, r.err)
			}
			msg := r.err.Error()
			if !shown {
				t.Logf("a save while the server was down: %s", msg)
				shown = true
			}
			if !strings.Contains(msg, "cannot be reached") || !strings.Contains(msg, "try again") {
				t.Errorf("%s, server down: %q does not say what happened and what to do", r.id, msg)
			}
		case r.phase == back:
			t.Errorf("%s, after the restart: %v", r.id, r.err)
		}
		if r.phase == back && firstBack {
			firstBack = false
			if r.err != nil {
				t.Errorf("the first save after the restart failed (%v): the Store should drop its dead connections by itself", r.err)
			}
		}
	}

	// A restart nobody noticed: no save while the server was away, so
	// every connection the Store keeps is to the dead server. The next
	// save must not fail for them (database/sql drops a connection the
	// driver finds dead and takes a new one).
	srv.kill(t)
	srv.restart(t)
	if err := s.SaveChange(ctx, "ana", "note", []annotate.Annotation{{ID: "after-quiet-restart", ArticleID: art,
		Annotator: "ana", Dimension: "note", Value: "v", CreatedAt: now, UpdatedAt: now}}); err != nil {
		t.Errorf("the first save after a restart nobody saw: %v", err)
	} else {
		results = append(results, result{"after-quiet-restart", back, nil})
	}

	// every save reported done is there, read through a Store opened now
	s2, err := Open(srv.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	anns, err := s2.Annotations(ctx, art)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, a := range anns {
		stored[a.ID] = true
	}
	for _, id := range saved {
		if !stored[id] {
			t.Errorf("%s was reported saved but is not in the database after the restart", id)
		}
	}
	t.Logf("%d saves reported done (all kept); %d refused while the server was down; %d stored in all",
		len(saved), count(down, false), len(stored))
}

// privateServer is a PostgreSQL cluster of the test's own.
type privateServer struct {
	dir, addr string
	port      int
}

// startPrivateServer starts a cluster with tools/pgtest, stopped and
// deleted when the test ends.
func startPrivateServer(t *testing.T) *privateServer {
	t.Helper()
	tool, err := filepath.Abs(filepath.Join("..", "tools", "pgtest"))
	if err != nil {
		t.Fatal(err)
	}
	// not t.TempDir: the server runs as the postgres user, who must be
	// able to reach the folder
	dir, err := os.MkdirTemp("", "redline-kill.")
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	out, err := exec.Command(tool, "start", dir, strconv.Itoa(port)).Output()
	if err != nil {
		os.RemoveAll(dir)
		t.Fatalf("tools/pgtest start: %v", err)
	}
	t.Cleanup(func() {
		if out, err := exec.Command(tool, "stop", dir).CombinedOutput(); err != nil {
			t.Errorf("tools/pgtest stop: %v\n%s", err, out)
		}
	})
	return &privateServer{dir: dir, port: port, addr: strings.TrimSpace(string(out))}
}

// kill kills the server's postmaster and every process it started with
// SIGKILL, and waits until they are gone.
func (p *privateServer) kill(t *testing.T) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(p.dir, "data", "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	pid, err := strconv.Atoi(string(bytes.TrimSpace(first)))
	if err != nil {
		t.Fatalf("postmaster.pid: %v", err)
	}
	// stopped first, so it starts no new process while its children are
	// listed
	if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	victims := append([]int{pid}, childrenOf(pid)...)
	for _, v := range victims {
		syscall.Kill(v, syscall.SIGKILL)
	}
	deadline := time.Now().Add(30 * time.Second)
	for _, v := range victims {
		for alive(v) {
			if time.Now().After(deadline) {
				t.Fatalf("process %d of the server outlived SIGKILL", v)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// restart starts the killed server again with the options it last ran
// with (postmaster.opts). The lock files the dead postmaster left name
// its process id, which may linger as a zombie until init reaps it, so
// they go first, as an administrator would remove them after a crash.
func (p *privateServer) restart(t *testing.T) {
	t.Helper()
	os.Remove(filepath.Join(p.dir, "data", "postmaster.pid"))
	os.Remove(filepath.Join(p.dir, fmt.Sprintf(".s.PGSQL.%d.lock", p.port)))
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	if len(bins) == 0 {
		t.Fatal("pg_ctl not found under /usr/lib/postgresql")
	}
	sort.Strings(bins)
	args := []string{bins[len(bins)-1], "-D", filepath.Join(p.dir, "data"), "-l", filepath.Join(p.dir, "server.log"), "-w", "-t", "60", "restart"}
	var cmd *exec.Cmd
	switch {
	case os.Geteuid() == 0:
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--"}, args...)...)
	case os.Getenv("USER") == "postgres":
		cmd = exec.Command(args[0], args[1:]...)
	default:
		cmd = exec.Command("sudo", append([]string{"-u", "postgres"}, args...)...)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(p.dir, "server.log"))
		t.Fatalf("restart the server: %v\n%s\n%s", err, out, log)
	}
}

// childrenOf lists the processes whose parent is pid.
func childrenOf(pid int) []int {
	entries, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid, _ := procStat(child); ppid == pid {
			out = append(out, child)
		}
	}
	return out
}

// alive reports whether pid is a process that is not a zombie.
func alive(pid int) bool {
	ppid, state := procStat(pid)
	return ppid != 0 && state != "Z" && state != "X"
}

// procStat reads a process's parent and state from /proc; 0 when it is
// gone.
func procStat(pid int) (ppid int, state string) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, ""
	}
	// pid (comm) state ppid …; comm may hold spaces and parentheses
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, ""
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 2 {
		return 0, ""
	}
	ppid, _ = strconv.Atoi(f[1])
	return ppid, f[0]
}
