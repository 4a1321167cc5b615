package ingest

import (
	"fmt"
	"os"
	"testing"
)

func TestZZHTMLLines(t *testing.T) {
	f := os.Getenv("ZZF")
	b, _ := os.ReadFile(f)
	var lines []string
	if len(f) > 5 && f[len(f)-5:] == ".docx" {
		lines, _ = docxLines(b)
	} else {
		lines, _ = htmlLines(b)
	}
	for i, l := range lines {
		fmt.Printf("%4d %.150q\n", i, cleanLine(l))
	}
}
