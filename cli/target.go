package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// writeTarget writes what write produces to path without ever replacing
// or deleting a path Redline did not create:
//
//   - something that is not a regular file (a device such as /dev/null, a
//     FIFO) is written in place, as a shell redirection would;
//   - a regular file is written only once the whole export has succeeded:
//     the export goes first to an unnamed temporary file (created and
//     unlinked at once, so a killed export leaves nothing behind), then is
//     copied into the file, which keeps its mode, owner and links;
//   - a new file is created with the ordinary mode (0666 less the umask,
//     0644 under umask 022), and removed again if the copy fails.
func writeTarget(path string, write func(io.Writer) error) error {
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("cannot export to %s: it is a folder; name a file inside it", path)
	case err == nil && !fi.Mode().IsRegular():
		return writeInPlace(path, write)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot export to %s: %s", path, fsReason(err))
	}

	staged, err := stage(filepath.Dir(path), write)
	if err != nil {
		return err
	}
	defer func() {
		staged.Close()
		if runtime.GOOS == "windows" {
			os.Remove(staged.Name()) // an open file cannot be unlinked there
		}
	}()

	created := false
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if errors.Is(err, fs.ErrNotExist) {
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		created = err == nil
	}
	if err != nil {
		return fmt.Errorf("cannot export to %s: %s", path, fsReason(err))
	}
	_, err = io.Copy(f, staged)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if created {
			os.Remove(path)
			return fmt.Errorf("cannot export to %s: %s; nothing was saved", path, fsReason(err))
		}
		return fmt.Errorf("cannot export to %s: %s; the file is incomplete: export again once there is room", path, fsReason(err))
	}
	return nil
}

// stage writes the export to an unnamed temporary file in dir (or the
// system's temporary folder when dir is not writable) and returns it
// rewound.
func stage(dir string, write func(io.Writer) error) (*os.File, error) {
	tmp, err := os.CreateTemp(dir, ".redline-export-*")
	if err != nil {
		tmp, err = os.CreateTemp("", ".redline-export-*")
	}
	if err != nil {
		return nil, fmt.Errorf("cannot make room for the export: %s", fsReason(err))
	}
	// unlinked at once: from here on no name is left behind, whatever
	// happens to this process
	os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<16)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		_, err = tmp.Seek(0, io.SeekStart)
	}
	if err != nil {
		tmp.Close()
		if runtime.GOOS == "windows" {
			os.Remove(tmp.Name())
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("cannot make room for the export: %s; nothing was saved", fsReason(err))
		}
		return nil, err
	}
	return tmp, nil
}

// writeInPlace writes to a device or FIFO as it is.
func writeInPlace(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot export to %s: %s", path, fsReason(err))
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
