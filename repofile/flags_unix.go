//go:build unix

package repofile

import "syscall"

// openFlags: never follow a final symbolic link, never wait on a FIFO.
const openFlags = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
