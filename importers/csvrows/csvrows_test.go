package csvrows

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

func TestEachFindsColumnsByName(t *testing.T) {
	fsys := fstest.MapFS{"a.csv": {Data: []byte("note line\n\ufeffDate,Share Commentary,Extra\n2024-01-02,\"hello, \"\"world\"\"\nsecond line\",x\n2024-01-03,bye\n")}}
	var got []string
	var warns []string
	err := Each(context.Background(), fsys, "a.csv", []string{"sharecommentary"}, func(w string) { warns = append(warns, w) }, func(r Row) error {
		got = append(got, r.Get("share_commentary")+"|"+r.Get("date"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "hello, \"world\"\nsecond line|2024-01-02;bye|2024-01-03"
	if strings.Join(got, ";") != want {
		t.Errorf("rows %q, want %q (warnings %v)", got, want, warns)
	}
}
