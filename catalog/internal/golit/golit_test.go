package golit

import "testing"

type kind string

type entry struct {
	Name  string
	Kind  kind
	Tags  []string
	Count int
	Sub   inner
	Opt   *inner
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
		{entry{Opt: &inner{Items: []string{}}}, `entry{Opt: &inner{}}`},
		{[]*inner{{}}, "[]*inner{\n\t&inner{},\n}"},
		{map[string]kind{"b": "y", "a": "x"}, "map[string]kind{\n\t\"a\": kind(\"x\"),\n\t\"b\": kind(\"y\"),\n}"},
		{[]entry{{Name: "a", Kind: "k", Sub: inner{Items: []string{"i"}}}},
			"[]entry{\n\t{Name: \"a\", Kind: kind(\"k\"), Sub: inner{Items: []string{\n\t\t\"i\",\n\t}}},\n}"},
	} {
		if got := Literal(c.in); got != c.want {
			t.Errorf("Literal(%#v) =\n%s\nwant\n%s", c.in, got, c.want)
		}
	}
}

type pair struct {
	c  uint8
	to int32
}

func TestLiteralPacked(t *testing.T) {
	long := make([]int32, packAbove+1)
	for i := range long {
		long[i] = int32(i * 1000)
	}
	pairs := make([]pair, packAbove+1)
	pairs[3] = pair{c: 97, to: -1}
	for _, c := range []struct {
		in   any
		want string
	}{
		{[4]uint64{0, 5, 0, 7}, "[4]uint64{\n\t1: 5, 3: 7,\n}"},
		{[2]int32{}, "[2]int32{}"},
		{[]uint8{1, 2}, "[]uint8{\n\t1,\n\t2,\n}"},
		{long, "[]int32{\n\t0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000, 12000, 13000, 14000, 15000, 16000,\n}"},
		{pairs, "[]pair{\n\t{}, {}, {}, {c: 97, to: -1}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {},\n}"},
	} {
		if got := Literal(c.in); got != c.want {
			t.Errorf("Literal(%#v) =\n%s\nwant\n%s", c.in, got, c.want)
		}
	}
}
