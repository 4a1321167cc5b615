package cli

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"syscall"
)

// fsReason words a file-system error for the analyst: what happened, in
// plain words, without the system call's name.
func fsReason(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return "the disk is full (or your quota is used up); free some space and try again"
	case errors.Is(err, syscall.EROFS):
		return "the disk is read-only; choose a place you can write to"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied: you may not write there; choose another place or ask for access"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// quoteName prints a file name on one line: as it is when it holds no
// line break or other control character, else quoted with escapes.
func quoteName(name string) string {
	if strings.IndexFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' }) < 0 {
		return name
	}
	return strconv.Quote(name)
}
