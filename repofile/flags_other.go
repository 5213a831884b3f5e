//go:build !unix

package repofile

// openFlags: no portable flags; the Lstat check before opening refuses
// symbolic links and special files.
const openFlags = 0
