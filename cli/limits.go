package cli

import (
	"fmt"
	"strconv"
	"strings"

	"redline/ingest"
	"redline/storage"
)

// byteSize is a flag value in bytes, written as a number with an optional
// unit: 20000000, 20MB, 64MiB, 1GB (KB, MB, GB count 1024s, as the
// messages' sizes do).
type byteSize struct{ n *int64 }

func (b byteSize) String() string {
	if b.n == nil {
		return ""
	}
	return strconv.FormatInt(*b.n, 10)
}

func (b byteSize) Set(s string) error {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v < 1 || v*float64(mult) > 1<<40 {
		return fmt.Errorf("%q is not a size: write bytes, or a number with KB, MB or GB", s)
	}
	*b.n = int64(v * float64(mult))
	return nil
}

// limits are the size limits import and merge take as flags.
type limits struct {
	article, line int64
}

// limitFlags adds --max-article-bytes (import) and --max-line-bytes to f,
// their defaults the ones in force.
func limitFlags(f *flags, article bool) *limits {
	l := &limits{article: ingest.MaxArticleBytes, line: int64(ingest.MaxRecordBytes)}
	if article {
		f.Var(byteSize{&l.article}, "max-article-bytes", "largest single-article file (.txt .md .html)")
	}
	f.Var(byteSize{&l.line}, "max-line-bytes", "largest line (JSON Lines) or record (JSON, CSV)")
	return l
}

// apply puts the limits in force and returns a function that restores
// the previous ones.
func (l *limits) apply() (restore func()) {
	a, r, m := ingest.MaxArticleBytes, ingest.MaxRecordBytes, storage.MaxLineBytes
	ingest.MaxArticleBytes = l.article
	ingest.MaxRecordBytes = int(l.line)
	storage.MaxLineBytes = int(l.line)
	return func() { ingest.MaxArticleBytes, ingest.MaxRecordBytes, storage.MaxLineBytes = a, r, m }
}
