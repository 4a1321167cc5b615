package workspace

import (
	"fmt"
	"regexp"
	"strings"
)

// schemeRE matches an address with a scheme (postgres://…, https://…);
// a Windows drive path (C:\… or C:/…) has a one-letter "scheme" and is a
// path.
var schemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]+)://`)

// CheckLocation refuses a database location Redline cannot open as a file,
// before anything is created: an address with a scheme, or a libpq
// key=value string, is not a file path. (PostgreSQL servers are not
// supported by this version.)
func CheckLocation(loc string) error {
	if m := schemeRE.FindStringSubmatch(loc); m != nil {
		switch strings.ToLower(m[1]) {
		case "postgres", "postgresql":
			return fmt.Errorf("%q is a PostgreSQL address; this version of Redline keeps its database in a file. Give a file path with --db (or $%s); nothing was created", loc, EnvDB)
		case "file":
			return fmt.Errorf("%q: give the file's path without file://; nothing was created", loc)
		}
		return fmt.Errorf("%q is an address (%s://), not a file path; give the path of a database file with --db (or $%s); nothing was created", loc, m[1], EnvDB)
	}
	if strings.Contains(loc, "host=") && strings.Contains(loc, "=") && strings.Contains(loc, " ") && strings.Contains(loc, "dbname=") {
		return fmt.Errorf("%q looks like a PostgreSQL connection string; this version of Redline keeps its database in a file. Give a file path with --db (or $%s); nothing was created", loc, EnvDB)
	}
	return nil
}
