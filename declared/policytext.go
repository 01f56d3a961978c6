package declared

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"privdiff/catalog"
)

// ErrNoPolicyText marks a document that was read but holds no privacy
// policy: a page whose text is drawn by JavaScript, a login, error or
// cookie-consent page. Auditing against it would report every SDK as
// undeclared.
var ErrNoPolicyText = errors.New("the page holds no policy text; it is probably rendered by JavaScript: save it from a browser")

// The thresholds of checkPolicyText. Prose is counted in letters, an
// ideograph as three (a Chinese sentence says in 20 characters what an
// English one says in 60 letters). The shortest real policies (a five-line
// Chinese Markdown file, a 700-byte English one) have a few hundred
// letters of prose and touch four or more topics; a page that holds no
// policy touches one or two (its title, a "privacy policy" footer link).
const (
	// minTopics is how many of the vocabulary's topics (privacy, personal
	// information, collection, sharing, permissions, rights, …) a policy
	// must touch.
	minTopics = 3
	// pageProse is the prose under which the short lines of a login,
	// error or consent page, or an empty JavaScript root, decide: a real
	// policy page with a "登录" link in its header has far more.
	pageProse = 3000
	// minPageLines is how many distinct lines of one kind of page ("登录",
	// "忘记密码"; "Accept all", "Reject all") it takes to call a short
	// text that kind of page: one such line can be a policy's heading.
	minPageLines = 2
	// maxPageLine is the longest line (in runes) that can be a button,
	// link or heading of such a page.
	maxPageLine = 40
)

// policyEvidence is what checkPolicyText measured, for messages and tests.
type policyEvidence struct {
	prose  int
	topics int
	// page is the kind of page the short lines say it is, "" if none.
	page string
	// script is set when the HTML has an empty application root or a
	// "please enable JavaScript" notice.
	script bool
}

// measurePolicyText measures a text in one pass over its lines, until it
// has seen enough prose and topics for checkPolicyText to pass it.
func measurePolicyText(t *Text) policyEvidence {
	sig := catalog.Signals()
	ev := policyEvidence{script: t.scriptShell}
	topics := map[string]bool{}
	pageHits := make([]map[string]bool, len(sig.PageLines))
	for _, line := range t.Lines {
		if ev.prose >= pageProse && len(topics) >= minTopics {
			// checkPolicyText passes the text whatever the rest holds:
			// a long policy is not read to its end for it.
			break
		}
		for _, r := range line {
			ev.prose += proseWeight(r)
		}
		if len(topics) < sig.TopicCount {
			for _, m := range sig.Topics.FindAll(catalog.FoldWord(line)) {
				topics[m.Value] = true
			}
		}
		if n := utf8.RuneCountInString(line); n == 0 || n > maxPageLine {
			continue
		}
		folded := strings.TrimFunc(catalog.FoldPageLine(line), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})
		for i, k := range sig.PageLines {
			for _, p := range k.Phrases {
				if folded == p {
					if pageHits[i] == nil {
						pageHits[i] = map[string]bool{}
					}
					pageHits[i][p] = true
				}
			}
		}
	}
	ev.topics = len(topics)
	best := 0
	for i, hits := range pageHits {
		if len(hits) >= minPageLines && len(hits) > best {
			best, ev.page = len(hits), sig.PageLines[i].Kind
		}
	}
	return ev
}

// checkPolicyText refuses a text that holds no privacy policy. It decides
// by the text alone, as a reader would: too little prose about what a
// policy is about, or the few lines of a page of another kind.
func checkPolicyText(t *Text) error {
	ev := measurePolicyText(t)
	if t.Encoding == "pdf" && (ev.topics < minTopics || ev.prose < pageProse && ev.page != "") {
		// A PDF's few words are a scanner's or printer's page furniture
		// around pictures of the text.
		return fmt.Errorf("%w (the little text it has says nothing a privacy policy says)", ErrPDFNoText)
	}
	switch {
	case ev.prose == 0:
		return fmt.Errorf("%w (it has no text at all)", ErrNoPolicyText)
	case ev.prose < pageProse && ev.page != "":
		return fmt.Errorf("%w (it reads as %s)", ErrNoPolicyText, ev.page)
	case ev.topics < minTopics:
		if ev.script {
			return fmt.Errorf("%w (an empty page that loads its text with scripts)", ErrNoPolicyText)
		}
		return fmt.Errorf("%w (its text says nothing a privacy policy says)", ErrNoPolicyText)
	}
	return nil
}

// appRoots are the ids single-page-application frameworks render into
// (Vue, React, Next.js, Nuxt, Angular, …).
var appRoots = map[string]bool{"app": true, "root": true, "__next": true, "__nuxt": true, "__layout": true, "main": true, "application": true}

// scriptShell reports whether HTML is the shell of a page drawn by
// JavaScript: an application root with no text, or a <noscript> asking
// for JavaScript.
func scriptShell(doc *html.Node) bool {
	found := false
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if found || depth > 512 {
			return
		}
		if n.Type == html.ElementNode {
			switch {
			case n.DataAtom == atom.Noscript:
				if strings.Contains(strings.ToLower(nodeText(n)), "javascript") {
					found = true
					return
				}
			case n.DataAtom == atom.Div || n.DataAtom == atom.Main || n.DataAtom == atom.Body:
				for _, a := range n.Attr {
					if a.Key == "id" && appRoots[strings.ToLower(a.Val)] && strings.TrimSpace(nodeText(n)) == "" {
						found = true
						return
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	return found
}

// nodeText is the text under a node, scripts and styles left out (the
// html package keeps a <noscript>'s content as one text node).
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if depth > 512 || b.Len() > 4096 {
			return
		}
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style):
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// proseWeight counts a Han character 3 and another letter 1, answering
// ASCII and the CJK ideographs without the Unicode tables.
func proseWeight(r rune) int {
	switch {
	case r < utf8.RuneSelf:
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return 1
		}
		return 0
	case r >= cjkFirst && r <= cjkLast:
		return 3
	case unicode.Is(unicode.Han, r):
		return 3
	case unicode.IsLetter(r):
		return 1
	}
	return 0
}
