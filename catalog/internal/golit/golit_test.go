package golit

import "testing"

type kind string

type entry struct {
	Name  string
	Kind  kind
	Tags  []string
	Count int
	Sub   inner
}

type inner struct{ Items []string }

func TestLiteral(t *testing.T) {
	for _, c := range []struct {
		in   any
		want string
	}{
		{"a\"b\n", `"a\"b\n"`},
		{kind("x"), `kind("x")`},
		{[]string{}, "[]string{}"},
		{entry{Name: "n"}, `entry{Name: "n"}`},
		{entry{Tags: []string{}, Count: -2}, `entry{Count: -2}`},
		{[]entry{{Name: "a", Kind: "k", Sub: inner{Items: []string{"i"}}}},
			"[]entry{\n\t{Name: \"a\", Kind: kind(\"k\"), Sub: inner{Items: []string{\n\t\t\"i\",\n\t}}},\n}"},
	} {
		if got := Literal(c.in); got != c.want {
			t.Errorf("Literal(%#v) =\n%s\nwant\n%s", c.in, got, c.want)
		}
	}
}
