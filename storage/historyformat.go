package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"redline/annotate"
)

// The undo history is kept as JSON in an explicit, versioned format of its
// own, so renaming a Go field can never blank an analyst's history.
//
// Format 2 (written since history gained suggestion decisions):
//
//	{"format": 2, "annotations": [{"id": …, "article_id": …, …}], "rejections": [{…}]}
//
// Format 1 (read only): a JSON array of annotations whose keys are the Go
// field names of annotate.Annotation as it was then ("ID", "ArticleID", …).
const historyFormat = 2

type historyEdit struct {
	Format      int                 `json:"format"`
	Annotations []historyAnnotation `json:"annotations"`
	Rejections  []historyRejection  `json:"rejections,omitempty"`
}

type historyAnnotation struct {
	ID              string     `json:"id"`
	ArticleID       int64      `json:"article_id"`
	Annotator       string     `json:"annotator"`
	Codebook        string     `json:"codebook"`
	CodebookVersion int        `json:"codebook_version"`
	Dimension       string     `json:"dimension"`
	Target          string     `json:"target,omitempty"`
	Value           string     `json:"value,omitempty"`
	Note            string     `json:"note,omitempty"`
	Span            *spanJSON  `json:"span,omitempty"`
	Source          string     `json:"source,omitempty"`
	LinkedTo        string     `json:"linked_to,omitempty"`
	Carry           *carryJSON `json:"carry,omitempty"`
	Settles         string     `json:"settles,omitempty"` // ids of the codes an adjudicated code settles
	CreatedAt       time.Time  `json:"created"`
	UpdatedAt       time.Time  `json:"updated"`
	Deleted         bool       `json:"deleted,omitempty"`
}

type spanJSON struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Quote  string `json:"quote"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
}

type carryJSON struct {
	From   string  `json:"from"`
	Status string  `json:"status"`
	Score  float64 `json:"score"`
}

type historyRejection struct {
	Annotator string `json:"annotator"`
	ArticleID int64  `json:"article_id"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Quote     string `json:"quote,omitempty"`
	Rejected  bool   `json:"rejected"`
}

// legacyAnnotation reads format 1: the Go field names of the day, written
// out here so they no longer depend on annotate's.
type legacyAnnotation struct {
	ID              string `json:"ID"`
	ArticleID       int64  `json:"ArticleID"`
	Annotator       string `json:"Annotator"`
	Codebook        string `json:"Codebook"`
	CodebookVersion int    `json:"CodebookVersion"`
	Dimension       string `json:"Dimension"`
	Target          string `json:"Target"`
	Value           string `json:"Value"`
	Note            string `json:"Note"`
	Span            *struct {
		Start  int    `json:"Start"`
		End    int    `json:"End"`
		Quote  string `json:"Quote"`
		Prefix string `json:"Prefix"`
		Suffix string `json:"Suffix"`
	} `json:"Span"`
	Source   string `json:"Source"`
	LinkedTo string `json:"LinkedTo"`
	Carry    *struct {
		From   string  `json:"From"`
		Status string  `json:"Status"`
		Score  float64 `json:"Score"`
	} `json:"Carry"`
	CreatedAt time.Time `json:"CreatedAt"`
	UpdatedAt time.Time `json:"UpdatedAt"`
	Deleted   bool      `json:"Deleted"`
}

func encodeEdit(e Edit) ([]byte, error) {
	h := historyEdit{Format: historyFormat, Annotations: []historyAnnotation{}}
	for _, a := range e.Annotations {
		x := historyAnnotation{ID: a.ID, ArticleID: a.ArticleID, Annotator: a.Annotator, Codebook: a.Codebook,
			CodebookVersion: a.CodebookVersion, Dimension: a.Dimension, Target: a.Target, Value: a.Value,
			Note: a.Note, Source: a.Source, LinkedTo: a.LinkedTo, Settles: a.Settles, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, Deleted: a.Deleted}
		if a.Span != nil {
			x.Span = &spanJSON{Start: a.Span.Start, End: a.Span.End, Quote: a.Span.Quote, Prefix: a.Span.Prefix, Suffix: a.Span.Suffix}
		}
		if a.Carry != nil {
			x.Carry = &carryJSON{From: a.Carry.From, Status: string(a.Carry.Status), Score: a.Carry.Score}
		}
		h.Annotations = append(h.Annotations, x)
	}
	for _, r := range e.Rejections {
		h.Rejections = append(h.Rejections, historyRejection{Annotator: r.Annotator, ArticleID: r.ArticleID,
			Start: r.Start, End: r.End, Quote: r.Quote, Rejected: r.Rejected})
	}
	return json.Marshal(h)
}

func decodeEdit(data []byte) (Edit, error) {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '[' {
		return decodeLegacy(data)
	}
	var h historyEdit
	if err := json.Unmarshal(data, &h); err != nil {
		return Edit{}, err
	}
	if h.Format != historyFormat {
		return Edit{}, fmt.Errorf("history format %d is not one this Redline reads (it reads 1 and %d); a newer Redline wrote it", h.Format, historyFormat)
	}
	var e Edit
	for _, x := range h.Annotations {
		a := annotate.Annotation{ID: x.ID, ArticleID: x.ArticleID, Annotator: x.Annotator, Codebook: x.Codebook,
			CodebookVersion: x.CodebookVersion, Dimension: x.Dimension, Target: x.Target, Value: x.Value,
			Note: x.Note, Source: x.Source, LinkedTo: x.LinkedTo, Settles: x.Settles, CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt, Deleted: x.Deleted}
		if x.Span != nil {
			a.Span = &annotate.Span{Start: x.Span.Start, End: x.Span.End, Quote: x.Span.Quote, Prefix: x.Span.Prefix, Suffix: x.Span.Suffix}
		}
		if x.Carry != nil {
			a.Carry = &annotate.Carry{From: x.Carry.From, Status: annotate.CarryStatus(x.Carry.Status), Score: x.Carry.Score}
		}
		e.Annotations = append(e.Annotations, a)
	}
	for _, r := range h.Rejections {
		e.Rejections = append(e.Rejections, Rejection{Annotator: r.Annotator, ArticleID: r.ArticleID,
			Start: r.Start, End: r.End, Quote: r.Quote, Rejected: r.Rejected})
	}
	return e, nil
}

func decodeLegacy(data []byte) (Edit, error) {
	var old []legacyAnnotation
	if err := json.Unmarshal(data, &old); err != nil {
		return Edit{}, err
	}
	var e Edit
	for _, x := range old {
		a := annotate.Annotation{ID: x.ID, ArticleID: x.ArticleID, Annotator: x.Annotator, Codebook: x.Codebook,
			CodebookVersion: x.CodebookVersion, Dimension: x.Dimension, Target: x.Target, Value: x.Value,
			Note: x.Note, Source: x.Source, LinkedTo: x.LinkedTo, CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt, Deleted: x.Deleted}
		if x.Span != nil {
			a.Span = &annotate.Span{Start: x.Span.Start, End: x.Span.End, Quote: x.Span.Quote, Prefix: x.Span.Prefix, Suffix: x.Span.Suffix}
		}
		if x.Carry != nil {
			a.Carry = &annotate.Carry{From: x.Carry.From, Status: annotate.CarryStatus(x.Carry.Status), Score: x.Carry.Score}
		}
		e.Annotations = append(e.Annotations, a)
	}
	return e, nil
}
