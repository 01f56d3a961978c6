package main

import "testing"

func TestParseAppMemory(t *testing.T) {
	for _, c := range []struct {
		in   string
		jobs int
		want int64 // -1: a usage error
	}{
		{"4GiB", 2, 4 << 30},
		{"3g", 2, 3 << 30},
		{"2500MiB", 2, 2500 << 20},
		{"2.5GB", 1, 5 << 29},
		{"none", 2, 0},
		{"0", 2, 0},
		{"1G", 2, -1}, // under what the Go runtime reserves
		{"lots", 2, -1},
		{"-4GiB", 2, -1},
	} {
		got, err := parseAppMemory(c.in, c.jobs)
		if c.want < 0 {
			if err == nil {
				t.Errorf("%q: %d, want a usage error", c.in, got)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	// auto shares the machine between the jobs, never under the minimum.
	one, _ := parseAppMemory("auto", 1)
	many, _ := parseAppMemory("auto", 1000)
	if many != minAppMemory || one < many {
		t.Errorf("auto: %d for 1 job, %d for 1000", one, many)
	}
}
