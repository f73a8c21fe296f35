// Package search indexes a built site with Pagefind, a static search index
// that readers' browsers query from the site's own host: no search server,
// no request to another host.
//
// Binary finds the pinned Pagefind binary for this platform: a path given
// by the person who builds (DISPATCH_PAGEFIND), else the copy in the user's
// cache, else the npm package @pagefind/<platform> of the pinned version,
// fetched from the npm registry once, checked against the SHA-256 sums kept
// here and cached. Index runs it on a built site and keeps only what the
// search page loads.
package search

import (
	"fmt"
	"runtime"
)

// Version is the pinned Pagefind version. Changing it means changing the
// sums in platforms too (see the comment there).
const Version = "1.6.0"

// A platform is an npm package of Pagefind's binary for one system: its
// name, the binary inside, and the SHA-256 sums of the package's tarball
// and of the binary.
type platform struct {
	pkg       string // the npm package, such as "@pagefind/linux-x64"
	bin       string // the binary's path in the tarball
	tarSHA256 string
	binSHA256 string
}

// platforms are the packages of Version, by GOOS/GOARCH. The sums were
// taken from the tarballs of registry.npmjs.org, each first checked
// against the sha512 "integrity" that the registry publishes for it
// (npm view @pagefind/linux-x64@1.6.0 dist.integrity); the binary's sum
// guards the cached copy.
var platforms = map[string]platform{
	"linux/amd64": {"@pagefind/linux-x64", "package/bin/pagefind_extended",
		"148fd94a099d6a3dcb137c92186cc193ea3c7eb97888d83ed58dd0956b2d1c2a",
		"ac6240c0481cd82eaaed2dbac84037259de686c924d50954f6d0dfbf82f6cfcc"},
	"linux/arm64": {"@pagefind/linux-arm64", "package/bin/pagefind_extended",
		"226b97e7d622bc044f55d0c2cb4c3e77c499e1f5c4ce1b09c52d3cf711fb025a",
		"3f8d285f3aea479857703f58a52fbabf19a30d7edcea8aacd1db7e87636c156d"},
	"darwin/amd64": {"@pagefind/darwin-x64", "package/bin/pagefind_extended",
		"0f6b3f866e8f3e250f04ea87361b7293b0393c8cf2bf7cb7d0a49c045e4b7610",
		"351f822f8815c2ec7eb9482d7b89f70b0aa8fd946d0894a509cc2bde2c647940"},
	"darwin/arm64": {"@pagefind/darwin-arm64", "package/bin/pagefind_extended",
		"6fc37601e577d117541d45dd5e929881e0595086b55f420317132196ba6709c8",
		"42a4696a93faf3c4fb5952008c51d209df9df44488b183ebc769374683919d98"},
	"windows/amd64": {"@pagefind/windows-x64", "package/bin/pagefind_extended.exe",
		"8003ff262a81073b3c7c8c9293e6763f9dc4923423f3531666eafab87c5440c0",
		"2bb4b4eafd55017475e0c41bb487697d1457bb146666ff4f1e8f47a7dd8d463e"},
	"windows/arm64": {"@pagefind/windows-arm64", "package/bin/pagefind_extended.exe",
		"d104623967c8e46132bf29edc7db53923216b1751b4189890396cc19b8ecb8e9",
		"99242382907668beac5f4aeeec7b7b7de8cc5e9c4111575a4d26353c613e30f6"},
	"freebsd/amd64": {"@pagefind/freebsd-x64", "package/bin/pagefind_extended",
		"72139f5ab67af207009a1223fa08c81b9b98c539cc405bd20ae3e4f912d8b67a",
		"d79d1286aba6d789751111fa9de56215a686ccd03f21331244eba004b5dbffcc"},
}

// current returns the package for this system.
func current() (platform, error) {
	return platformFor(runtime.GOOS, runtime.GOARCH)
}

func platformFor(goos, goarch string) (platform, error) {
	p, ok := platforms[goos+"/"+goarch]
	if !ok {
		return p, fmt.Errorf("%w: Pagefind publishes no binary for %s/%s; set %s to a Pagefind %s binary built for it, "+
			"or build without search (--search=false)", ErrUnavailable, goos, goarch, EnvBinary, Version)
	}
	return p, nil
}

// tarballName is the file name npm gives the tarball of pkg at version:
// "@pagefind/linux-x64" -> "linux-x64-1.6.0.tgz".
func tarballName(pkg, version string) string {
	name := pkg
	for i := len(pkg) - 1; i >= 0; i-- {
		if pkg[i] == '/' {
			name = pkg[i+1:]
			break
		}
	}
	return name + "-" + version + ".tgz"
}
