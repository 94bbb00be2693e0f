package serve

import (
	"context"

	"github.com/saddle-dev/saddle/optim/lessons"
)

func init() { endpoints["/api/lessons"] = endpoint("lessons", lessonList) }

// lessonLink is a lesson of the catalog with its explorer query.
type lessonLink struct {
	lessons.Lesson
	Query string `json:"query"`
}

// lessonList answers the nine lessons of docs/lessons.md (number, title,
// claim) and the query that opens each in the explorer.
func lessonList(context.Context, struct{}) (any, error) {
	out := make([]lessonLink, len(lessons.Catalog()))
	for i, l := range lessons.Catalog() {
		out[i] = lessonLink{l, l.Query()}
	}
	return out, nil
}
