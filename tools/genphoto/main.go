// Command genphoto writes the example site's generated photos as JPEG files.
//
//	go run ./tools/genphoto -seed 12 -out content/news/2024/hoeryong-phone-calls/tumen-river.jpg
package main

import (
	"flag"
	"image/jpeg"
	"log"
	"os"

	"github.com/dispatch-news/dispatch/internal/photogen"
)

func main() {
	out := flag.String("out", "photo.jpg", "output file")
	seed := flag.Int64("seed", 1, "random seed")
	w := flag.Int("width", 1600, "width in pixels")
	h := flag.Int("height", 1000, "height in pixels")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := jpeg.Encode(f, photogen.Landscape(*w, *h, *seed), &jpeg.Options{Quality: 85}); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
