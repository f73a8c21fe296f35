package photogen

import (
	"bytes"
	"testing"
)

func TestLandscapeIsDeterministic(t *testing.T) {
	t.Parallel()
	a, b := Landscape(320, 200, 12), Landscape(320, 200, 12)
	if a.Rect.Dx() != 320 || a.Rect.Dy() != 200 {
		t.Fatalf("size = %v, want 320x200", a.Rect)
	}
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Error("the same seed drew two different pictures")
	}
	if bytes.Equal(a.Pix, Landscape(320, 200, 13).Pix) {
		t.Error("two seeds drew the same picture")
	}
}

func TestLandscapeHasSkyAndWater(t *testing.T) {
	t.Parallel()
	img := Landscape(400, 250, 1)
	top := img.RGBAAt(200, 2)
	water := img.RGBAAt(200, 197) // 79% down: the river band
	if top.B <= top.R {
		t.Errorf("the top of the sky %v is not blue", top)
	}
	if water.B < 0x80 {
		t.Errorf("the river %v is too dark", water)
	}
}

func TestPortraitHasAFigure(t *testing.T) {
	img := Portrait(120, 3)
	if img.Bounds().Dx() != 120 || img.Bounds().Dy() != 120 {
		t.Fatalf("size %v", img.Bounds())
	}
	lum := func(x, y int) int { c := img.RGBAAt(x, y); return int(c.R) + int(c.G) + int(c.B) }
	// The head (centre, upper half) and shoulders (bottom centre) are darker
	// than the background (top corners).
	if head, bg := lum(60, 48), lum(5, 5); head >= bg-100 {
		t.Errorf("head %d not darker than background %d", head, bg)
	}
	if shoulders, bg := lum(60, 115), lum(2, 90); shoulders >= bg-100 {
		t.Errorf("shoulders %d not darker than background %d", shoulders, bg)
	}
	if a, b := Portrait(60, 1), Portrait(60, 1); string(a.Pix) != string(b.Pix) {
		t.Error("the same seed drew different portraits")
	}
}
