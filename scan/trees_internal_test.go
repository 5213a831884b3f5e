package scan

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

func TestEachTreeEntry(t *testing.T) {
	id := strings.Repeat("\x01", 20)
	tests := []struct {
		name, data string
		want       []string
		err        bool
	}{
		{"empty", "", nil, false},
		{"file, dir, link, gitlink", "100644 a.py\x00" + id + "40000 sub\x00" + id + "120000 ln\x00" + id + "160000 mod\x00" + id,
			[]string{"100644 a.py", "40000 sub", "120000 ln", "160000 mod"}, false},
		{"a name with spaces", "100755 run me.sh\x00" + id, []string{"100755 run me.sh"}, false},
		{"no mode", " a\x00" + id, nil, true},
		{"mode not octal", "100844 a\x00" + id, nil, true},
		{"no name", "100644 \x00" + id, nil, true},
		{"truncated id", "100644 a\x00" + id[:19], nil, true},
		{"no NUL", "100644 a", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			err := eachTreeEntry([]byte(tt.data), func(mode filemode.FileMode, name []byte, h plumbing.Hash) {
				got = append(got, fmt.Sprintf("%o %s", uint32(mode), name))
			})
			if (err != nil) != tt.err || (err != nil && !errors.Is(err, errMalformedTree)) {
				t.Fatalf("err %v, want error %v", err, tt.err)
			}
			if !tt.err && fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("%q, want %q", got, tt.want)
			}
		})
	}
}
