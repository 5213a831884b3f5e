package scan

import (
	"context"
	"errors"
)

// ErrInterrupted is matched (errors.Is) by the error of a scan whose
// context ended before it finished: see InterruptedError.
var ErrInterrupted = errors.New("scan interrupted")

// InterruptedError is returned by a scan whose context ended (Ctrl-C, a
// signal, a deadline) before it finished. The scan stops promptly and
// fn has still received every finding made so far, attributed as far as
// the scan got. It wraps the context's error (errors.Is with
// context.Canceled or context.DeadlineExceeded holds), its cause, and
// the problems met before, if any (errors.As with *Errors).
type InterruptedError struct {
	// During says what the scan was doing: "reading blobs",
	// "attributing findings to commits", "reading files", ...
	During string
	// Err is the context's error; Cause its cause (context.Cause), which
	// may say more ("interrupt signal received").
	Err, Cause error
	// Problems met before the interruption, or nil.
	Problems *Errors
}

// Error says that the scan was interrupted, while doing what and why.
func (e *InterruptedError) Error() string {
	msg := e.Summary()
	if e.Problems != nil {
		msg += "; " + e.Problems.Error()
	}
	return msg
}

// Summary is Error without the problems.
func (e *InterruptedError) Summary() string {
	why := e.Err
	if e.Cause != nil {
		why = e.Cause
	}
	return "scan interrupted while " + e.During + " (" + why.Error() + "): results are partial"
}

// Is reports ErrInterrupted.
func (e *InterruptedError) Is(target error) bool { return target == ErrInterrupted }

// Unwrap exposes the context's error, its cause and the problems.
func (e *InterruptedError) Unwrap() []error {
	out := []error{e.Err}
	if e.Cause != nil && e.Cause != e.Err {
		out = append(out, e.Cause)
	}
	if e.Problems != nil {
		out = append(out, e.Problems)
	}
	return out
}

// finish closes probs and returns the scan's error: an InterruptedError
// when ctx has ended (the scan may have stopped short), else the
// problems or nil.
func finish(ctx context.Context, during string, probs *problems) error {
	var perr *Errors
	if err := probs.err(); err != nil {
		perr = err.(*Errors)
	}
	if ctx.Err() != nil {
		return &InterruptedError{During: during, Err: ctx.Err(), Cause: context.Cause(ctx), Problems: perr}
	}
	if perr == nil {
		return nil
	}
	return perr
}

// finishErr is finish for a scan that stopped on err: an
// InterruptedError when err is the context ending, else err itself
// (the problems are dropped: the scan failed).
func finishErr(ctx context.Context, during string, probs *problems, err error) error {
	if ctx.Err() != nil {
		return finish(ctx, during, probs)
	}
	probs.err()
	return err
}
