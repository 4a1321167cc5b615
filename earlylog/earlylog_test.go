package earlylog

import (
	"bytes"
	"log"
	"strings"
	"testing"
)

func TestHoldsThenReleases(t *testing.T) {
	log.Print("before main")
	if !strings.Contains(Held(), "before main") {
		t.Fatalf("held %q", Held())
	}
	var out bytes.Buffer
	Release(&out)
	log.Print("after")
	if s := out.String(); !strings.Contains(s, "before main") || !strings.Contains(s, "after") {
		t.Errorf("released %q", s)
	}
	Release(nil)
	log.Print("dropped")
	if strings.Contains(out.String(), "dropped") {
		t.Error("nil did not drop")
	}
}
