package workspace

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// system is what finding Redline's folders reads from the operating
// system. Tests give another GOOS and environment, so the Windows and macOS
// rules run on Linux.
type system struct {
	goos   string
	getenv func(string) string
	home   func() (string, error)
}

// host is the running system.
func host() system {
	return system{goos: runtime.GOOS, getenv: os.Getenv, home: os.UserHomeDir}
}

// join joins path elements with the target system's separator (Windows
// paths keep their backslashes when a test builds them on Linux).
func (s system) join(elem ...string) string {
	if s.goos != "windows" || filepath.Separator == '\\' {
		return filepath.Join(elem...)
	}
	parts := make([]string, 0, len(elem))
	for i, e := range elem {
		e = strings.ReplaceAll(e, "/", `\`)
		if i == 0 {
			e = strings.TrimRight(e, `\`) // C:\ becomes C: and gets its \ back below
		} else {
			e = strings.Trim(e, `\`)
		}
		if e != "" || i == 0 {
			parts = append(parts, e)
		}
	}
	return strings.Join(parts, `\`)
}

// DataDir is the folder where Redline keeps the database (and so the
// codebooks and settings stored in it), where each system expects an
// application's own data:
//
//	Windows  %AppData%\Redline              (C:\Users\Ana\AppData\Roaming\Redline)
//	macOS    ~/Library/Application Support/Redline
//	Linux    $XDG_DATA_HOME/redline, else ~/.local/share/redline (other Unix too)
func DataDir() (string, error) { return host().dataDir() }

func (s system) dataDir() (string, error) {
	switch s.goos {
	case "windows":
		if d := s.getenv("AppData"); d != "" {
			return s.join(d, "Redline"), nil
		}
		home, err := s.homeDir()
		if err != nil {
			return "", err
		}
		return s.join(home, "AppData", "Roaming", "Redline"), nil
	case "darwin", "ios":
		home, err := s.homeDir()
		if err != nil {
			return "", err
		}
		return s.join(home, "Library", "Application Support", "Redline"), nil
	}
	// XDG: a relative XDG_DATA_HOME is invalid and must be ignored
	if d := s.getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return s.join(d, "redline"), nil
	}
	home, err := s.homeDir()
	if err != nil {
		return "", err
	}
	return s.join(home, ".local", "share", "redline"), nil
}

func (s system) homeDir() (string, error) {
	home, err := s.home()
	if err == nil && home == "" {
		err = errors.New("no home folder is set")
	}
	if err != nil {
		return "", fmt.Errorf("find your home folder to keep the database in (set %s to choose a file): %w", EnvDB, err)
	}
	return home, nil
}

func (s system) defaultPath() (string, error) {
	if p := s.getenv(EnvDB); p != "" {
		return p, nil
	}
	dir, err := s.dataDir()
	if err != nil {
		return "", err
	}
	return s.join(dir, "redline.db"), nil
}
