package lessons

import (
	"fmt"
	"io"
	"strings"
)

// format returns the printed block of r: header, claims with verdicts,
// notes, the lesson's text and a blank line.
func (r Report) format(text string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Lesson %d: %s\n", r.Number, r.Title)
	for _, c := range r.Claims {
		v := "PASS"
		if !c.Pass {
			v = "FAIL"
		}
		fmt.Fprintf(&b, "  %s  %s\n", v, c.Text)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "  note  %s\n", n)
	}
	b.WriteString(text)
	b.WriteString("\n")
	return b.String()
}

// explorerBase is the address `saddle serve` listens on by default.
const explorerBase = "http://127.0.0.1:8080"

// markdownHead is the top of docs/lessons.md.
const markdownHead = "# Lessons: the course's claims, reproduced\n\n" +
	"This file is generated. Regenerate it, and the figures under `img/`, from the repository root with\n\n" +
	"```sh\ngo run ./cmd/saddle lessons --out docs\n```\n\n" +
	"Each lesson states a claim of the course material, runs the experiment with the library\n" +
	"(package `optim/lessons`, one function per lesson) and prints every claim with its numbers and a\n" +
	"verdict: PASS when the numbers agree with the closed form or the literature value named in the\n" +
	"claim. Every random thing is seeded, so the numbers repeat (the timings of lesson 9 excepted).\n" +
	"`go test ./optim/lessons` checks the same numbers against independently derived values.\n\n"

// WriteMarkdown writes the report docs/lessons.md: a table of contents,
// then per lesson its claim, the library call and command that reproduce
// it, its printed output and its figures (as img/NAME links).
func WriteMarkdown(w io.Writer, reports []Report) error {
	var b strings.Builder
	b.WriteString(markdownHead)
	for _, r := range reports {
		fmt.Fprintf(&b, "- [Lesson %d: %s](#lesson-%d)\n", r.Number, r.Title, r.Number)
	}
	for _, r := range reports {
		fmt.Fprintf(&b, "\n<a id=\"lesson-%d\"></a>\n## Lesson %d: %s\n\n", r.Number, r.Number, r.Title)
		fmt.Fprintf(&b, "**Claim.** %s\n\n", r.Lesson.Claim)
		fmt.Fprintf(&b, "Explore: [open this lesson in the explorer](%s/?%s) (start it with `go run ./cmd/saddle serve`; the page shows the claim beside the view).\n\n", explorerBase, r.Lesson.Query())
		var fns []string
		for _, f := range strings.Split(r.Lesson.Funcs, ", ") {
			fns = append(fns, "`lessons."+f+"`")
		}
		fmt.Fprintf(&b, "Library: %s (package `optim/lessons`). Re-run:\n\n```sh\n%s\n```\n\n", strings.Join(fns, ", "), r.Command)
		fmt.Fprintf(&b, "Output:\n\n```text\n%s\n```\n", strings.TrimRight(r.Text, "\n"))
		for _, f := range r.Figures {
			fmt.Fprintf(&b, "\n![lesson %d: %s](img/%s)\n", r.Number, strings.TrimSuffix(f, ".png"), f)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
