// Command profanity regenerates the word lists of rules/packs/profanity.yaml
// (between the "# BEGIN GENERATED" and "# END GENERATED" lines) from the
// shared profanity lexicons. Run from the repo root:
//
//	go run ./tools/gendata/profanity -shared ../shared
//
// Sources (see SOURCE.txt in ../shared/data/lexicons/profanity):
//   - cuss_en_ratings.tsv: npm cuss@2.2.0, MIT (Titus Wormer), sureness 0-2
//   - ldnoobw_en.txt: LDNOOBW "List of Dirty, Naughty, Obscene and
//     Otherwise Bad Words", CC-BY-4.0
//   - retext_equality_patterns_en.json: npm retext-equality@7.1.0, MIT
//
// Medical allowlist: every word of the anatomy (UBERON subset), symptom
// (SYMP) and disease (DO) labels in ../shared/data/lexicons/medical, plus a
// hand list of clinical and identity words (clinicalAllow), is removed from
// every generated list, so that clinical terms and identity words never
// fire as profanity, slurs or explicit sexual terms.
//
// The source lists mix profanity, slurs, porn vocabulary and plain words
// ("dumb", "welfare", "vomit"); the selections below (roots, curated slur
// and sexual sets, exclusions) decide which entry goes where. Only entries
// present in a source are emitted, except the few hand additions named
// handVulgar / handSlurs (spelling and masking variants).
//
// The generated pack is committed; the product never reads ../shared.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// Roots of vulgar words: a source entry (rating 2, or any rating when it
// is a root itself) containing one of these is vulgar.
var vulgarRoots = []string{
	"fuck", "shit", "cunt", "asshole", "arsehole", "motherf", "mothaf", "bitch", "bollock",
	"twat", "wank", "jizz", "dickhead", "dickwad", "dickweed", "cocksuck", "pussy", "whore",
	"slut", "skank", "bastard", "dipshit", "dumbass", "jackass", "fatass", "kissass",
	"asswipe", "asshat", "assclown", "bullshit", "horseshit", "jackoff", "jerkoff", "phuk", "phuq",
}

// Words a root pulls in that are not vulgar, or that belong elsewhere.
var vulgarExclude = set(
	"shithapens", "shithappens", "shitoutofluck", "nofuckingway", "fuckinright", "fuckinnuts",
	"fuckmehard", "fuckbook", "gaymuthafuckinwhore", "goddamnmuthafucker", "fucktard", "shitola",
	"fuckina", "bitchez", "bitcher", "skankybitch", "skankywhore", "dumbbitch", "nastybitch",
	"fuckingbitch", "freakyfucker", "nutfucker", "fuckpig", "fuckmonkey", "fuckfreak",
	"cocksucer", "assbagger", "asshore", "whash",
)

// Source entries kept as vulgar although no root covers them.
var vulgarExtra = set("ass", "asses", "arse", "dicks", "cock", "cocks", "prick", "pricks", "twats",
	"shite", "shitty", "shitter", "shits", "tosser", "wanker", "clusterfuck", "piece of shit",
	"motherfucker", "mofo", "douchebag", "sonofabitch", "son of a bitch", "🖕")

// Hand additions (inflections and masked spellings the sources lack).
var handVulgar = []string{
	"fucks", "fucked", "fucking", "bastards", "fuckin", "fuckin'", "fucker", "fuckers", "fuckery", "fuckwit",
	"motherfucking", "motherfuckers", "mfer", "stfu", "gtfo", "shitshow", "shit show",
	"shitstorm", "shithole", "shitload", "shitting", "apeshit", "batshit", "holy shit", "bullshitting",
	"bitches", "bitching", "bitchy", "son of a bitch", "sons of bitches", "assholes", "asshats",
	"dumbasses", "jackasses", "smartass", "smart ass", "kiss my ass", "my ass", "your ass", "his ass", "what a prick", "such a prick",
	"her ass", "pain in the ass", "half-assed", "half assed", "bag of dicks", "eat a dick",
	"suck my dick", "such a dick", "being a dick", "what a dick", "total dick", "dick move", "dick pic",
	"dickish", "cocksucker", "cocksuckers", "piss off", "up yours",
	"blow me", "sh1t", "sh!t", "shyt", "fck", "fcking", "fckin", "fcked", "fk", "fkn", "fking",
	"fkin", "fuk", "fukin", "fuking", "fuq", "fucc", "effing", "biatch", "beyotch", "azz",
	"a-hole", "c*nt", "motherf*cker", "f*ck", "f**k", "f*cking", "f**king", "f*cked", "sh*t",
	"sh*tty", "b*tch",
	// euphemistic and abbreviated forms
	"fubar", "effed", "effed up", "f'ing", "phuck", "phucking", "douche", "douchebag", "douchebags",
	"douche bag", "wtaf", "ffs", "jfc", "fuckity", "fuckwits", "shitbag", "shitbags", "shitfest",
	"crapshow", "ass-kissing", "up my ass", "pain in my ass",
}

// Mild words: at most info (categories.md: a mild "damn" in a neutral
// sentence is at most info).
var mild = []string{
	"damn", "damned", "dammit", "damnit", "goddamn", "goddamned", "goddammit", "god damn",
	"hell", "the hell", "what the hell", "from hell", "crap", "crappy", "crapshoot", "piss", "pissed",
	"pissing", "bugger", "bloody hell", "wtf", "omfg", "lmfao", "jeez", "freaking", "frickin",
	"frigging", "friggin", "screw this", "screw you", "screw that", "sucks", "heck", "fml",
}

// Slurs (discrimination). Source entries in this set are emitted; the
// hand additions cover plurals and masked spellings.
var slurPick = set(
	"abeed", "africoon", "alligator bait", "arabush", "beaner", "beaners", "boong", "bootlip",
	"buddhahead", "burrhead", "camel jockey", "camel jockeys", "cameljockey", "chinaman", "chinamen",
	"ching chong", "chingchong", "chink", "chinks", "chinky", "christ killer", "christ killers", "coon",
	"coons", "coonass", "curry muncher", "currymuncher", "dago", "dagos", "darkey", "darkie",
	"darkies", "darky", "diaper head", "diaperhead", "dot head", "dothead", "dune coon", "faggot",
	"fagot", "fag", "fags", "faggots", "fudge packer", "fudgepacker", "golliwog", "gook", "gooks",
	"greaseball", "groid", "half breed", "halfbreed", "half caste", "hymie", "injun", "jigaboo",
	"jiggaboo", "jungle bunny", "junglebunny", "kaffir", "kaffer", "kike", "kikes", "kyke", "lesbo",
	"lezbo", "moon cricket", "nigga", "niggah", "niggas", "niggaz", "nigger", "niggers", "nigguh",
	"nig nog", "nignog", "nigra", "paki", "pakis", "pickaninny", "piccaninny", "porch monkey",
	"porchmonkey", "raghead", "ragheads", "sambo", "sand nigger", "sandnigger", "shemale", "slanteye",
	"spearchucker", "spic", "spics", "spick", "squaw", "towelhead", "towel head", "tranny", "trannie",
	"wetback", "wetbacks", "wop", "wops", "zipperhead", "gypped", "gyped", "poofter", "poof", "dyke",
	"bulldyke", "bulldike", "carpet muncher", "carpetmuncher", "pillow biter", "batty boy", "retard",
	"retarded", "retards", "tard", "fucktard", "spaz", "mongoloid", "midget", "heshe", "she male",
	"japs", "wigger", "whigger", "uncle tom",
)

var handSlurs = []string{
	"faggy", "trannies", "retardo", "libtard", "spazz", "midgets", "towelheads", "f*g", "f*gs",
	"f*ggot", "f*ggots", "n*gger", "n*ggers", "n*gga", "r*tard", "r*tarded", "tr*nny",
}

// Explicit sexual vocabulary (LDNOOBW and cuss entries) kept for the
// sexual-content rule; everything else of LDNOOBW is left out as too
// ambiguous (escort, domination, tied up...) or covered above.
var sexualPick = set(
	"anilingus", "bdsm", "big tits", "blow job", "blowjob", "blow your load", "booty call",
	"bukkake", "camgirl", "camslut", "camwhore", "creampie", "cumshot", "cumshots",
	"cunnilingus", "deepthroat", "dildo", "doggie style", "doggiestyle", "doggy style",
	"doggystyle", "dry hump", "fellatio", "fisting", "footjob", "gangbang", "gang bang",
	"gay sex", "group sex", "hand job", "handjob", "hentai", "horny", "humping", "jerk off",
	"jack off", "make me come", "masturbating", "menage a trois", "milf", "missionary position",
	"nsfw", "nudes", "nympho", "orgy", "orgies", "phone sex", "porn", "porno", "pornography",
	"reverse cowgirl", "rimjob", "rimming", "sexcam", "sexting", "spread legs", "strap on",
	"strapon", "strip club", "stripclub", "threesome", "titties", "titty", "tits", "upskirt",
	"wet dream", "boner", "hardon", "quickie", "nookie",
	"bootycall", "sextoy", "sextoys", "cybersex", "livesex", "lapdance", "peepshow", "sexslave", "fuckbuddy", "fuckfriend",
)

var handSexual = []string{
	"lap dance", "sex tape", "threesomes", "orgies", "blowjobs", "handjobs", "dick pics", "nudes", "send nudes",
	"made out", "making out", "sexy time", "friends with benefits", "one night stand", "booty pic",
	"thirst trap", "thirst traps", "horny af", "so horny",
	"nice rack", "great rack", "her rack", "nice tits",
}

// Clinical and identity words that must never be on a generated list,
// besides the medical vocabulary read from the shared lexicons.
var clinicalAllow = set(
	"rectal", "rectum", "penile", "penis", "penises", "vagina", "vaginal", "vulva", "breast", "breasts",
	"anal", "anus", "testicle", "testicles", "testes", "teste", "scrotum", "erection", "nipple", "nipples",
	"sperm", "semen", "ejaculation", "ejaculate", "sex", "sexual", "sexually", "sexuality", "gay",
	"lesbian", "bisexual", "transgender", "trans", "queer", "homosexual", "cocaine", "heroin",
	"marijuana", "meth", "crack", "drug", "drunk", "intercourse", "genital", "genitals", "orgasm",
	"masturbation", "masturbate", "condom", "clitoris", "clit", "foreskin", "hymen", "uterus", "pubic",
	"pubes", "urethra", "feces", "faeces", "fecal", "excrement", "defecate", "flatulence", "enema",
	"vomit", "puke", "barf", "poop", "poo", "pee", "syphilis", "herpes", "gonorrhea", "hiv", "libido",
	"lactate", "abortion", "addict", "addicts", "suicide", "rape", "raped", "rapist", "molest",
	"incest", "pedophile", "pedophilia", "bestiality", "fetish", "cialis", "viagra", "eunuch",
	"sodomy", "erotic", "nudity", "spastic", "homo", "dike", "negro", "jap", "nip", "spade", "cracker",
	"gypsy", "gypsies", "redskin", "redskins", "welfare", "slave", "dumb", "stupid", "idiot", "moron",
	"loser", "pedo", "pervert", "perv", "butt", "buttocks", "tit", "prostitute", "swinger",
	"vibrator", "bondage", "spank", "stroking", "oral", "penetration", "busty", "panties", "escort",
	"prick", "pricks", "badass", "octopussy", "dyke", "poof", "cumming", "cum", "fuck buttons",
)

func set(xs ...string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func main() {
	shared := flag.String("shared", "../shared", "path to the shared folder")
	pack := flag.String("pack", "rules/packs/profanity.yaml", "pack whose generated block is rewritten")
	flag.Parse()
	lex := filepath.Join(*shared, "data/lexicons")

	medical := medicalWords(filepath.Join(lex, "medical"))
	allowed := func(term string) bool {
		if clinicalAllow[term] {
			return false
		}
		// a single word of the medical vocabulary (penile, rectal,
		// ejaculation...) is clinical, never profanity
		if !strings.Contains(term, " ") && medical[term] {
			return false
		}
		return true
	}

	cuss := map[string]int{}
	for i, line := range readLines(filepath.Join(lex, "profanity/cuss_en_ratings.tsv")) {
		if i == 0 {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 2 {
			continue
		}
		cuss[strings.ToLower(f[0])] = int(f[1][0] - '0')
	}
	ldnoobw := map[string]bool{}
	for _, w := range readLines(filepath.Join(lex, "profanity/ldnoobw_en.txt")) {
		ldnoobw[strings.ToLower(strings.TrimSpace(w))] = true
	}
	retext := retextTerms(filepath.Join(lex, "profanity/retext_equality_patterns_en.json"),
		"fag", "heshe", "japs", "libtard", "mongoloid", "retard", "retards", "spaz", "tranny", "towel-heads")

	inSource := func(t string) bool { _, c := cuss[t]; return c || ldnoobw[t] || retext[t] }

	vulgar, slurs, sexual := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for t := range slurPick {
		if inSource(t) && allowed(t) {
			slurs[t] = true
		}
	}
	for _, t := range handSlurs {
		slurs[t] = true
	}
	consider := func(t string, rating int) {
		if !allowed(t) || slurs[t] || vulgarExclude[t] {
			return
		}
		if vulgarExtra[t] {
			vulgar[t] = true
			return
		}
		if rating < 2 {
			return
		}
		for _, r := range vulgarRoots {
			if strings.Contains(t, r) {
				vulgar[t] = true
				return
			}
		}
	}
	for t, r := range cuss {
		consider(t, r)
	}
	for t := range ldnoobw {
		consider(t, 2)
	}
	for _, t := range handVulgar {
		vulgar[t] = true
	}
	for t := range sexualPick {
		if inSource(t) && allowed(t) && !vulgar[t] {
			sexual[t] = true
		}
	}
	for _, t := range handSexual {
		sexual[t] = true
	}
	for t := range sexual {
		delete(vulgar, t)
	}
	mildSet := set(mild...)
	for t := range mildSet {
		delete(vulgar, t)
	}

	var b strings.Builder
	b.WriteString("# BEGIN GENERATED by tools/gendata/profanity (do not edit by hand)\n")
	b.WriteString("lists:\n")
	writeList(&b, "profanity-vulgar", "vulgar and obscene words (cuss rating 2 by root, LDNOOBW; medical words removed)", vulgar)
	writeList(&b, "profanity-mild", "mild expletives: at most info", mildSet)
	writeList(&b, "respect-slurs", "slurs by race, ethnicity, religion, sexual orientation, gender identity, disability (cuss, LDNOOBW, retext-equality; curated)", slurs)
	writeList(&b, "respect-sexual-explicit", "explicit sexual vocabulary (LDNOOBW, cuss; curated; clinical and sexual-health terms removed)", sexual)
	b.WriteString("# END GENERATED\n")

	raw, err := os.ReadFile(*pack)
	if err != nil {
		log.Fatal(err)
	}
	s := string(raw)
	a := strings.Index(s, "# BEGIN GENERATED")
	e := strings.Index(s, "# END GENERATED\n")
	if a < 0 || e < a {
		log.Fatalf("%s: no generated block", *pack)
	}
	s = s[:a] + b.String() + s[e+len("# END GENERATED\n"):]
	if err := os.WriteFile(*pack, []byte(s), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("vulgar %d, mild %d, slurs %d, sexual %d\n", len(vulgar), len(mildSet), len(slurs), len(sexual))
}

func writeList(b *strings.Builder, name, comment string, m map[string]bool) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(b, "  %s: # %s\n", name, comment)
	for _, k := range keys {
		q, _ := json.Marshal(k)
		fmt.Fprintf(b, "    - %s\n", q)
	}
}

// medicalWords returns every lower-case word of the anatomy, symptom and
// disease labels and synonyms.
func medicalWords(dir string) map[string]bool {
	words := map[string]bool{}
	add := func(s string) {
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && r != '-'
		}) {
			words[strings.Trim(w, "-")] = true
		}
	}
	for _, name := range []string{"uberon_anatomy_subset_from_DO.tsv", "symptom_ontology_from_DO.tsv", "disease_ontology_HumanDO.tsv"} {
		for i, line := range readLines(filepath.Join(dir, name)) {
			if i == 0 {
				continue
			}
			f := strings.Split(line, "\t")
			for _, c := range f[1:] {
				add(strings.Trim(c, `"`))
			}
		}
	}
	return words
}

func retextTerms(path string, ids ...string) map[string]bool {
	raw, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var pats []struct {
		ID            string            `json:"id"`
		Inconsiderate map[string]string `json:"inconsiderate"`
	}
	if err := json.Unmarshal(raw, &pats); err != nil {
		log.Fatal(err)
	}
	want := set(ids...)
	out := map[string]bool{}
	for _, p := range pats {
		if want[p.ID] {
			for t := range p.Inconsiderate {
				out[strings.ToLower(t)] = true
			}
		}
	}
	return out
}

func readLines(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if s := strings.TrimRight(sc.Text(), "\r"); s != "" {
			out = append(out, s)
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	return out
}
