//go:build !unix

package publish

import "errors"

func lock(path string) (unlock func(), err error) { return nil, errors.ErrUnsupported }
