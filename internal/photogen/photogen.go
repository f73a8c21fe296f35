// Package photogen draws the example site's photos: landscapes made from
// layered sine waves, so the repository ships no photo it has no licence for.
package photogen

import (
	"image"
	"image/color"
	"math"
	"math/rand"
)

// Landscape draws a river valley at dusk: sky, three ranges of hills, a
// river and a row of low houses, deterministic for a given seed.
func Landscape(w, h int, seed int64) *image.RGBA {
	r := rand.New(rand.NewSource(seed))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	sky0 := color.RGBA{0x4a, 0x6f, 0x9c, 0xff}
	sky1 := color.RGBA{0xe8, 0xb8, 0x8a, 0xff}
	for y := 0; y < h; y++ {
		c := mix(sky0, sky1, float64(y)/float64(h)*1.3)
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, c)
		}
	}
	ranges := []struct {
		base, amp float64
		col       color.RGBA
	}{
		{0.42, 0.10, color.RGBA{0x6b, 0x74, 0x8a, 0xff}},
		{0.55, 0.08, color.RGBA{0x46, 0x5a, 0x4e, 0xff}},
		{0.66, 0.05, color.RGBA{0x2f, 0x43, 0x35, 0xff}},
	}
	for _, rg := range ranges {
		f1, f2, p1, p2 := 2+r.Float64()*3, 7+r.Float64()*6, r.Float64()*6, r.Float64()*6
		for x := 0; x < w; x++ {
			fx := float64(x) / float64(w)
			top := rg.base - rg.amp*(0.6*math.Sin(fx*f1+p1)+0.4*math.Sin(fx*f2+p2))
			for y := int(top * float64(h)); y < h; y++ {
				shade := 1 - 0.25*float64(y-int(top*float64(h)))/float64(h)
				img.SetRGBA(x, y, scale(rg.col, shade))
			}
		}
	}
	// The river, with a lighter band where the sky reflects.
	water := color.RGBA{0x8d, 0xa4, 0xb8, 0xff}
	for y := int(0.74 * float64(h)); y < int(0.84*float64(h)); y++ {
		for x := 0; x < w; x++ {
			ripple := 0.9 + 0.1*math.Sin(float64(x)/7+float64(y)*1.7)
			img.SetRGBA(x, y, scale(water, ripple))
		}
	}
	// The far bank: a row of houses with pale walls and dark roofs.
	for x := int(0.05 * float64(w)); x < int(0.95*float64(w)); {
		bw := int(float64(w) * (0.02 + r.Float64()*0.025))
		bh := int(float64(h) * (0.025 + r.Float64()*0.02))
		base := int(0.735 * float64(h))
		wall := color.RGBA{0xc9, 0xc2, 0xb4, 0xff}
		roof := color.RGBA{0x5a, 0x3a, 0x30, 0xff}
		fill(img, x, base-bh, bw, bh, wall)
		fill(img, x-2, base-bh-bh/3, bw+4, bh/3, roof)
		x += bw + int(float64(w)*(0.01+r.Float64()*0.05))
	}
	return img
}

func fill(img *image.RGBA, x, y, w, h int, c color.RGBA) {
	for j := y; j < y+h; j++ {
		for i := x; i < x+w; i++ {
			if image.Pt(i, j).In(img.Rect) {
				img.SetRGBA(i, j, c)
			}
		}
	}
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	l := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t) }
	return color.RGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 0xff}
}

func scale(c color.RGBA, f float64) color.RGBA {
	s := func(x uint8) uint8 { return uint8(math.Min(255, float64(x)*f)) }
	return color.RGBA{s(c.R), s(c.G), s(c.B), 0xff}
}

// Portrait draws a head-and-shoulders silhouette on a soft background: a
// stand-in for an author's photo that shows no real person.
func Portrait(size int, seed int64) *image.RGBA {
	r := rand.New(rand.NewSource(seed))
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	bgTop := color.RGBA{uint8(150 + r.Intn(60)), uint8(150 + r.Intn(60)), uint8(160 + r.Intn(60)), 255}
	bgBottom := scale(bgTop, 0.75)
	figure := color.RGBA{uint8(40 + r.Intn(30)), uint8(45 + r.Intn(30)), uint8(60 + r.Intn(30)), 255}
	s := float64(size)
	cx, headY, headR := s/2, s*0.40, s*0.17
	for y := range size {
		for x := range size {
			c := mix(bgTop, bgBottom, float64(y)/s)
			fx, fy := float64(x), float64(y)
			// Head: a circle; shoulders: the top of a wide ellipse.
			dh := math.Hypot(fx-cx, fy-headY)
			sx, sy := (fx-cx)/(s*0.36), (fy-s*1.02)/(s*0.42)
			if dh < headR || sx*sx+sy*sy < 1 {
				c = figure
			} else if dh < headR+1.5 {
				c = mix(figure, c, dh-headR)
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}
