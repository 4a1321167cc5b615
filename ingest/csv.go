package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readCSV reads a CSV file with a header row. The text column is required;
// other columns are matched by name. Malformed rows are warnings.
func (r *reader) readCSV(in io.Reader) error {
	br := bufio.NewReaderSize(in, 64<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\uFEFF")) {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = sniffDelimiter(br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return fail("file is empty (it holds only blank lines)")
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return &failure{line: pe.StartLine, reason: "cannot read the header row: " + pe.Err.Error()}
		}
		return fail("cannot read: %s", osReason(err))
	}
	columns := make([]synonym, len(header))
	names := make([]string, len(header))
	hasText := false
	for i, h := range header {
		names[i] = cleanField(h)
		s, ok := r.csvColumn(header, i) // a --map mapping wins over the known names
		if ok && s.field == fieldText {
			hasText = true
		}
		columns[i] = s
	}
	if !hasText && !r.storyList(header, columns) {
		return &failure{line: 1, reason: fmt.Sprintf("no text column: found columns %s; name one %s, or map one with --map COLUMN=text", strings.Join(names, ", "), textNames)}
	}
	replaced, badRows, firstBad := 0, 0, 0
	for {
		if err := r.halted(); err != nil {
			return err
		}
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				if errors.Is(pe.Err, csv.ErrFieldCount) {
					r.warn(pe.StartLine, "row has %d fields but the header has %d; skipped", len(row), len(header))
				} else {
					r.warn(pe.StartLine, "malformed row (%s); skipped", pe.Err)
				}
				continue
			}
			return fail("cannot read: %s", osReason(err))
		}
		line, _ := cr.FieldPos(0)
		rec := &record{}
		size := 0
		for i, v := range row {
			size += len(v)
			if columns[i].field != fieldNone {
				rec.set(columns[i], v)
			}
		}
		if size > MaxRecordBytes {
			r.warn(line, "row is %s, larger than the %s limit for one record; skipped (raise the limit with redline import --max-line-bytes)", megabytes(int64(size)), megabytesRound(int64(MaxRecordBytes)))
			continue
		}
		a, rep, ok := r.storyRow(rec, r.path+":"+strconv.Itoa(line), line) // a stub when the row has no text
		if !ok {
			continue
		}
		if rep > 0 {
			replaced += rep
			badRows++
			if firstBad == 0 {
				firstBad = line
			}
		}
		r.emit(a)
	}
	r.warnStubs()
	if replaced > 0 {
		r.warn(firstBad, "%d invalid bytes replaced in %d rows (the text is not valid UTF-8; it may have been saved in another encoding)", replaced, badRows)
	}
	return nil
}

// sniffDelimiter picks the CSV delimiter from the header line: a comma
// unless the header has more semicolons or tabs (spreadsheets in many
// locales save with ';').
func sniffDelimiter(br *bufio.Reader) rune {
	head, _ := br.Peek(64 << 10)
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	counts := map[rune]int{',': bytes.Count(head, []byte(",")), ';': bytes.Count(head, []byte(";")), '\t': bytes.Count(head, []byte("\t"))}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}
