package workspace

import (
	"context"
	"fmt"
	"regexp"
	"strconv"

	"redline/annotate"
	"redline/keymap"
)

var versionLine = regexp.MustCompile(`(?m)^(\s*"?version"?\s*[=:]\s*)(\d+)`)

// InstallCodebook reads a codebook file (TOML or JSON), and when it is
// valid stores it as a new version and puts it in force. A codebook of the
// same name as the one in force gets the next version number whatever
// number the file says, so every change makes a new version and every
// annotation names the exact codebook it was made under. An invalid
// codebook is refused with its line or field and reason, and the one in
// force stays.
func (ws *Workspace) InstallCodebook(ctx context.Context, data []byte) (*annotate.Codebook, error) {
	cb, err := annotate.ParseCodebook(data)
	if err != nil {
		return nil, err
	}
	if err := CheckShortcuts(cb); err != nil {
		return nil, err
	}
	cur := ws.Codebook
	if cur != nil && cur.Name == cb.Name && cb.Version <= cur.Version {
		next := cur.Version + 1
		if loc := versionLine.FindSubmatchIndex(data); loc != nil {
			data = append(append(append([]byte{}, data[:loc[4]]...), strconv.Itoa(next)...), data[loc[5]:]...)
			if cb, err = annotate.ParseCodebook(data); err != nil {
				return nil, err
			}
		} else {
			cb.Version = next
			if data, err = cb.MarshalTOML(); err != nil {
				return nil, err
			}
		}
	}
	if err := ws.Store.SaveCodebook(ctx, cb, data); err != nil {
		return nil, fmt.Errorf("store codebook %q version %d: %w", cb.Name, cb.Version, err)
	}
	ws.Codebook = cb
	return cb, nil
}

// CheckShortcuts refuses a codebook whose value shortcuts are keys the
// workbench keeps for its commands (keymap's one table): such a value
// could never be chosen by its key.
func CheckShortcuts(cb *annotate.Codebook) error {
	for i, d := range cb.Dimensions {
		for j, v := range d.Values {
			if b, ok := keymap.Reserved(v.Shortcut); ok {
				return &annotate.CodebookError{Field: fmt.Sprintf("dimension[%d].value[%d].shortcut", i, j),
					Reason: fmt.Sprintf("%q is the workbench's key for %s; choose another key", v.Shortcut, b.Help)}
			}
		}
	}
	return nil
}

// CodebookSource returns the file text of the codebook in force.
func (ws *Workspace) CodebookSource(ctx context.Context) ([]byte, error) {
	_, src, err := ws.Store.LatestCodebook(ctx)
	return src, err
}
