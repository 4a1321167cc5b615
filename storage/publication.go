package storage

import "encoding/json"

// An article is a publication: an outlet and URL carrying a text. The same
// text may be stored as several publications, so a teammate's code that
// names its article by text_sha256 goes to the publication with the same
// URL (and outlet, when the line gives one), else to the first stored.
const publicationBySHA = `SELECT id FROM article WHERE text_sha256 = ?1
	ORDER BY url = ?2 DESC, (?3 <> '' AND outlet = ?3) DESC, id LIMIT 1`

// webScope returns the page a Web Annotation's target names as its scope
// (the publication's URL, as Redline exports it), or "".
func webScope(line []byte) string {
	var in struct {
		Target json.RawMessage `json:"target"`
	}
	if json.Unmarshal(line, &in) != nil {
		return ""
	}
	var t struct {
		Scope string `json:"scope"`
	}
	if json.Unmarshal(in.Target, &t) != nil {
		return ""
	}
	return t.Scope
}
