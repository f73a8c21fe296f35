// Command genwxr writes a deterministic WordPress export (WXR 1.2) and its
// uploads folder, for the benchmark of "dispatch import wordpress":
//
//	go run ./bench/genwxr -n 10000 -ko 0.2 -photos 2000 -out /tmp/wxr
//
// It writes OUT/export.xml and OUT/uploads/YYYY/MM/photo-NNNNN.jpg. Posts
// alternate between the classic editor ([caption], [gallery], an iframe)
// and the block editor (paragraph, heading, image, quote and embed blocks);
// a share of them has a Korean translation (Polylang's language and
// post_translations terms); some are drafts or private. Photos are
// generated landscapes (internal/photogen) carrying fake GPS coordinates,
// and some a camera serial number, so that scrubbing is exercised; posts
// ask for WordPress's resized copies (-1024x683), of which only the
// original exists, as in a real uploads folder after a migration.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"image/jpeg"
	"log"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dispatch-news/dispatch/internal/imagemeta/imagetest"
	"github.com/dispatch-news/dispatch/internal/photogen"
)

var words = strings.Fields(`north korean authorities have intensified their crackdown on cross border
communications threatening residents in regions with reeducation camp sentences for any overseas phone
calls the penalties are especially harsh contacting south korea ministry of state security officials
delivering stern warnings during neighborhood lectures this marks significant escalation from previous
policies which primarily targeted owners severe punishments while imposing lighter those who borrowed
phones now even individuals using devices to call face risk market traders smuggling rice prices border
guards bribes factory workers farmers harvest province officials`)

var hangul = strings.Fields(`북한 당국 국경 지역 주민 해외 통화 단속 강화 교화소 처벌 휴대전화 중국산 보위부
회령 강연 신고 감시 시장 식량 가격 밀수 탈북민 가족 연락 브로커 소식통 전했다 말했다 최근 이번 조치`)

// Categories: sections, regions and topics, as newsrooms use them.
var categories = []string{"News", "Analysis", "Features", "Opinion", "Uncategorized", "Hyesan", "Hoeryong", "Economy", "Politics"}

// Tags: some in the example vocabulary, some near misses of it, some new.
var tags = []string{"markets", "Markets", "mobile phone", "Border Regions", "surveillance", "smuggling",
	"women", "human rights", "travel permit", "information inflow", "rice", "exchange rates", "fuel",
	"defectors", "brokers", "state security", "reeducation camps", "sanctions", "China", "trade",
	"electricity", "harvest", "labor", "youth", "prisons", "K-pop", "radio", "corruption", "police", "army"}

var authors = func() []string {
	var a []string
	for i := 1; i <= 25; i++ {
		a = append(a, fmt.Sprintf("Reporter %02d", i))
	}
	return a
}()

const host = "https://old.example.org"

func main() {
	n := flag.Int("n", 10000, "number of posts (in the default language)")
	ko := flag.Float64("ko", 0.2, "share of posts with a Korean translation")
	photos := flag.Int("photos", 2000, "number of photos in the uploads folder")
	out := flag.String("out", "wxr", "output folder")
	seed := flag.Int64("seed", 1, "random seed")
	flag.Parse()

	start := time.Now()
	must(os.MkdirAll(*out, 0o755))
	f, err := os.Create(filepath.Join(*out, "export.xml"))
	must(err)
	w := bufio.NewWriterSize(f, 1<<20)
	g := &gen{w: w, r: rand.New(rand.NewSource(*seed)), n: *n, photos: *photos}
	g.translated = make([]bool, *n)
	for i := range g.translated {
		g.translated[i] = g.r.Float64() < *ko
	}
	g.write()
	must(w.Flush())
	must(f.Close())
	g.writePhotos(filepath.Join(*out, "uploads"), *seed)
	log.Printf("wrote %d posts (%d translated), %d photos to %s in %v", *n, g.nKo, *photos, *out, time.Since(start).Round(time.Millisecond))
}

type gen struct {
	w          *bufio.Writer
	r          *rand.Rand
	n, photos  int
	translated []bool
	nKo        int
}

func (g *gen) p(format string, args ...any) { fmt.Fprintf(g.w, format, args...) }

func cdata(s string) string {
	return "<![CDATA[" + strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>") + "]]>"
}

func (g *gen) date(i int) time.Time {
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	return start.Add(time.Duration(i) * (10 * 365 * 24 * time.Hour / time.Duration(g.n)))
}

func slugOf(i int) string {
	return fmt.Sprintf("%s-%05d", strings.Join(pick(rand.New(rand.NewSource(int64(i))), words, 3), "-"), i)
}

func (g *gen) link(i int) string {
	d := g.date(i)
	return fmt.Sprintf("%s/%04d/%02d/%02d/%s/", host, d.Year(), d.Month(), d.Day(), slugOf(i))
}

// photoOf is the photo of post i, or -1: every fifth post has one while
// there are photos.
func (g *gen) photoOf(i int) int {
	if i%5 == 0 && i/5 < g.photos {
		return i / 5
	}
	return -1
}

func (g *gen) photoFile(k int) string {
	d := g.date(k * 5)
	return fmt.Sprintf("%04d/%02d/photo-%05d.jpg", d.Year(), d.Month(), k)
}

func (g *gen) write() {
	g.p(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Border Daily</title>
	<link>%s</link>
	<description>News from the border</description>
	<language>en-US</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>%s</wp:base_site_url>
	<wp:base_blog_url>%s</wp:base_blog_url>
`, host, host, host)
	for i, a := range authors {
		g.p("\t<wp:author><wp:author_id>%d</wp:author_id><wp:author_login>%s</wp:author_login><wp:author_email>r%d@old.example.org</wp:author_email><wp:author_display_name>%s</wp:author_display_name></wp:author>\n",
			i+1, cdata(fmt.Sprintf("reporter%02d", i+1)), i+1, cdata(a))
	}
	for i, c := range categories {
		g.p("\t<wp:category><wp:term_id>%d</wp:term_id><wp:category_nicename>%s</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>%s</wp:cat_name></wp:category>\n",
			100+i, slugify(c), cdata(c))
	}
	for i, t := range tags {
		g.p("\t<wp:tag><wp:term_id>%d</wp:term_id><wp:tag_slug>%s</wp:tag_slug><wp:tag_name>%s</wp:tag_name></wp:tag>\n",
			200+i, slugify(t)+fmt.Sprint(i), cdata(t))
	}
	g.p("\t<wp:term><wp:term_id>300</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy><wp:term_slug>en</wp:term_slug><wp:term_name>English</wp:term_name><wp:term_description>%s</wp:term_description></wp:term>\n", cdata(`a:1:{s:6:"locale";s:5:"en_US";}`))
	g.p("\t<wp:term><wp:term_id>301</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy><wp:term_slug>ko</wp:term_slug><wp:term_name>한국어</wp:term_name><wp:term_description>%s</wp:term_description></wp:term>\n", cdata(`a:1:{s:6:"locale";s:5:"ko_KR";}`))
	for i := 0; i < g.n; i++ {
		if g.translated[i] {
			g.p("\t<wp:term><wp:term_id>%d</wp:term_id><wp:term_taxonomy>post_translations</wp:term_taxonomy><wp:term_slug>pll_%d</wp:term_slug><wp:term_name>pll_%d</wp:term_name><wp:term_description>%s</wp:term_description></wp:term>\n",
				1000000+i, i, i, cdata(fmt.Sprintf(`a:2:{s:2:"en";i:%d;s:2:"ko";i:%d;}`, 10+i, 500000+i)))
		}
	}
	for i := 0; i < g.n; i++ {
		g.post(i)
		if g.translated[i] {
			g.korean(i)
			g.nKo++
		}
	}
	for k := 0; k < g.photos; k++ {
		g.attachment(k)
	}
	g.p("</channel>\n</rss>\n")
}

func (g *gen) post(i int) {
	r := g.r
	d := g.date(i)
	status, password := "publish", ""
	switch x := r.Intn(200); {
	case x == 0:
		status = "draft"
	case x == 1:
		status = "private"
	case x == 2:
		password = "secret"
	}
	var body strings.Builder
	photo := g.photoOf(i)
	paragraphs := 8 + r.Intn(6)
	for p := 0; p < paragraphs; p++ {
		text := sentence(r, words, 40+r.Intn(40))
		if p == 2 && i > 0 {
			j := r.Intn(i)
			text += fmt.Sprintf(` See <a href="%s">an earlier report</a>.`, g.link(j))
		}
		if i%2 == 0 { // classic editor
			switch {
			case p == 1 && photo >= 0:
				fmt.Fprintf(&body, `[caption id="attachment_%d" align="alignnone" width="1024"]<img class="wp-image-%d size-large" src="%s/wp-content/uploads/%s" alt="%s" width="1024" height="683" /> %s[/caption]`+"\n\n",
					400000+photo, 400000+photo, host, strings.Replace(g.photoFile(photo), ".jpg", "-1024x683.jpg", 1), sentence(r, words, 6), sentence(r, words, 10))
			case p == 4 && photo >= 0 && photo+1 < g.photos && r.Intn(3) == 0:
				fmt.Fprintf(&body, "[gallery ids=\"%d,%d\"]\n\n", 400000+photo, 400000+photo+1)
			case p == 5 && i%10 == 0:
				body.WriteString(`<iframe src="https://www.youtube.com/embed/v` + fmt.Sprint(i) + `" width="560" height="315"></iframe>` + "\n\n")
			case p == 6:
				fmt.Fprintf(&body, "<h2>%s</h2>\n", sentence(r, words, 5))
			}
			body.WriteString(text + "\n\n")
			continue
		}
		switch { // block editor
		case p == 1 && photo >= 0:
			fmt.Fprintf(&body, "<!-- wp:image {\"id\":%d,\"sizeSlug\":\"large\"} -->\n<figure class=\"wp-block-image size-large\"><img src=\"%s/wp-content/uploads/%s\" alt=\"%s\" class=\"wp-image-%d\"/><figcaption class=\"wp-element-caption\">%s</figcaption></figure>\n<!-- /wp:image -->\n\n",
				400000+photo, host, strings.Replace(g.photoFile(photo), ".jpg", "-1024x683.jpg", 1), sentence(r, words, 6), 400000+photo, sentence(r, words, 10))
		case p == 3:
			fmt.Fprintf(&body, "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>%s</p>\n<!-- /wp:paragraph --><cite>a resident</cite></blockquote>\n<!-- /wp:quote -->\n\n", sentence(r, words, 15))
		case p == 5 && i%10 == 1:
			fmt.Fprintf(&body, "<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=v%d\",\"type\":\"video\"} -->\n<figure class=\"wp-block-embed is-type-video\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=v%d\n</div></figure>\n<!-- /wp:embed -->\n\n", i, i)
		case p == 6:
			fmt.Fprintf(&body, "<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">%s</h2>\n<!-- /wp:heading -->\n\n", sentence(r, words, 5))
		}
		fmt.Fprintf(&body, "<!-- wp:paragraph -->\n<p>%s</p>\n<!-- /wp:paragraph -->\n\n", text)
	}
	var terms strings.Builder
	cat := categories[r.Intn(len(categories))]
	fmt.Fprintf(&terms, "\t\t<category domain=\"category\" nicename=\"%s\">%s</category>\n", slugify(cat), cdata(cat))
	if r.Intn(3) == 0 {
		c := categories[5+r.Intn(4)]
		fmt.Fprintf(&terms, "\t\t<category domain=\"category\" nicename=\"%s\">%s</category>\n", slugify(c), cdata(c))
	}
	for _, k := range r.Perm(len(tags))[:1+r.Intn(4)] {
		fmt.Fprintf(&terms, "\t\t<category domain=\"post_tag\" nicename=\"%s%d\">%s</category>\n", slugify(tags[k]), k, cdata(tags[k]))
	}
	terms.WriteString("\t\t<category domain=\"language\" nicename=\"en\">English</category>\n")
	if g.translated[i] {
		fmt.Fprintf(&terms, "\t\t<category domain=\"post_translations\" nicename=\"pll_%d\">pll_%d</category>\n", i, i)
	}
	meta := ""
	if photo >= 0 {
		meta = fmt.Sprintf("\t\t<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>%d</wp:meta_value></wp:postmeta>\n", 400000+photo)
	}
	g.item(10+i, sentence(r, words, 6+r.Intn(6)), g.link(i), slugOf(i), authors[r.Intn(len(authors))], d, status, password,
		"post", 0, body.String(), sentence(r, words, 30), terms.String(), meta, "")
}

func (g *gen) korean(i int) {
	r := g.r
	d := g.date(i).Add(time.Hour)
	var body strings.Builder
	for p := 0; p < 6+r.Intn(5); p++ {
		fmt.Fprintf(&body, "<!-- wp:paragraph -->\n<p>%s</p>\n<!-- /wp:paragraph -->\n\n", sentence(r, hangul, 30+r.Intn(30)))
	}
	slug := fmt.Sprintf("%s-%05d", strings.Join(pick(r, hangul, 2), "-"), i)
	link := fmt.Sprintf("%s/ko/%04d/%02d/%02d/%s/", host, d.Year(), d.Month(), d.Day(), escapeSlug(slug))
	terms := fmt.Sprintf("\t\t<category domain=\"category\" nicename=\"news\">News</category>\n\t\t<category domain=\"post_tag\" nicename=\"markets0\">Markets</category>\n\t\t<category domain=\"language\" nicename=\"ko\">한국어</category>\n\t\t<category domain=\"post_translations\" nicename=\"pll_%d\">pll_%d</category>\n", i, i)
	meta := ""
	if photo := g.photoOf(i); photo >= 0 {
		meta = fmt.Sprintf("\t\t<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>%d</wp:meta_value></wp:postmeta>\n", 400000+photo)
	}
	g.item(500000+i, sentence(r, hangul, 8), link, escapeSlug(slug), authors[r.Intn(len(authors))], d, "publish", "",
		"post", 0, body.String(), sentence(r, hangul, 20), terms, meta, "")
}

func (g *gen) attachment(k int) {
	r := g.r
	file := g.photoFile(k)
	var meta strings.Builder
	fmt.Fprintf(&meta, "\t\t<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>%s</wp:meta_value></wp:postmeta>\n", cdata(file))
	if r.Intn(5) > 0 {
		fmt.Fprintf(&meta, "\t\t<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>%s</wp:meta_value></wp:postmeta>\n", cdata(sentence(r, words, 8)))
	}
	g.item(400000+k, fmt.Sprintf("photo-%05d", k), fmt.Sprintf("%s/photo-%05d/", host, k), fmt.Sprintf("photo-%05d", k),
		authors[0], g.date(k*5), "inherit", "", "attachment", 10+k*5, "", sentence(r, words, 10), "", meta.String(),
		host+"/wp-content/uploads/"+file)
}

func (g *gen) item(id int, title, link, slug, author string, d time.Time, status, password, typ string, parent int,
	content, excerpt, terms, meta, attachmentURL string) {
	g.p("\t<item>\n\t\t<title>%s</title>\n\t\t<link>%s</link>\n\t\t<dc:creator>%s</dc:creator>\n", cdata(title), link, cdata(strings.ToLower(strings.ReplaceAll(author, " ", ""))))
	g.p("\t\t<guid isPermaLink=\"false\">%s/?p=%d</guid>\n\t\t<description></description>\n", host, id)
	g.p("\t\t<content:encoded>%s</content:encoded>\n\t\t<excerpt:encoded>%s</excerpt:encoded>\n", cdata(content), cdata(excerpt))
	gmt := d.Format("2006-01-02 15:04:05")
	local := d.Add(9 * time.Hour).Format("2006-01-02 15:04:05")
	g.p("\t\t<wp:post_id>%d</wp:post_id>\n\t\t<wp:post_date>%s</wp:post_date>\n\t\t<wp:post_date_gmt>%s</wp:post_date_gmt>\n", id, cdata(local), cdata(gmt))
	g.p("\t\t<wp:post_modified>%s</wp:post_modified>\n\t\t<wp:post_modified_gmt>%s</wp:post_modified_gmt>\n", cdata(local), cdata(gmt))
	g.p("\t\t<wp:comment_status>open</wp:comment_status>\n\t\t<wp:post_name>%s</wp:post_name>\n\t\t<wp:status>%s</wp:status>\n", cdata(slug), cdata(status))
	g.p("\t\t<wp:post_parent>%d</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n\t\t<wp:post_type>%s</wp:post_type>\n\t\t<wp:post_password>%s</wp:post_password>\n\t\t<wp:is_sticky>0</wp:is_sticky>\n",
		parent, cdata(typ), cdata(password))
	if attachmentURL != "" {
		g.p("\t\t<wp:attachment_url>%s</wp:attachment_url>\n", cdata(attachmentURL))
	}
	g.w.WriteString(terms)
	g.w.WriteString(meta)
	if typ == "post" && id%7 == 0 {
		g.p("\t\t<wp:comment>\n\t\t\t<wp:comment_id>%d</wp:comment_id>\n\t\t\t<wp:comment_author_email>reader@example.net</wp:comment_author_email>\n\t\t\t<wp:comment_content>%s</wp:comment_content>\n\t\t</wp:comment>\n", id, cdata("A comment."))
	}
	g.p("\t</item>\n")
}

// writePhotos writes the uploads: landscapes with fake GPS coordinates (and
// a camera serial number in every third), on both cores.
func (g *gen) writePhotos(dir string, seed int64) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for k := range jobs {
				var enc bytes.Buffer
				must(jpeg.Encode(&enc, photogen.Landscape(480, 320, seed+int64(k)), &jpeg.Options{Quality: 80}))
				data := withMetadata(enc.Bytes(), imagetest.Spec{GPS: true, Serial: k%3 == 0, Artist: k%7 == 0})
				path := filepath.Join(dir, filepath.FromSlash(g.photoFile(k)))
				must(os.MkdirAll(filepath.Dir(path), 0o755))
				must(os.WriteFile(path, data, 0o644))
			}
		})
	}
	for k := 0; k < g.photos; k++ {
		jobs <- k
	}
	close(jobs)
	wg.Wait()
}

// withMetadata puts the metadata segments of an imagetest JPEG in front of
// another JPEG's image data.
func withMetadata(img []byte, sp imagetest.Spec) []byte {
	meta := imagetest.JPEG(sp)
	i := 2
	for i+4 <= len(meta) && meta[i] == 0xFF && meta[i+1] >= 0xE0 && meta[i+1] <= 0xEF {
		i += 2 + (int(meta[i+2])<<8 | int(meta[i+3]))
	}
	return append(append([]byte{}, meta[:i]...), img[2:]...)
}

func pick(r *rand.Rand, from []string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = from[r.Intn(len(from))]
	}
	return out
}

func sentence(r *rand.Rand, from []string, n int) string {
	s := strings.Join(pick(r, from, n), " ")
	first, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(first)) + s[size:] + "."
}

func slugify(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "-")) }

// escapeSlug percent-encodes a slug as WordPress stores Korean ones.
func escapeSlug(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02x", c)
		}
	}
	return b.String()
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
