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
