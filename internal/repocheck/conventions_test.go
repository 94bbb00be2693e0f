package repocheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// libraryFiles parses the non-test Go files of the library packages (all
// but cmd/ and the test helpers of this package).
func libraryFiles(t *testing.T, r string) (*token.FileSet, map[string]*ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	err := filepath.WalkDir(r, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(r, p)
		if d.IsDir() {
			if d.Name() == ".git" || d.Name() == "testdata" || rel == "cmd" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files[rel] = f
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, len(files), 50, "the walk saw the library")
	return fset, files
}

// TestOneConventionPerConcern checks docs/DESIGN.md's conventions over the
// library's exported API: cancellation is a Context field of an options
// struct, never a context.Context parameter; every Progress field has the
// one shape func(done, total int); no package exports a variable (defaults
// are functions or constants).
func TestOneConventionPerConcern(t *testing.T) {
	fset, files := libraryFiles(t, root(t))
	for _, f := range files {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() || (d.Recv != nil && !exportedRecv(d.Recv)) {
					continue
				}
				for _, p := range d.Type.Params.List {
					assert.NotEqual(t, "context.Context", types.ExprString(p.Type),
						"%s: %s takes a context.Context parameter; give its options a Context field", fset.Position(d.Pos()), d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.ValueSpec:
						if d.Tok != token.VAR {
							continue
						}
						for _, n := range s.Names {
							assert.False(t, n.IsExported(), "%s: exported package variable %s", fset.Position(n.Pos()), n.Name)
						}
					case *ast.TypeSpec:
						st, ok := s.Type.(*ast.StructType)
						if !ok {
							continue
						}
						for _, fld := range st.Fields.List {
							for _, n := range fld.Names {
								if n.Name == "Progress" {
									assert.Equal(t, "func(done, total int)", types.ExprString(fld.Type), "%s: %s.Progress", fset.Position(n.Pos()), s.Name.Name)
								}
								if n.Name == "Workers" {
									assert.Equal(t, "int", types.ExprString(fld.Type), "%s: %s.Workers", fset.Position(n.Pos()), s.Name.Name)
								}
							}
						}
					}
				}
			}
		}
	}
}

// exportedRecv reports whether a method's receiver type is exported.
func exportedRecv(recv *ast.FieldList) bool {
	typ := recv.List[0].Type
	if s, ok := typ.(*ast.StarExpr); ok {
		typ = s.X
	}
	if g, ok := typ.(*ast.IndexExpr); ok {
		typ = g.X
	}
	id, ok := typ.(*ast.Ident)
	return ok && id.IsExported()
}
