// Package par runs independent pieces of work on a bounded number of
// goroutines, for the commands that read many files at once.
package par

import (
	"runtime"
	"sync"
)

// ForEach calls f(0) … f(n-1), each once, on at most GOMAXPROCS goroutines,
// and returns when every call has returned. f must be safe to call
// concurrently; results are best written to slot i of a slice made
// beforehand, which keeps them in order without a lock. A panic in f is
// raised again in the caller's goroutine, once every call has ended, so
// that the caller can recover it.
func ForEach(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var (
		wg       sync.WaitGroup
		once     sync.Once
		panicked any
	)
	next := make(chan int, 64)
	for range workers {
		wg.Go(func() {
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { panicked = r })
					for range next {
						// Let the feeder finish.
					}
				}
			}()
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}
