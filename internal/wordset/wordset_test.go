package wordset

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"testing"
)

type hit struct{ word, start int }

// naive finds what Each must: every (word, start) where text, ASCII case
// folded, holds the folded word, in order of end, then of word index.
func naive(words []string, text []byte) []hit {
	lt := []byte(foldASCII(string(text)))
	var hs []hit
	for i, w := range words {
		lw := []byte(foldASCII(w))
		if len(lw) == 0 {
			continue
		}
		for s := 0; s+len(lw) <= len(lt); s++ {
			if bytes.Equal(lt[s:s+len(lw)], lw) {
				hs = append(hs, hit{i, s})
			}
		}
	}
	sortHits(words, hs)
	return hs
}

func sortHits(words []string, hs []hit) {
	sort.Slice(hs, func(i, j int) bool {
		ei, ej := hs[i].start+len(words[hs[i].word]), hs[j].start+len(words[hs[j].word])
		if ei != ej {
			return ei < ej
		}
		return hs[i].word < hs[j].word
	})
}

func all(s *Set, words []string, text []byte) []hit {
	var hs []hit
	s.Each(text, func(w, start int) bool {
		hs = append(hs, hit{w, start})
		return true
	})
	sortHits(words, hs) // Each orders by end only
	return hs
}

func TestEach(t *testing.T) {
	tests := []struct {
		words []string
		text  string
		want  []hit
	}{
		{[]string{"key"}, "apiKey = KEY; monkey", []hit{{0, 3}, {0, 9}, {0, 17}}},
		{[]string{"binance", "binance.us", "nance"}, "BINANCE.US", []hit{{0, 0}, {2, 2}, {1, 0}}},
		{[]string{"he", "she", "his", "hers"}, "ushers", []hit{{0, 2}, {1, 1}, {3, 2}}},
		{[]string{"aa"}, "aaaa", []hit{{0, 0}, {0, 1}, {0, 2}}},
		{[]string{"", "x"}, "xx", []hit{{1, 0}, {1, 1}}},
		{[]string{"-----begin"}, "-----BEGIN EC", []hit{{0, 0}}},
		{[]string{"ключ"}, "ключ КЛЮЧ", []hit{{0, 0}}}, // only ASCII folds
		{[]string{"key", "key"}, "key", []hit{{0, 0}, {1, 0}}},
		{[]string{"abc"}, "", nil},
		{nil, "anything", nil},
	}
	for _, tt := range tests {
		s := New(tt.words)
		got := all(s, tt.words, []byte(tt.text))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("New(%q).Each(%q) = %v, want %v", tt.words, tt.text, got, tt.want)
		}
		if n := naive(tt.words, []byte(tt.text)); !reflect.DeepEqual(n, tt.want) {
			t.Errorf("naive(%q, %q) = %v, want %v (the test is wrong)", tt.words, tt.text, n, tt.want)
		}
	}
}

func TestEachStops(t *testing.T) {
	s := New([]string{"a"})
	n := 0
	s.Each([]byte("aaaa"), func(int, int) bool { n++; return n < 2 })
	if n != 2 {
		t.Fatalf("Each called fn %d times after it returned false at 2", n)
	}
}

func FuzzEach(f *testing.F) {
	f.Add("key,secret,apikey,KEY", "my_API_KEY = 'x'; secretKey")
	f.Add("he,she,his,hers", "ushers and HIS")
	f.Add("a,aa,aaa", "aaaaAAAA")
	f.Fuzz(func(t *testing.T, list, text string) {
		if len(list) > 200 || len(text) > 4096 {
			return
		}
		words := bytes.Split([]byte(list), []byte(","))
		ws := make([]string, len(words))
		for i, w := range words {
			ws[i] = string(w)
		}
		got := all(New(ws), ws, []byte(text))
		want := naive(ws, []byte(text))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("words %q text %q: got %v, want %v", ws, text, got, want)
		}
	})
}

func ExampleSet_Each() {
	s := New([]string{"binance", "key", "secret"})
	s.Each([]byte("BINANCE_API_KEY=x\nBINANCE_SECRET=y"), func(word, start int) bool {
		fmt.Println(word, start)
		return true
	})
	// Output:
	// 0 0
	// 1 12
	// 0 18
	// 2 26
}
