//go:build unix

package scan_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/keyhound/keyhound/repofile"
	"github.com/keyhound/keyhound/scan"
)

// TestAlternatesFIFO: an objects/info/alternates that is a FIFO is
// refused and reported, not blocked on (go-git's own reader would wait
// for a writer forever on the first missed lookup).
func TestAlternatesFIFO(t *testing.T) {
	_, clone, _ := sharedClone(t)
	alt := filepath.Join(clone, ".git", "objects", "info", "alternates")
	if err := os.Remove(alt); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(alt, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	s := &scan.Scanner{Rules: testSet(t)}
	done := make(chan error, 1)
	go func() {
		_, err := s.History(bg, clone, func(scan.Finding) {})
		done <- err
	}()
	select {
	case err := <-done:
		if !hasProblem(err, alt, "", repofile.ErrNotRegular) {
			t.Errorf("want a problem naming the FIFO alternates file, got %v", err)
		}
	case <-time.After(20 * time.Second):
		if f, err := os.OpenFile(alt, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
		t.Fatal("the scan hung on a FIFO alternates file")
	}
}
