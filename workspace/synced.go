package workspace

import (
	"fmt"
	"path/filepath"
	"strings"
)

// SyncedFolder names the sync service whose folder holds path (OneDrive,
// Dropbox, iCloud Drive, Google Drive, Box, Nextcloud, ownCloud, pCloud,
// Sync.com, MEGA), or "" when it finds none. A sync client copies
// a SQLite database and its -wal and -shm files separately while Redline
// writes them, which can lose the last codes or corrupt the file, and two
// laptops syncing one database overwrite each other's work.
//
// It judges by the folder names the clients use on Windows, macOS and
// Linux, by the OneDrive folders Windows names in its environment, and by
// where a link in the path leads (a Documents folder moved into OneDrive).
func SyncedFolder(path string) string { return host().syncedFolder(path) }

// SyncWarning is the warning to show when the database at path lies in a
// synced folder, or "" when it does not. The command line prints it to
// stderr; the window can show it on opening.
func SyncWarning(path string) string {
	if IsServer(path) {
		return ""
	}
	service := SyncedFolder(path)
	if service == "" {
		return ""
	}
	return fmt.Sprintf("the database %s is in a %s folder: syncing it while Redline writes can corrupt it or lose codes. "+
		"Move it to a folder that is not synced (close Redline, move %s with its -wal and -shm files, "+
		"or use the default, %s), and share work with 'redline export' and 'redline merge' instead",
		path, service, filepath.Base(path), defaultOrUnknown())
}

func defaultOrUnknown() string {
	dir, err := DataDir()
	if err != nil {
		return "your user data folder"
	}
	return filepath.Join(dir, "redline.db")
}

// syncNames are folder names (compared without case) that sync clients
// create, and the service each belongs to. A name ending in "*" matches
// any folder that starts with the rest ("OneDrive - Contoso").
var syncNames = []struct{ name, service string }{
	{"onedrive", "OneDrive"},
	{"onedrive - *", "OneDrive"}, // OneDrive for work or school on Windows
	{"onedrive-*", "OneDrive"},   // macOS: ~/Library/CloudStorage/OneDrive-Personal
	{"dropbox", "Dropbox"},
	{"dropbox (*", "Dropbox"}, // "Dropbox (Personal)", "Dropbox (Team)"
	{"dropbox-*", "Dropbox"},
	{"icloud drive", "iCloud Drive"},
	{"iclouddrive", "iCloud Drive"},      // Windows: C:\Users\Ana\iCloudDrive
	{"mobile documents", "iCloud Drive"}, // macOS: ~/Library/Mobile Documents
	{"google drive", "Google Drive"},
	{"googledrive-*", "Google Drive"}, // macOS: ~/Library/CloudStorage/GoogleDrive-ana@example.org
	{"my drive", "Google Drive"},      // Windows: G:\My Drive
	{"box sync", "Box"},
	{"box-box", "Box"},
	{"nextcloud", "Nextcloud"},
	{"owncloud", "ownCloud"},
	{"pcloud drive", "pCloud"},
	{"sync.com", "Sync.com"},
	{"megasync", "MEGA"},
}

func (s system) syncedFolder(path string) string {
	if path == "" {
		return ""
	}
	candidates := []string{path}
	if s.goos == hostGOOS() {
		if abs, err := filepath.Abs(path); err == nil {
			candidates = append(candidates, abs)
			if real := resolveExisting(abs); real != abs {
				candidates = append(candidates, real)
			}
		}
	}
	for _, p := range candidates {
		if svc := s.syncedByEnv(p); svc != "" {
			return svc
		}
		if svc := syncedByName(s.split(p)); svc != "" {
			return svc
		}
	}
	return ""
}

// syncedByEnv: Windows names the OneDrive folders in OneDrive,
// OneDriveCommercial and OneDriveConsumer.
func (s system) syncedByEnv(path string) string {
	if s.goos != "windows" {
		return ""
	}
	lower := strings.ToLower(strings.ReplaceAll(path, "/", `\`))
	for _, v := range []string{"OneDrive", "OneDriveCommercial", "OneDriveConsumer"} {
		d := strings.ToLower(strings.TrimRight(strings.ReplaceAll(s.getenv(v), "/", `\`), `\`))
		if d != "" && (lower == d || strings.HasPrefix(lower, d+`\`)) {
			return "OneDrive"
		}
	}
	return ""
}

// split cuts a path into its folder names, by the target system's rules.
func (s system) split(path string) []string {
	seps := "/"
	if s.goos == "windows" {
		seps = `/\`
	}
	return strings.FieldsFunc(path, func(r rune) bool { return strings.ContainsRune(seps, r) })
}

// syncedByName looks at the folders of a path, not the file's own name.
func syncedByName(parts []string) string {
	if len(parts) > 0 {
		parts = parts[:len(parts)-1]
	}
	for i, p := range parts {
		lp := strings.ToLower(p)
		// macOS: everything under ~/Library/CloudStorage is a File Provider
		// sync folder, whatever the service
		if lp == "cloudstorage" && i > 0 && strings.EqualFold(parts[i-1], "Library") && i+1 < len(parts) {
			if svc := syncedByName(append(parts[i+1:i+2:i+2], "x")); svc != "" {
				return svc
			}
			return "cloud storage (" + parts[i+1] + ")"
		}
		for _, n := range syncNames {
			if prefix, ok := strings.CutSuffix(n.name, "*"); ok {
				if strings.HasPrefix(lp, prefix) {
					return n.service
				}
			} else if lp == n.name {
				return n.service
			}
		}
	}
	return ""
}

// resolveExisting follows links in the longest part of path that exists
// (the database itself may not exist yet).
func resolveExisting(path string) string {
	rest := ""
	p := path
	for {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			if rest == "" {
				return real
			}
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return path
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

func hostGOOS() string { return host().goos }
