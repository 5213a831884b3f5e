package repofile

import (
	"bytes"
	"io/fs"
	"time"
)

// memFile is a file already read and checked, served from memory.
type memFile struct {
	name string
	data []byte
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f.name, int64(len(f.data))}, nil }

func (f *memFile) Read(p []byte) (int, error) {
	if f.r == nil {
		f.r = bytes.NewReader(f.data)
	}
	return f.r.Read(p)
}

func (f *memFile) Close() error { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
