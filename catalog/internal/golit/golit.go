// Package golit writes Go values as Go composite literals, so catalog data
// decoded from JSON at generation time can be compiled into the binary as
// statically initialised tables instead of being decoded at every start.
package golit

import (
	"fmt"
	"reflect"
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
		inner := indent + "\t"
		b.WriteString("{\n")
		for i := range v.Len() {
			b.WriteString(inner)
			write(b, v.Index(i), false, inner)
			b.WriteString(",\n")
		}
		b.WriteString(indent + "}")
	case reflect.Struct:
		if typed {
			b.WriteString(typeName(v.Type()))
		}
		b.WriteString("{")
		first := true
		for i := range v.NumField() {
			f := v.Field(i)
			if f.IsZero() || (f.Kind() == reflect.Slice && f.Len() == 0) {
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

func typeName(t reflect.Type) string {
	if t.Kind() == reflect.Slice {
		return "[]" + typeName(t.Elem())
	}
	return t.Name()
}
