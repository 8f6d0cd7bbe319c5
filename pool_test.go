package scrubs

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// poolPosts are posts with every part a report can point into: bio, reply,
// photo (unreadable: a warning), alt text, a suppression, and a text long
// enough to be judged in pieces.
func poolPosts() []Post {
	texts := []string{
		"Mrs. Lopez in bed 4 at St. Mary's, DOB 7/22/1961, call 555-123-4567 #LakeshoreED",
		"Just saw Dr. Smith, room 12, the 87 yo with the rare Fabry disease from Springfield. f**k",
		"I am Doctor Who, vote Jane Q Doe for Mayor. 20% off with code X",
		strings.Repeat("Patient John Smith in bed 7, MRN 1234567, seen today at Mercy Hospital. ", 4000), // > MaxPiece
	}
	var out []Post
	for i, tx := range texts {
		out = append(out, Post{ID: fmt.Sprint("p", i), Text: tx, Platform: "x", Account: "professional",
			Author:   Author{Bio: "ICU nurse at Mercy Hospital, Springfield"},
			ReplyTo:  &ReplyTo{Text: "Thanks for caring for my mom Maria Lopez in bed 4", Author: "Ana Lopez"},
			Media:    []Media{{Path: "/nonexistent/x.jpg", Alt: "Mrs. Lopez in bed 4 at Mercy"}},
			Suppress: []Suppression{{Rule: "profanity", Reason: "quoted", Line: 0}}})
	}
	return out
}

// Check judges a pooled copy of the post: a report must not change when
// later checks, on any goroutine, reuse that copy.
func TestReportsOutliveThePool(t *testing.T) {
	e := engine(t)
	posts := poolPosts()
	want := make([]string, len(posts))
	for i, p := range posts {
		b, _ := json.Marshal(e.Check(bg, p))
		want[i] = string(b)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			var reps []Report
			var idx []int
			for k := 0; k < 6; k++ {
				i := (g + k) % len(posts)
				if i == 3 && k > 1 {
					continue
				}
				reps = append(reps, e.Check(bg, posts[i]))
				idx = append(idx, i)
			}
			for k, r := range reps {
				b, _ := json.Marshal(r)
				if string(b) != want[idx[k]] {
					t.Errorf("post %d: report changed after later checks:\n%.400s\nwant\n%.400s", idx[k], b, want[idx[k]])
				}
			}
		}(g)
	}
	wg.Wait()
	for i := range want {
		if len(want[i]) < 40 {
			t.Logf("post %d report %s", i, want[i])
		}
	}
}
