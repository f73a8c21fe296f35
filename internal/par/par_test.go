package par

import (
	"sync/atomic"
	"testing"
)

func TestForEachCallsEachIndexOnce(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 2, 7, 1000} {
		calls := make([]atomic.Int32, n)
		ForEach(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("n=%d: f(%d) was called %d times, want 1", n, i, c)
			}
		}
	}
}

// A panic in one call reaches the caller, where it can be recovered,
// instead of ending the program from a worker goroutine.
func TestForEachPanicReachesCaller(t *testing.T) {
	t.Parallel()
	defer func() {
		if r := recover(); r != "boom at 37" {
			t.Errorf("recovered %v, want the panic of call 37", r)
		}
	}()
	ForEach(1000, func(i int) {
		if i == 37 {
			panic("boom at 37")
		}
	})
	t.Error("ForEach returned after a panic")
}
