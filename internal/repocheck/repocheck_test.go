package repocheck

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// root is the repository's root, two levels above this package.
func root(t *testing.T) string {
	t.Helper()
	r, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(r, "go.mod"))
	require.NoError(t, err, "the repository root holds go.mod")
	return r
}

// docs returns README.md and the Markdown files under docs/, relative to r.
func docs(t *testing.T, r string) []string {
	t.Helper()
	files := []string{"README.md"}
	err := filepath.WalkDir(filepath.Join(r, "docs"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(r, p)
			files = append(files, rel)
		}
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, len(files), 1, "docs/ has Markdown files")
	return files
}

// mdLink matches the target of an inline Markdown link or image,
// [text](target) or ![alt](target "title").
var mdLink = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)

// TestDocLinksResolve: every relative link of README.md and docs/*.md (web
// addresses and in-page anchors aside) names a file or folder inside the
// repository, so the links of a fresh clone work.
func TestDocLinksResolve(t *testing.T) {
	r := root(t)
	checked := 0
	for _, doc := range docs(t, r) {
		b, err := os.ReadFile(filepath.Join(r, doc))
		require.NoError(t, err)
		for i, line := range strings.Split(string(b), "\n") {
			for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
				target := m[1]
				u, err := url.Parse(target)
				if !assert.NoError(t, err, "%s:%d: link %q", doc, i+1, target) {
					continue
				}
				if u.Scheme != "" || u.Host != "" || u.Path == "" { // web address, mailto:, or #anchor only
					continue
				}
				p := filepath.Clean(filepath.Join(r, filepath.Dir(doc), filepath.FromSlash(u.Path)))
				rel, err := filepath.Rel(r, p)
				if assert.NoError(t, err) && assert.False(t, rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)),
					"%s:%d: link %q leaves the repository", doc, i+1, target) {
					_, err := os.Stat(p)
					assert.NoError(t, err, "%s:%d: link %q does not resolve", doc, i+1, target)
				}
				checked++
			}
		}
	}
	assert.Greater(t, checked, 10, "the documents link to each other and to the figures")
}

// TestNamesNoOutsideDocument: no file of the repository names the folder
// the documents once lived in, and outside docs/ every mention of the
// design, workload or literature document is by its path in docs/.
func TestNamesNoOutsideDocument(t *testing.T) {
	r := root(t)
	shared := []byte("shared" + "/") // split so that this file does not match itself
	names := regexp.MustCompile(`(?:^|[^A-Za-z0-9_/.-])((?:[A-Za-z0-9_.-]+/)*)(DESIGN|WORKLOADS|LITERATURE)\.md`)
	files := 0
	err := filepath.WalkDir(r, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(r, p)
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		for i, line := range bytes.Split(b, []byte("\n")) {
			assert.False(t, bytes.Contains(line, shared), "%s:%d names a folder outside the repository: %s", rel, i+1, line)
			if strings.HasPrefix(rel, "docs"+string(filepath.Separator)) {
				continue // the documents name each other relative to docs/
			}
			for _, m := range names.FindAllSubmatch(line, -1) {
				assert.Equal(t, "docs/", string(m[1]), "%s:%d names %s.md but not as docs/%s.md: %s", rel, i+1, m[2], m[2], line)
			}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Greater(t, files, 100, "the walk saw the repository")
}
