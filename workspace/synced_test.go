package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSyncedFolder(t *testing.T) {
	winEnv := map[string]string{
		"OneDriveCommercial": `C:\Users\ana\Contoso Ltd`, // a business OneDrive with a custom name
	}
	tests := []struct {
		goos, path, want string
	}{
		{"windows", `C:\Users\ana\OneDrive\Documents\redline.db`, "OneDrive"},
		{"windows", `C:\Users\ana\OneDrive - Contoso\Coding\redline.db`, "OneDrive"},
		{"windows", `c:\users\ana\contoso ltd\redline.db`, "OneDrive"}, // named by the environment, any case
		{"windows", `C:\Users\ana\Dropbox (Personal)\redline.db`, "Dropbox"},
		{"windows", `C:\Users\ana\iCloudDrive\redline.db`, "iCloud Drive"},
		{"windows", `G:\My Drive\Projects\redline.db`, "Google Drive"},
		{"windows", `C:\Users\ana\AppData\Roaming\Redline\redline.db`, ""},
		{"windows", `C:\Users\ana\Documents\OneDrive.db`, ""}, // the file's own name does not count
		{"darwin", "/Users/ana/Library/CloudStorage/OneDrive-Personal/redline.db", "OneDrive"},
		{"darwin", "/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.org/My Drive/redline.db", "Google Drive"},
		{"darwin", "/Users/ana/Library/CloudStorage/Box-Box/redline.db", "Box"},
		{"darwin", "/Users/ana/Library/CloudStorage/SomeNewService/redline.db", "cloud storage (SomeNewService)"},
		{"darwin", "/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/redline.db", "iCloud Drive"},
		{"darwin", "/Users/ana/Dropbox/Team Coding/redline.db", "Dropbox"},
		{"darwin", "/Users/ana/Library/Application Support/Redline/redline.db", ""},
		{"linux", "/home/ana/Nextcloud/coding/redline.db", "Nextcloud"},
		{"linux", "/home/ana/Dropbox/redline.db", "Dropbox"},
		{"linux", "/home/ana/.local/share/redline/redline.db", ""},
		{"linux", "/home/ana/dropboxes-of-paper/redline.db", ""},
	}
	for _, tt := range tests {
		t.Run(tt.goos+" "+tt.path, func(t *testing.T) {
			if got := fakeSystem(tt.goos, winEnv, "/home/ana").syncedFolder(tt.path); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A link into a synced folder is followed, even when the database does not
// exist yet (Documents moved into OneDrive, a data folder linked into
// Dropbox).
func TestSyncedFolderFollowsLinks(t *testing.T) {
	root := t.TempDir()
	synced := filepath.Join(root, "Dropbox", "work")
	if err := os.MkdirAll(synced, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "Documents")
	if err := os.Symlink(synced, link); err != nil {
		t.Skip("cannot make a link here:", err)
	}
	if got := SyncedFolder(filepath.Join(link, "not yet", "redline.db")); got != "Dropbox" {
		t.Errorf("through a link: got %q, want Dropbox", got)
	}
	if got := SyncedFolder(filepath.Join(root, "plain", "redline.db")); got != "" {
		t.Errorf("plain folder: got %q", got)
	}
}

func TestSyncWarning(t *testing.T) {
	if w := SyncWarning("/home/ana/.local/share/redline/redline.db"); w != "" {
		t.Errorf("warning outside synced folders: %s", w)
	}
	w := SyncWarning("/home/ana/Dropbox/coding/redline.db")
	for _, want := range []string{"/home/ana/Dropbox/coding/redline.db", "Dropbox", "corrupt", "-wal", "redline export"} {
		if !strings.Contains(w, want) {
			t.Errorf("warning %q lacks %q", w, want)
		}
	}
}
