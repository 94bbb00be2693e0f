// Package figure renders saddle's two kinds of figure — curves y(x)
// ([Lines]) and the level sets of a function of two variables ([Contour])
// — as PNG or SVG bytes, with one look for every figure of the project:
//
//   - one palette for curves, paths and marked points ([Color]), and one
//     colour map for contour levels, shown by a colour bar beside every
//     contour plot;
//   - legends that do not cover data: a line plot's legend goes to the
//     corner of the data area with no curve under it (or the Y axis is
//     extended to make such a corner); a contour plot's legend goes beside
//     the data area, above the colour bar;
//   - the format chosen by the file extension ([Format]): .png or .svg;
//   - files written atomically ([Write]): a failed render leaves no file.
//
// A figure is a plain struct value; Render returns the image bytes and
// writes nothing, so a server can send them and a program can keep them:
//
//	data, err := figure.Lines{Title: "loss", Series: []figure.Series{{X: steps, Y: loss}}}.Render("svg")
//	err = figure.Write("loss.png", figure.Contour{X: xs, Y: ys, F: f})
//
// Non-finite samples are left out (a log axis also leaves out values ≤ 0);
// a figure with nothing finite to draw is an error, not an empty image.
// The contour levels sit at evenly spaced quantiles of the sampled values
// ([Levels]), so that a function with a large dynamic range still shows
// its minima.
package figure
