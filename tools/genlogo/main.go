// Command genlogo draws the example newsroom's wordmark, a PNG of at most
// 600x60 as Google asks of a publisher's logo, from Go's built-in bitmap font
// (no font file, no licence question).
//
//	go run ./tools/genlogo -out assets/images/logo.png
package main

import (
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"log"
	"os"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

func main() {
	out := flag.String("out", "assets/images/logo.png", "output file")
	text := flag.String("text", "DISPATCH", "the wordmark")
	flag.Parse()

	// Draw at the font's size, then scale by whole pixels: crisp edges.
	face := basicfont.Face7x13
	small := image.NewRGBA(image.Rect(0, 0, 7*len(*text), 13))
	d := font.Drawer{Dst: small, Src: image.NewUniform(color.White), Face: face, Dot: fixed.P(0, 11)}
	d.DrawString(*text)

	const scale = 4
	const w, h = 600, 60
	ink := color.RGBA{0x9b, 0x1c, 0x1c, 0xff} // the theme's accent red
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	ox, oy := 4, (h-13*scale)/2
	for y := range 13 {
		for x := range small.Bounds().Dx() {
			if _, _, _, a := small.At(x, y).RGBA(); a > 0x8000 {
				draw.Draw(img, image.Rect(ox+x*scale, oy+y*scale, ox+(x+1)*scale, oy+(y+1)*scale), image.NewUniform(ink), image.Point{}, draw.Src)
			}
		}
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
