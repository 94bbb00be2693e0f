package lessons_test

import (
	"fmt"

	"github.com/saddle-dev/saddle/optim/lessons"
)

// The one critical point of the course's linear regression, and its kind.
func ExampleConvexity() {
	r, err := lessons.Convexity()
	if err != nil {
		fmt.Println(err)
		return
	}
	p := r.Points[0]
	fmt.Printf("%s at (%.6f, %.6f), eigenvalues %.4f and %.4f\n", p.Kind, p.X[0], p.X[1], r.Eigen[0], r.Eigen[1])
	// Output: minimum at (1.142857, 0.642857), eigenvalues 2.3699 and 23.6301
}

// h(x) = (1 − x²)²: 0 is a maximum, not a minimum.
func ExampleQuarticLesson() {
	r, err := lessons.QuarticLesson()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range r.Points {
		fmt.Printf("x = %+.0f: %s, h'' = %.0f\n", p.X[0], p.Kind, p.Eigenvalues[0])
	}
	// Output:
	// x = -1: minimum, h'' = 8
	// x = +1: minimum, h'' = 8
	// x = +0: maximum, h'' = -4
}

// The report of lesson 5 as `saddle lessons --only 5` prints it (no
// figures: ReportOptions.ImgDir is empty).
func ExampleRun() {
	reports, err := lessons.Run(lessons.ReportOptions{Only: []int{5}}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(reports[0].Text)
	fmt.Println("failed claims:", lessons.Failed(reports))
	// h = (1 − x²)², h'' = 12x² − 4: h(±1) = 0, h''(±1) = 8; h(0) = 1, h''(0) = −4.
	//
	// Output:
	// Lesson 5: h(x) = (1 − x²)²
	//   PASS  critical.Find on [−2, 2] finds 3 critical points (expected 3: −1, 0, 1)
	//   PASS  x = -1: h = 0, h'' = 8 (closed form 8): a minimum
	//   PASS  x = +0: h = 1, h'' = -4 (closed form -4): a maximum
	//   PASS  x = +1: h = 0, h'' = 8 (closed form 8): a minimum
	//
	// failed claims: 0
}
