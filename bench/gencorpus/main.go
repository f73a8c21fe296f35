// Command gencorpus writes a deterministic corpus of news articles that follow
// the content model (docs/content-model.md), for benchmarks and load tests of
// the site build and the checks (make bench, make verify).
//
//	go run ./bench/gencorpus -n 10000 -images 200 -out /tmp/dispatch-corpus
//
// It writes OUT/content/<section>/<year>/<slug>/index.md (and index.ko.md for
// a share of them, and a generated JPEG for -images of them), and the tag and
// region vocabulary it used to OUT/data/vocabulary.yaml, which the checks
// read. Bodies are plain
// Markdown (no shortcodes) so that any Hugo theme can build the same corpus.
// Korean sentences are capitalised by letter, not by byte, so that their
// UTF-8 stays whole. The articles are dated from -start, one every
// -span/n: ten years from 2015 unless told otherwise (the offline
// edition's corpus: 60 articles in 30 days).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"log"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

var words = strings.Fields(`north korean authorities have intensified their crackdown on cross border
communications threatening residents in regions with reeducation camp sentences for any overseas phone
calls the penalties are especially harsh contacting south korea ministry of state security officials
delivering stern warnings during neighborhood lectures this marks significant escalation from previous
policies which primarily targeted owners severe punishments while imposing lighter those who borrowed
phones now even individuals using devices to call face risk example if defector relatives living through
middleman near both with chinese made cell will be sentenced time two agents hoeryong branch lectured
watch unit about criminal punishment they would using warned that users particularly urged self
reporting encouraged people inform others emphasizing discovery inevitable as stressed solitary
offenses punished aiming create an atmosphere widespread surveillance compliance market traders
smuggling rice prices border guards bribes factory workers farmers harvest province officials`)

var tags = strings.Split(`surveillance|border regions|mobile phones|smuggling|defectors|markets|food security|`+
	`state security|reeducation camps|human rights|economy|military|nuclear program|sanctions|China|`+
	`COVID-19|education|health care|agriculture|energy|transport|labor|women|youth|religion|`+
	`information inflow|media|propaganda|Kim Jong Un|party politics|courts|police|corruption|trade|`+
	`currency|housing|construction|mining|fishing|weather|floods|tourism|sports|culture|technology|`+
	`internet|radio|foreign films|K-pop|prisons|executions|family separation|inter-Korean relations|`+
	`United States|Russia|Japan|diplomacy|missiles|navy|air force|cyber|hacking|cryptocurrency|`+
	`overseas workers|remittances|brokers|women's rights|children|elderly|disability|drugs|alcohol|`+
	`tobacco|crime|black market|exchange rates|fuel prices|electricity|water|sanitation|hospitals|`+
	`medicine|famine|aid|NGOs|UN|travel permits|checkpoints|residency|songbun|loyalty|youth league|`+
	`army conscription|mobilization|labor camps|forced labor|schools|universities|science|space|`+
	`satellites|railways|roads|ports|ships|fisheries|forestry|land|cooperative farms|wages|taxes|`+
	`budget|banks|savings|loans|prices|rationing|distribution|holidays|anniversaries|parades`, "|")

var regions = strings.Split(`Pyongyang|Hoeryong|Hyesan|Sinuiju|Musan|Onsong|Chongjin|Kimchaek|Hamhung|`+
	`Wonsan|Nampho|Kaesong|Rason|Kanggye|Haeju|Sariwon|North Hamgyong|South Hamgyong|Ryanggang|`+
	`Chagang|North Phyongan|South Phyongan|North Hwanghae|South Hwanghae|Kangwon`, "|")

var sections = []string{"news", "news", "news", "news", "analysis", "features", "opinion"}

var hangul = strings.Fields(`북한 당국 국경 지역 주민 해외 통화 단속 강화 교화소 처벌 휴대전화 중국산 보위부
회령 강연 신고 감시 시장 식량 가격 밀수 탈북민 가족 연락 브로커 소식통 전했다 말했다 최근 이번 조치`)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	out := flag.String("out", "corpus", "output site folder (content/ is written inside)")
	images := flag.Int("images", 50, "number of articles that get a generated photo")
	ko := flag.Float64("ko", 0.2, "share of articles with a Korean translation")
	seed := flag.Int64("seed", 1, "random seed")
	from := flag.String("start", "2015-01-01T09:00:00+09:00", "date of the first article (RFC 3339)")
	span := flag.Duration("span", 10*365*24*time.Hour, "time from the first article's date to just after the last one's")
	flag.Parse()

	r := rand.New(rand.NewSource(*seed))
	tagZipf := rand.NewZipf(r, 1.2, 2, uint64(len(tags)-1))
	start, err := time.Parse(time.RFC3339, *from)
	must(err)
	step := *span / time.Duration(*n)
	for i := 0; i < *n; i++ {
		date := start.Add(step * time.Duration(i))
		sec := sections[r.Intn(len(sections))]
		slug := fmt.Sprintf("%s-%05d", strings.Join(pick(r, words, 3), "-"), i)
		dir := filepath.Join(*out, "content", sec, fmt.Sprint(date.Year()), slug)
		must(os.MkdirAll(dir, 0o755))
		hasImage := i < *images
		if hasImage {
			writeJPEG(filepath.Join(dir, "photo.jpg"), r)
		}
		a := article{
			title:  sentence(r, words, 6+r.Intn(6)),
			date:   date,
			author: fmt.Sprintf("Reporter %02d", 1+r.Intn(25)),
			tags:   uniqueZipf(tagZipf, 2+r.Intn(4)),
			region: pick(r, regions, r.Intn(3)),
			image:  hasImage,
			key:    slug,
		}
		a.desc = sentence(r, words, 25)
		must(os.WriteFile(filepath.Join(dir, "index.md"), []byte(a.markdown(r, words, 12+r.Intn(10))), 0o644))
		if r.Float64() < *ko {
			a.title = sentence(r, hangul, 8)
			a.desc = sentence(r, hangul, 20)
			must(os.WriteFile(filepath.Join(dir, "index.ko.md"), []byte(a.markdown(r, hangul, 10+r.Intn(8))), 0o644))
		}
	}
	// The vocabulary the corpus draws from, as the checks read it.
	var vocab strings.Builder
	for _, t := range []struct {
		name  string
		terms []string
	}{{"tags", tags}, {"regions", regions}} {
		fmt.Fprintf(&vocab, "%s:\n", t.name)
		for _, term := range t.terms {
			fmt.Fprintf(&vocab, "  - %q\n", term)
		}
	}
	must(os.MkdirAll(filepath.Join(*out, "data"), 0o755))
	must(os.WriteFile(filepath.Join(*out, "data", "vocabulary.yaml"), []byte(vocab.String()), 0o644))
	log.Printf("wrote %d articles under %s", *n, filepath.Join(*out, "content"))
}

type article struct {
	title, desc, author, key string
	date                     time.Time
	tags, region             []string
	image                    bool
}

func (a article) markdown(r *rand.Rand, vocab []string, paragraphs int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\ndate: %s\nauthors: [%q]\ndescription: %q\n", a.title, a.date.Format(time.RFC3339), a.author, a.desc)
	fmt.Fprintf(&b, "tags: [%s]\n", quoteList(a.tags))
	if len(a.region) > 0 {
		fmt.Fprintf(&b, "regions: [%s]\n", quoteList(a.region))
	}
	if a.image {
		fmt.Fprintf(&b, "image:\n  src: \"photo.jpg\"\n  alt: %q\n  caption: %q\n  credit: \"Staff photographer\"\n  license: \"CC BY-SA 2.0\"\n  licenseURL: \"https://creativecommons.org/licenses/by-sa/2.0/\"\n",
			sentence(r, vocab, 6), sentence(r, vocab, 10))
	}
	fmt.Fprintf(&b, "translationKey: %q\n---\n\n", a.key)
	for p := 0; p < paragraphs; p++ {
		switch {
		case p > 0 && p%6 == 0:
			fmt.Fprintf(&b, "## %s\n\n", sentence(r, vocab, 5))
		case p%7 == 3:
			fmt.Fprintf(&b, "> %s\n\n", sentence(r, vocab, 20))
		}
		for s := 0; s < 3+r.Intn(3); s++ {
			b.WriteString(sentence(r, vocab, 10+r.Intn(15)))
			b.WriteString(" ")
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

func sentence(r *rand.Rand, vocab []string, n int) string {
	s := strings.Join(pick(r, vocab, n), " ")
	if s == "" {
		return s
	}
	// The first letter, not the first byte: Hangul words are several bytes.
	first, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(first)) + s[size:] + "."
}

func pick(r *rand.Rand, vocab []string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = vocab[r.Intn(len(vocab))]
	}
	return out
}

func uniqueZipf(z *rand.Zipf, n int) []string {
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		t := tags[z.Uint64()]
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

func writeJPEG(path string, r *rand.Rand) {
	img := image.NewRGBA(image.Rect(0, 0, 1600, 1067))
	base := color.RGBA{uint8(r.Intn(256)), uint8(r.Intn(256)), uint8(r.Intn(256)), 255}
	for y := 0; y < 1067; y++ {
		for x := 0; x < 1600; x++ {
			img.Set(x, y, color.RGBA{base.R + uint8(x/7), base.G + uint8(y/5), base.B + uint8(r.Intn(24)), 255})
		}
	}
	f, err := os.Create(path)
	must(err)
	w := bufio.NewWriter(f)
	must(jpeg.Encode(w, img, &jpeg.Options{Quality: 85}))
	must(w.Flush())
	must(f.Close())
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
