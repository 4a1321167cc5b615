package app

import (
	"fmt"
	"strings"
	"testing"

	"redline/storage"
)

func TestOpenMessageSaysWhatToDo(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("x.db: %w", storage.ErrNewerSchema), "Upgrade Redline"},
		{fmt.Errorf("x.db: %w", storage.ErrNotRedline), "not a Redline database"},
		{fmt.Errorf("x.db: %w", storage.ErrCorrupt), "damaged"},
	}
	for _, tt := range tests {
		if got := openMessage(tt.err); !strings.Contains(got, tt.want) || !strings.HasPrefix(got, "x.db") {
			t.Errorf("openMessage(%v) = %q", tt.err, got)
		}
	}
}
