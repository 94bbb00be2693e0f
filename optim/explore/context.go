package explore

import "context"

// orBackground returns ctx, or context.Background() when ctx is nil: the
// calls of this package take their cancellation as a Context field of
// their request, where nil means never.
func orBackground(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}
