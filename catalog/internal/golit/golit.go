// Package golit writes Go values as Go composite literals, so catalog data
// decoded from JSON at generation time can be compiled into the binary as
// statically initialised tables instead of being decoded at every start.
package golit

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Literal returns v as a Go expression. Types are written unqualified (the
// generated file lives in the package that defines them); zero struct fields
// are left out, and so are empty slices, which read back as nil.
func Literal(v any) string {
	var b strings.Builder
	write(&b, reflect.ValueOf(v), true, "")
	return b.String()
}

// write appends v; typed says whether the literal needs its type (an element
// of a slice literal does not).
func write(b *strings.Builder, v reflect.Value, typed bool, indent string) {
	switch v.Kind() {
	case reflect.String:
		if v.Type().Name() != "string" {
			// A named string type needs its conversion to stay typed.
			fmt.Fprintf(b, "%s(%s)", v.Type().Name(), strconv.Quote(v.String()))
			return
		}
		b.WriteString(strconv.Quote(v.String()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Slice:
		if typed {
			b.WriteString(typeName(v.Type()))
		}
		if v.Len() == 0 {
			b.WriteString("{}")
			return
		}
		if v.Len() > packAbove && isFlat(v.Type().Elem()) {
			writePacked(b, v, false, indent)
			return
		}
		inner := indent + "\t"
		b.WriteString("{\n")
		for i := range v.Len() {
			b.WriteString(inner)
			write(b, v.Index(i), false, inner)
			b.WriteString(",\n")
		}
		b.WriteString(indent + "}")
	case reflect.Array:
		// Only arrays of numbers occur (lookup tables, bit sets): their
		// non-zero elements, by index.
		if !isNumber(v.Type().Elem()) {
			panic("golit: arrays of " + v.Type().Elem().String() + " are not supported")
		}
		if typed {
			b.WriteString(typeName(v.Type()))
		}
		writePacked(b, v, true, indent)
	case reflect.Map:
		// Keys sorted, so the generated file is the same at every run.
		if typed {
			b.WriteString(typeName(v.Type()))
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		inner := indent + "\t"
		b.WriteString("{\n")
		for _, k := range keys {
			b.WriteString(inner)
			write(b, k, false, inner)
			b.WriteString(": ")
			write(b, v.MapIndex(k), false, inner)
			b.WriteString(",\n")
		}
		b.WriteString(indent + "}")
	case reflect.Pointer:
		// Only pointers to structs (optional parts of an entry) occur; a nil
		// one is a zero field and is left out by the struct case.
		b.WriteString("&")
		write(b, v.Elem(), true, indent)
	case reflect.Struct:
		if typed {
			b.WriteString(typeName(v.Type()))
		}
		b.WriteString("{")
		first := true
		for i := range v.NumField() {
			f := v.Field(i)
			if f.IsZero() || ((f.Kind() == reflect.Slice || f.Kind() == reflect.Map) && f.Len() == 0) {
				continue
			}
			if !first {
				b.WriteString(", ")
			}
			first = false
			b.WriteString(v.Type().Field(i).Name + ": ")
			write(b, f, true, indent)
		}
		b.WriteString("}")
	default:
		panic(fmt.Sprintf("golit: %s values are not supported", v.Kind()))
	}
}

// packAbove is the length above which a slice of numbers is written
// several elements to a line: the generated tables (automaton states) hold
// tens of thousands.
const packAbove = 16

func isNumber(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return t.Name() == t.Kind().String() // a named number type would need its conversion
	}
	return false
}

// isFlat reports a number or a struct of numbers: short enough to write
// several to a line.
func isFlat(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return isNumber(t)
	}
	for i := range t.NumField() {
		if !isNumber(t.Field(i).Type) {
			return false
		}
	}
	return true
}

// writePacked writes the elements of a slice or array of flat values about a
// hundred characters to a line; keyed writes only the non-zero ones, each
// with its index.
func writePacked(b *strings.Builder, v reflect.Value, keyed bool, indent string) {
	inner := indent + "\t"
	b.WriteString("{")
	line := 0
	for i := range v.Len() {
		e := v.Index(i)
		if keyed && e.IsZero() {
			continue
		}
		if line == 0 || line > 100 {
			b.WriteString("\n" + inner)
			line = 0
		} else {
			b.WriteString(" ")
		}
		n := b.Len()
		if keyed {
			b.WriteString(strconv.Itoa(i) + ": ")
		}
		write(b, e, false, inner)
		b.WriteString(",")
		line += b.Len() - n + 1
	}
	if line > 0 {
		b.WriteString("\n" + indent)
	}
	b.WriteString("}")
}

func typeName(t reflect.Type) string {
	if t.Kind() == reflect.Array {
		return "[" + strconv.Itoa(t.Len()) + "]" + typeName(t.Elem())
	}
	if t.Kind() == reflect.Slice {
		return "[]" + typeName(t.Elem())
	}
	if t.Kind() == reflect.Map {
		return "map[" + typeName(t.Key()) + "]" + typeName(t.Elem())
	}
	if t.Kind() == reflect.Pointer {
		return "*" + typeName(t.Elem())
	}
	if t.Name() == "" {
		return t.String() // struct {}
	}
	return t.Name()
}
