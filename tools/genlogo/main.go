// Command genlogo draws the example newsroom's wordmark, a PNG of at most
// 600x60 as Google asks of a publisher's logo, and its favicon, the first
// letter on the accent red, from Go's built-in bitmap font (no font file, no
// licence question).
//
//	go run ./tools/genlogo -out assets/images/logo.png
//	go run ./tools/genlogo -icon -out assets/images/favicon.png
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

// accent is the theme's accent red (--d-accent).
var accent = color.RGBA{0x9b, 0x1c, 0x1c, 0xff}

func main() {
	out := flag.String("out", "assets/images/logo.png", "output file")
	text := flag.String("text", "DISPATCH", "the wordmark")
	icon := flag.Bool("icon", false, "draw the favicon instead: the wordmark's first letter, white on red, 32x32")
	flag.Parse()

	var img image.Image
	enc := png.Encoder{}
	if *icon {
		// Two colours: a palette PNG of about a hundred bytes.
		img = draw32((*text)[:1])
		enc.CompressionLevel = png.BestCompression
	} else {
		img = drawWordmark(*text)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := enc.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// glyphs draws text at the font's size: white on transparent.
func glyphs(text string) *image.RGBA {
	small := image.NewRGBA(image.Rect(0, 0, 7*len(text), 13))
	d := font.Drawer{Dst: small, Src: image.NewUniform(color.White), Face: basicfont.Face7x13, Dot: fixed.P(0, 11)}
	d.DrawString(text)
	return small
}

// blit scales the set pixels of small by whole pixels onto img at (ox, oy):
// crisp edges.
func blit(img draw.Image, small *image.RGBA, ox, oy, scale int, ink color.Color) {
	b := small.Bounds()
	for y := range b.Dy() {
		for x := range b.Dx() {
			if _, _, _, a := small.At(x, y).RGBA(); a > 0x8000 {
				draw.Draw(img, image.Rect(ox+x*scale, oy+y*scale, ox+(x+1)*scale, oy+(y+1)*scale), image.NewUniform(ink), image.Point{}, draw.Src)
			}
		}
	}
}

func drawWordmark(text string) *image.RGBA {
	const scale = 4
	const w, h = 600, 60
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	blit(img, glyphs(text), 4, (h-13*scale)/2, scale, accent)
	return img
}

// draw32 draws a letter white on red, 32x32: three times the font's size,
// its ink centred.
func draw32(letter string) *image.Paletted {
	const size, scale = 32, 3
	small := glyphs(letter)
	ink := image.Rectangle{}
	for y := range small.Bounds().Dy() {
		for x := range small.Bounds().Dx() {
			if _, _, _, a := small.At(x, y).RGBA(); a > 0x8000 {
				ink = ink.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	img := image.NewPaletted(image.Rect(0, 0, size, size), color.Palette{accent, color.White})
	ox := (size-ink.Dx()*scale)/2 - ink.Min.X*scale
	oy := (size-ink.Dy()*scale)/2 - ink.Min.Y*scale
	blit(img, small, ox, oy, scale, color.White)
	return img
}
