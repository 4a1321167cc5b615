package storage

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"redline/annotate"
)

// A data dictionary says what every column of an export holds: its label,
// its type, its level of measurement and the labels of its values, from
// the codebook in force. It is written as CSV for any tool, as SPSS syntax
// and as an R script that read the wide CSV with the values in codebook
// order.

// Variable is one column of an export as the data dictionary describes it.
type Variable struct {
	Name  string
	Label string
	// Type is integer, number, text, time (RFC 3339, UTC), flag (0 or 1)
	// or code (a value key of the codebook, written as text).
	Type string
	// Measure is nominal, ordinal, interval or ratio; "" for identifiers
	// and free text.
	Measure     string
	Description string
	// Dimension is the codebook dimension the column codes, "" for others.
	Dimension string
	Values    []ValueLabel // in codebook order
}

// ValueLabel is one value a column may hold and what it means. Dimension
// says which dimension's value it is when a column mixes dimensions (the
// long form's value column). Missing marks a value the codebook counts as
// no value in the statistics ("not applicable").
type ValueLabel struct {
	Value, Label string
	Dimension    string
	Missing      bool
}

var flagValues = []ValueLabel{{Value: "0", Label: "no"}, {Value: "1", Label: "yes"}}

// articleVars are the columns every form shares about the article.
var articleVars = map[string]Variable{
	"article_id":       {Label: "Article id", Type: "integer", Description: "Redline's id of the article (one version of a story)"},
	"family_id":        {Label: "Story id", Type: "integer", Description: "the story (family of versions) the article belongs to"},
	"title":            {Label: "Title", Type: "text"},
	"outlet":           {Label: "Outlet", Type: "text", Measure: "nominal"},
	"url":              {Label: "Web address", Type: "text"},
	"published":        {Label: "Publication time", Type: "time", Description: "RFC 3339 in UTC; empty when unknown"},
	"annotator":        {Label: "Coder", Type: "text", Measure: "nominal"},
	"words":            {Label: "Words", Type: "integer", Measure: "ratio"},
	"coded":            {Label: "Coded", Type: "flag", Measure: "nominal", Description: "at least one confirmed code (by anyone, or by the coders the export was filtered to)", Values: flagValues},
	"coders":           {Label: "Coders", Type: "integer", Measure: "ratio", Description: "how many coders have a confirmed code on the article"},
	"excluded":         {Label: "Excluded", Type: "flag", Measure: "nominal", Description: "set aside from the analysis (redline exclude)", Values: flagValues},
	"exclusion_reason": {Label: "Exclusion reason", Type: "text", Description: "why the article was set aside"},
	"text":             {Label: "Text", Type: "text", Description: "the article's text, line ends as LF"},
	"text_sha256":      {Label: "Text hash", Type: "text", Description: "SHA-256 of the stored text; the same text has the same hash"},
	"redline_version":  {Label: "Redline version", Type: "text", Description: "the Redline that wrote the export"},
}

// sharedVariable returns the Variable for a shared column name.
func sharedVariable(name string) Variable {
	v, ok := articleVars[name]
	if !ok {
		v = Variable{Label: strings.ReplaceAll(name, "_", " "), Type: "text"}
	}
	v.Name = name
	return v
}

// WideVariables describes the columns of the wide CSV form for cb, in the
// order ExportCSV writes them.
func WideVariables(cb *annotate.Codebook) []Variable {
	var out []Variable
	for _, name := range wideLead {
		out = append(out, sharedVariable(name))
	}
	for _, c := range wideColumns(cb) {
		d := cb.Dimension(c.dim)
		v := Variable{Name: c.name, Dimension: d.Key, Description: strings.TrimSpace(d.Description)}
		switch {
		case c.kind == annotate.ChoiceMultiple:
			val := d.Value(c.match)
			v.Label = d.Label + ": " + val.Label
			v.Type, v.Measure = "flag", string(annotate.MeasureNominal)
			v.Values = []ValueLabel{{Value: "0", Label: "absent"}, {Value: "1", Label: "present"}}
			if val.Description != "" {
				v.Description = strings.TrimSpace(val.Description)
			}
		case c.kind == annotate.ChoiceText:
			v.Label, v.Type = d.Label, "text"
		default:
			v.Label = d.Label
			if c.match != "" {
				v.Label += ": " + c.match
			}
			v.Type, v.Measure = "code", string(d.Level())
			if d.Numeric() {
				v.Type = "number"
			}
			for _, val := range d.Values {
				v.Values = append(v.Values, ValueLabel{Value: val.Key, Label: val.Label, Missing: val.Missing})
			}
		}
		out = append(out, v)
	}
	for _, name := range wideTail {
		out = append(out, sharedVariable(name))
	}
	return out
}

// longVars are the long form's own columns (those not about the article).
var longVars = map[string]Variable{
	"annotation_id":    {Label: "Code id", Type: "text", Description: "unique across machines (ULID)"},
	"dimension":        {Label: "Variable", Type: "code", Measure: "nominal", Description: "the codebook dimension coded"},
	"target":           {Label: "Target", Type: "text", Measure: "nominal", Description: "what a stance is toward; empty for dimensions without targets"},
	"value":            {Label: "Value", Type: "code", Measure: "nominal", Description: "the value key; its labels depend on the dimension"},
	"note":             {Label: "Note", Type: "text", Description: "the coder's note; the text itself for text dimensions"},
	"codebook":         {Label: "Codebook", Type: "text"},
	"codebook_version": {Label: "Codebook version", Type: "integer"},
	"created_at":       {Label: "Created", Type: "time"},
	"updated_at":       {Label: "Last changed", Type: "time"},
	"span_start_rune":  {Label: "Span start (characters)", Type: "integer", Description: "offset in Unicode code points; empty for document codes"},
	"span_end_rune":    {Label: "Span end (characters)", Type: "integer", Description: "offset in Unicode code points, exclusive"},
	"span_start_byte":  {Label: "Span start (UTF-8 bytes)", Type: "integer"},
	"span_end_byte":    {Label: "Span end (UTF-8 bytes)", Type: "integer"},
	"span_text":        {Label: "Span text", Type: "text"},
	"span_prefix":      {Label: "Text before the span", Type: "text"},
	"span_suffix":      {Label: "Text after the span", Type: "text"},
	"source_name":      {Label: "Source", Type: "text", Description: "the canonical name of the source a span names or quotes"},
	"linked_to":        {Label: "Linked to", Type: "text", Description: "the code id of the speaker span a quote is linked to"},
	"carried_from":     {Label: "Carried from", Type: "text", Description: "the code id it was carried from, on another version"},
	"carry_status":     {Label: "Carry status", Type: "code", Measure: "nominal"},
	"carry_score":      {Label: "Carry score", Type: "number", Measure: "ratio", Description: "how well the carried span matched, 0 to 1"},
	"adjudicated":      {Label: "Adjudicated", Type: "flag", Measure: "nominal", Description: "a final value settling a disagreement", Values: flagValues},
	"settles":          {Label: "Settles", Type: "text", Description: "the code ids an adjudicated code settles"},
}

// LongVariables describes the columns of the long CSV form; the value
// column's labels come from every dimension of cb.
func LongVariables(cb *annotate.Codebook) []Variable {
	var out []Variable
	for _, name := range longColumns {
		v, ok := longVars[name]
		if !ok {
			out = append(out, sharedVariable(name))
			continue
		}
		v.Name = name
		switch name {
		case "dimension":
			for _, d := range cb.Dimensions {
				v.Values = append(v.Values, ValueLabel{Value: d.Key, Label: d.Label})
			}
		case "value":
			for _, d := range cb.Dimensions {
				for _, val := range d.Values {
					v.Values = append(v.Values, ValueLabel{Value: val.Key, Label: val.Label, Dimension: d.Key, Missing: val.Missing})
				}
			}
		case "carry_status":
			for _, s := range []annotate.CarryStatus{annotate.CarryExact, annotate.CarryMoved, annotate.CarryFuzzy,
				annotate.CarryOrphaned, annotate.CarryConfirmed, annotate.CarryRejected} {
				v.Values = append(v.Values, ValueLabel{Value: string(s), Label: string(s)})
			}
		}
		out = append(out, v)
	}
	return out
}

// ArticleVariables describes the columns of the article-level form.
func ArticleVariables(withText bool) []Variable {
	var out []Variable
	for _, name := range articleColumns {
		out = append(out, sharedVariable(name))
	}
	if withText {
		out = append(out, sharedVariable("text"))
	}
	return out
}

// WriteDictionaryCSV writes vars as CSV: a row per variable (value empty),
// then a row per value label beneath it.
func WriteDictionaryCSV(w io.Writer, vars []Variable) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"variable", "label", "type", "measure", "dimension", "value", "value_label", "missing", "description"})
	for _, v := range vars {
		_ = cw.Write([]string{v.Name, safe(v.Label), v.Type, v.Measure, v.Dimension, "", "", "", safe(v.Description)})
		for _, l := range v.Values {
			dim := l.Dimension
			if dim == "" {
				dim = v.Dimension
			}
			missing := "0"
			if l.Missing {
				missing = "1"
			}
			_ = cw.Write([]string{v.Name, "", "", "", dim, safe(l.Value), safe(l.Label), missing, ""})
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write data dictionary: %w", err)
	}
	return nil
}

// spssWidth is the width a text column is read with.
var spssWidth = map[string]string{
	"title": "A1000", "url": "A2000", "outlet": "A255", "annotator": "A255", "published": "A25",
	"exclusion_reason": "A1000", "redline_version": "A64",
}

// spssQuote writes s as an SPSS string literal on one line.
func spssQuote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// WriteSPSS writes SPSS syntax that reads the wide CSV at dataPath with
// the labels of vars (WideVariables). The coded columns hold the
// codebook's value keys as text; SPSS would number text values
// alphabetically (AUTORECODE), so the syntax keeps each as read and adds a
// numeric copy (name_n) numbered in codebook order, with the value labels,
// the level of measurement and the codebook's missing values.
func WriteSPSS(w io.Writer, cb *annotate.Codebook, vars []Variable, dataPath string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "* Encoding: UTF-8.\n")
	fmt.Fprintf(&b, "* Data dictionary of the wide export: codebook %s, version %d (Redline).\n", oneLineText(cb.Name), cb.Version)
	b.WriteString(`* Reads the wide CSV (redline export --form wide): one row per article and coder.
* Coded values are the codebook's value keys, written as text. SPSS would
* number text values alphabetically (AUTORECODE); instead, each coded
* column is kept as read and gets a numeric copy (name_n) numbered in
* codebook order, with the value labels, the level of measurement and the
* values the codebook counts as missing. 0/1 columns are read as numbers.
* Notes that run over several lines do not read with DELCASE=LINE: leave
* text columns out of the wide export's analysis or read them in R.
* A relative /FILE is from this syntax file's folder: CD there first, or
* give the full path. Checked with GNU PSPP 1.6.
GET DATA
  /TYPE=TXT
`)
	fmt.Fprintf(&b, "  /FILE=%s\n", spssQuote(dataPath))
	b.WriteString("  /ENCODING='UTF8'\n  /ARRANGEMENT=DELIMITED\n  /DELCASE=LINE\n  /FIRSTCASE=2\n  /DELIMITERS=','\n  /QUALIFIER='\"'\n  /VARIABLES=\n")
	for i, v := range vars {
		format := "A4000"
		switch v.Type {
		case "integer":
			format = "F10.0"
		case "number":
			format = "F10.2"
		case "flag":
			format = "F1.0"
		case "code":
			format = "A64"
		default:
			if wd, ok := spssWidth[v.Name]; ok {
				format = wd
			}
		}
		end := ""
		if i == len(vars)-1 {
			end = "."
		}
		fmt.Fprintf(&b, "    %s %s%s\n", v.Name, format, end)
	}
	b.WriteString("\nVARIABLE LABELS\n")
	var plain []string
	for _, v := range vars {
		plain = append(plain, fmt.Sprintf("  %s %s", v.Name, spssQuote(v.Label)))
	}
	b.WriteString(strings.Join(plain, "\n /") + ".\n")
	for _, v := range vars {
		if v.Type != "code" || len(v.Values) == 0 {
			continue
		}
		n := v.Name + "_n"
		fmt.Fprintf(&b, "\nRECODE %s", v.Name)
		for i, l := range v.Values {
			fmt.Fprintf(&b, " (%s=%d)", spssQuote(l.Value), i+1)
		}
		fmt.Fprintf(&b, " (ELSE=SYSMIS) INTO %s.\n", n)
		fmt.Fprintf(&b, "FORMATS %s (F%d.0).\n", n, len(fmt.Sprint(len(v.Values))))
		fmt.Fprintf(&b, "VARIABLE LABELS %s %s.\n", n, spssQuote(v.Label))
		fmt.Fprintf(&b, "VALUE LABELS %s", n)
		var missing []string
		for i, l := range v.Values {
			fmt.Fprintf(&b, " %d %s", i+1, spssQuote(l.Label))
			if l.Missing {
				missing = append(missing, fmt.Sprint(i+1))
			}
		}
		b.WriteString(".\n")
		if len(missing) > 0 && len(missing) <= 3 {
			fmt.Fprintf(&b, "MISSING VALUES %s (%s).\n", n, strings.Join(missing, ", "))
		}
		fmt.Fprintf(&b, "VARIABLE LEVEL %s (%s).\n", n, spssLevel(v.Measure))
	}
	for _, v := range vars {
		if (v.Type != "flag" && v.Type != "number") || len(v.Values) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\nVALUE LABELS %s", v.Name)
		var missing []string
		for _, l := range v.Values {
			fmt.Fprintf(&b, " %s %s", l.Value, spssQuote(l.Label))
			if l.Missing {
				missing = append(missing, l.Value)
			}
		}
		b.WriteString(".\n")
		if len(missing) > 0 && len(missing) <= 3 {
			fmt.Fprintf(&b, "MISSING VALUES %s (%s).\n", v.Name, strings.Join(missing, ", "))
		}
		fmt.Fprintf(&b, "VARIABLE LEVEL %s (%s).\n", v.Name, spssLevel(v.Measure))
	}
	b.WriteString("\nEXECUTE.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func spssLevel(measure string) string {
	switch measure {
	case "ordinal":
		return "ORDINAL"
	case "interval", "ratio":
		return "SCALE"
	}
	return "NOMINAL"
}

func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }

// WriteR writes an R script that reads the wide CSV at dataPath and sets
// each coded column's factor levels in codebook order (value keys as
// levels, value labels as labels); ordinal dimensions become ordered
// factors whose values the codebook counts as missing are NA (they are
// not on the scale); interval and ratio columns become numbers. Each
// column gets its label as the "label" attribute.
func WriteR(w io.Writer, cb *annotate.Codebook, vars []Variable, dataPath string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Data dictionary of the wide export: codebook %s, version %d (Redline).\n", oneLineText(cb.Name), cb.Version)
	b.WriteString(`# Reads the wide CSV (redline export --form wide): one row per article and
# coder. Coded columns become factors with their levels in codebook order;
# ordinal dimensions become ordered factors, on which values the codebook
# counts as missing ("not applicable") are NA. 0/1 columns are integers.
`)
	b.WriteString("# A relative path is from this script's folder: run R there, or give the full path.\n")
	fmt.Fprintf(&b, "path <- %s  # the wide export; change it if the file moved\n", rString(dataPath))
	b.WriteString(`d <- read.csv(path, encoding = "UTF-8", colClasses = "character",
              na.strings = "", check.names = FALSE)
`)
	for _, v := range vars {
		col := "d[[" + rString(v.Name) + "]]"
		switch v.Type {
		case "integer", "flag":
			fmt.Fprintf(&b, "%s <- as.integer(%s)\n", col, col)
		case "number":
			fmt.Fprintf(&b, "%s <- as.numeric(%s)\n", col, col)
		case "code":
			var keys, labels []string
			ordered := v.Measure == string(annotate.MeasureOrdinal)
			for _, l := range v.Values {
				if ordered && l.Missing {
					continue
				}
				keys = append(keys, rString(l.Value))
				labels = append(labels, rString(l.Label))
			}
			fmt.Fprintf(&b, "%s <- factor(%s,\n  levels = c(%s),\n  labels = c(%s)", col, col, strings.Join(keys, ", "), strings.Join(labels, ", "))
			if ordered {
				b.WriteString(",\n  ordered = TRUE")
			}
			b.WriteString(")\n")
		}
		fmt.Fprintf(&b, "attr(%s, \"label\") <- %s\n", col, rString(v.Label))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// rString writes s as an R string literal.
func rString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
