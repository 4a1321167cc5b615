// Command pesubsystem copies a Windows executable, setting the subsystem
// its header names: console or gui.
//
// Redline ships the same program twice for Windows: redline.exe (gui: the
// Start menu opens it without a console window) and redline-cli.exe
// (console: cmd.exe and PowerShell wait for it, so its output and exit
// status reach scripts). The subsystem is one field of the PE optional
// header — Go's -H windowsgui changes nothing else — so the console copy is
// the gui build with that field set, keeping its icon and version resource,
// instead of a second cross-build with cgo that costs minutes.
//
// Usage:
//
//	go run ./tools/pesubsystem -subsystem console IN.exe OUT.exe
package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
)

// Subsystem values of the PE optional header.
const (
	subsystemGUI     = pe.IMAGE_SUBSYSTEM_WINDOWS_GUI
	subsystemConsole = pe.IMAGE_SUBSYSTEM_WINDOWS_CUI
)

// Offsets inside the optional header (the same for PE32 and PE32+).
const (
	offCheckSum  = 64
	offSubsystem = 68
)

func main() {
	sub := flag.String("subsystem", "console", "console or gui")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: pesubsystem -subsystem console|gui IN.exe OUT.exe")
		os.Exit(2)
	}
	var want uint16
	switch *sub {
	case "console":
		want = subsystemConsole
	case "gui":
		want = subsystemGUI
	default:
		fmt.Fprintf(os.Stderr, "pesubsystem: -subsystem %q: use console or gui\n", *sub)
		os.Exit(2)
	}
	in, out := flag.Arg(0), flag.Arg(1)
	data, err := os.ReadFile(in)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pesubsystem: %v\n", err)
		os.Exit(1)
	}
	if err := setSubsystem(data, want); err != nil {
		fmt.Fprintf(os.Stderr, "pesubsystem: %s: %v\n", in, err)
		os.Exit(1)
	}
	if err := os.WriteFile(out, data, 0o755); err != nil {
		fmt.Fprintf(os.Stderr, "pesubsystem: %v\n", err)
		os.Exit(1)
	}
}

// optionalHeader returns the offset of the PE optional header in data,
// after checking that data is a PE image with one.
func optionalHeader(data []byte) (int, error) {
	f, err := pe.NewFile(bytes.NewReader(data))
	if err != nil {
		return 0, fmt.Errorf("not a Windows executable: %w", err)
	}
	defer f.Close()
	if f.OptionalHeader == nil {
		return 0, errors.New("not an executable: no optional header")
	}
	lfanew := int(binary.LittleEndian.Uint32(data[0x3c:]))
	off := lfanew + 4 + 20 // "PE\0\0", then the COFF file header
	if off+offSubsystem+2 > len(data) {
		return 0, errors.New("optional header cut short")
	}
	return off, nil
}

// setSubsystem sets the subsystem field and, when the image carries a
// checksum, recomputes it.
func setSubsystem(data []byte, sub uint16) error {
	off, err := optionalHeader(data)
	if err != nil {
		return err
	}
	binary.LittleEndian.PutUint16(data[off+offSubsystem:], sub)
	if binary.LittleEndian.Uint32(data[off+offCheckSum:]) != 0 {
		binary.LittleEndian.PutUint32(data[off+offCheckSum:], checksum(data, off+offCheckSum))
	}
	return nil
}

// checksum is the PE image checksum (as ImageHlp's CheckSumMappedFile
// computes it): the 16-bit one's-complement-style sum of the file, with the
// checksum field itself taken as zero, plus the file's length.
func checksum(data []byte, at int) uint32 {
	var sum uint64
	for i := 0; i < len(data); i += 2 {
		var w uint64
		switch {
		case i == at || i == at+2:
			w = 0
		case i+1 < len(data):
			w = uint64(binary.LittleEndian.Uint16(data[i:]))
		default:
			w = uint64(data[i])
		}
		sum += w
		sum = (sum & 0xffff) + (sum >> 16)
	}
	sum = (sum & 0xffff) + (sum >> 16)
	return uint32(sum) + uint32(len(data))
}
