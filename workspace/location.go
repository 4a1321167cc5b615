package workspace

import (
	"fmt"
	"regexp"
	"strings"

	"redline/storage"
)

// schemeRE matches an address with a scheme (postgres://…, https://…);
// a Windows drive path (C:\… or C:/…) has a one-letter "scheme" and is a
// path.
var schemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]+)://`)

// CheckLocation refuses a database location Redline cannot open, before
// anything is created. A file path and a PostgreSQL database
// (postgres://… or postgresql://… URLs, libpq key=value strings: see
// IsServer) are taken; any other address with a scheme is refused.
func CheckLocation(loc string) error {
	if IsServer(loc) {
		return nil
	}
	if m := schemeRE.FindStringSubmatch(loc); m != nil {
		switch strings.ToLower(m[1]) {
		case "file":
			return fmt.Errorf("%q: give the file's path without file://; nothing was created", loc)
		}
		return fmt.Errorf("%q is an address (%s://) Redline cannot open; give the path of a database file, or a PostgreSQL database as postgres://user@host/database, with --db (or $%s); nothing was created", loc, m[1], EnvDB)
	}
	return nil
}

// IsServer reports whether loc names a PostgreSQL database (a team
// server) rather than a database file.
func IsServer(loc string) bool { return storage.IsServer(loc) }
