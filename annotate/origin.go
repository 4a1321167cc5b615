package annotate

import "time"

// Origin is where an article came from inside a news-database export
// (Nexis Uni, Factiva, Media Cloud...): the export file, the article's place
// in it and the database's own document id, so an analyst can find the
// original and a document exported twice is stored once. The zero Origin
// means a plain file that holds one article.
type Origin struct {
	Database string    // "Nexis Uni", "LexisNexis Academic", "Factiva", "Media Cloud"; "" when unknown
	DocID    string    // the database's id for the document; "" when it prints none
	File     string    // the export file
	Position int       // 1-based place of the article in the file; 0 when the file holds one
	Section  string    // the section or page the database names ("NEWS; Pg. 4")
	Length   string    // the length as the database states it ("742 words")
	LoadDate time.Time // when the database loaded the document; zero when not given
}

// Empty reports whether o says nothing.
func (o Origin) Empty() bool { return o == Origin{} }
