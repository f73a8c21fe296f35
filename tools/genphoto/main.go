// Command genphoto writes the example site's generated photos as JPEG files.
//
//	go run ./tools/genphoto -seed 12 -out content/news/2024/hoeryong-phone-calls/tumen-river.jpg
//	go run ./tools/genphoto -portrait -width 480 -seed 3 -out content/authors/han-ji-won/portrait.jpg
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
	portrait := flag.Bool("portrait", false, "a square head-and-shoulders silhouette (width pixels wide) instead of a landscape")
	flag.Parse()
	img := photogen.Landscape(*w, *h, *seed)
	if *portrait {
		img = photogen.Portrait(*w, *seed)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 85}); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
