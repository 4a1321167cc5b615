package main

import (
	"bytes"
	"debug/pe"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// buildWindows links a tiny Go program for Windows with the given extra
// linker flags and returns the executable's bytes.
func buildWindows(t *testing.T, dir, name, ldflags string) []byte {
	t.Helper()
	src := filepath.Join(dir, "main.go")
	if _, err := os.Stat(src); err != nil {
		prog := "package main\n\nimport \"os\"\n\nfunc main() { os.Stdout.WriteString(\"hello\\n\"); os.Exit(3) }\n"
		if err := os.WriteFile(src, []byte(prog), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hello\n\ngo 1.21\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", ldflags, "-o", out, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0", "GOFLAGS=-buildvcs=false")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build for windows: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func header(t *testing.T, data []byte) (subsystem uint16, sum uint32) {
	t.Helper()
	f, err := pe.NewFile(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	switch h := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		return h.Subsystem, h.CheckSum
	case *pe.OptionalHeader32:
		return h.Subsystem, h.CheckSum
	}
	t.Fatal("no optional header")
	return 0, 0
}

func TestSetSubsystem(t *testing.T) {
	if testing.Short() {
		t.Skip("links two Windows executables")
	}
	dir := t.TempDir()
	// without a build id the two links differ only where -H says
	gui := buildWindows(t, dir, "gui.exe", "-H=windowsgui -buildid=")
	console := buildWindows(t, dir, "console.exe", "-buildid=")
	if sub, _ := header(t, gui); sub != subsystemGUI {
		t.Fatalf("-H=windowsgui built subsystem %d, want %d", sub, subsystemGUI)
	}
	if sub, _ := header(t, console); sub != subsystemConsole {
		t.Fatalf("default build has subsystem %d, want %d", sub, subsystemConsole)
	}

	// our checksum agrees with the one Go's linker wrote
	off, err := optionalHeader(console)
	if err != nil {
		t.Fatal(err)
	}
	if _, stored := header(t, console); stored != 0 {
		if got := checksum(console, off+offCheckSum); got != stored {
			t.Errorf("checksum of the linker's output = %#x, linker wrote %#x", got, stored)
		}
	} else {
		t.Log("the linker wrote no checksum")
	}

	flipped := bytes.Clone(gui)
	if err := setSubsystem(flipped, subsystemConsole); err != nil {
		t.Fatal(err)
	}
	sub, sum := header(t, flipped)
	if sub != subsystemConsole {
		t.Errorf("after setting console: subsystem %d", sub)
	}
	if _, orig := header(t, gui); orig != 0 && sum != checksum(flipped, off+offCheckSum) {
		t.Errorf("after setting console: stored checksum %#x, file sums to %#x", sum, checksum(flipped, off+offCheckSum))
	}
	// only the subsystem and checksum fields changed
	var diff []int
	for i := range gui {
		if gui[i] != flipped[i] {
			diff = append(diff, i)
		}
	}
	for _, i := range diff {
		if !(i >= off+offCheckSum && i < off+offCheckSum+4) && !(i >= off+offSubsystem && i < off+offSubsystem+2) {
			t.Errorf("byte %#x changed, outside the subsystem and checksum fields", i)
		}
	}
	// the gui build made console is what the linker makes for a console
	// program: -H windowsgui changes nothing but this field
	if !bytes.Equal(flipped, console) {
		t.Error("the gui build set to console differs from the console build")
	}
	// and back again gives the gui build byte for byte
	if err := setSubsystem(flipped, subsystemGUI); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(flipped, gui) {
		t.Error("console and back to gui is not the original file")
	}
}

func TestSetSubsystemRefusesOtherFiles(t *testing.T) {
	for name, data := range map[string][]byte{
		"text":            []byte("not an executable at all, just some words in a file"),
		"MZ without a PE": append([]byte("MZ"), make([]byte, 200)...),
	} {
		t.Run(name, func(t *testing.T) {
			if err := setSubsystem(bytes.Clone(data), subsystemConsole); err == nil {
				t.Error("no error")
			}
		})
	}
}

// The checksum of a known buffer, worked by hand: words 0x0201 + 0x0403
// (checksum field at 4..7 taken as zero) + 0x0009 (odd last byte) = 0x060d,
// plus the length 9.
func TestChecksumWorkedExample(t *testing.T) {
	data := []byte{1, 2, 3, 4, 0xff, 0xff, 0xff, 0xff, 9}
	if got, want := checksum(data, 4), uint32(0x060d+9); got != want {
		t.Errorf("checksum = %#x, want %#x", got, want)
	}
}
