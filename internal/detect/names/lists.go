package names

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/scrubs-dev/scrubs/internal/lexicon"
	"github.com/scrubs-dev/scrubs/internal/lexicon/vocab"
)

//go:embed data/names.tbl
var namesTbl []byte

// gazetteer entry bits: first-name class (0-9) in bits 0-3, surname class
// (0-9) in bits 4-7, cspell people-names membership in bit 8.
type gaz uint16

func (g gaz) first() int   { return int(g & 15) }
func (g gaz) last() int    { return int(g >> 4 & 15) }
func (g gaz) cspell() bool { return g&256 != 0 }

// strength is one number for "how much of a name is this": the higher of
// the first-name and surname classes, 4 for a cspell-only entry.
func (g gaz) strength() int {
	s := max(g.first(), g.last())
	if g.cspell() && s < 4 {
		s = 4
	}
	return s
}

// winfo packs everything the detector asks about a word: gazetteer bits
// (0-8), vocabulary membership (9-12) and keyword bits (16-23). Words in
// the name lists or keyword lists are described once at load time, so the
// hot loop does one map lookup for them.
type winfo uint32

const (
	wEnglish winfo = 1 << (9 + iota)
	wMedical
	wProper
	wAbbrev
	wPresent // the word is in the table: all bits are valid
)

func (x winfo) gaz() gaz         { return gaz(x & 511) }
func (x winfo) kw() uint16       { return uint16(x >> 16) }
func (x winfo) has(b winfo) bool { return x&b != 0 }

var (
	gazOnce sync.Once
	table   *lexicon.Table   // name → winfo without keyword bits (data/names.tbl)
	kwInfo  map[string]winfo // the few hundred cue words, with all bits
)

func vocabBits(w string) winfo {
	var x winfo
	if vocab.English(w) {
		x |= wEnglish
	}
	if vocab.Medical(w) {
		x |= wMedical
	}
	if vocab.Proper(w) {
		x |= wProper
	}
	if vocab.Abbrev(w) {
		x |= wAbbrev
	}
	return x
}

// TableValue is the value the generator stores for a name: its gazetteer
// classes (first-name and surname frequency class, cspell flag) and what the
// vocabulary says of the word. The generator and the detector share it.
func TableValue(first, last uint8, cspell bool, w string) uint32 {
	g := gaz(first&15) | gaz(last&15)<<4
	if cspell {
		g |= 256
	}
	return uint32(winfo(g) | vocabBits(w) | wPresent)
}

// describe returns what is known about folded word w, or 0 for a word in
// no list (the caller then asks vocab only what it needs).
func describe(w string) winfo {
	gazOnce.Do(loadGaz)
	if x, ok := kwInfo[w]; ok {
		return x
	}
	if v, ok := table.Lookup(w); ok {
		return winfo(v)
	}
	return 0
}

func loadGaz() {
	var err error
	table, err = lexicon.LoadEmbeddedTable(namesTbl)
	if err != nil {
		panic("names: embedded data: " + err.Error()) // the build guarantees it
	}
	m := make(map[string]winfo, len(kw))
	for w, k := range kw {
		x := vocabBits(w) | wPresent
		if v, ok := table.Lookup(w); ok {
			x = winfo(v)
		}
		m[w] = x | winfo(k)<<16
	}
	kwInfo = m
}

func lookup(w string) gaz {
	gazOnce.Do(loadGaz)
	v, _ := table.Lookup(w)
	return winfo(v).gaz()
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// titles put directly before a name (with or without a period).
var titles = set(`dr doctor mr mrs ms miss mx mister prof professor madam mme mlle sra srta señora senora
	doña dona señor senor herr frau bwana bibi mzee lola lolo kuya tita tito aling mang oga tannie oom`)

// roles are weaker titles: "NP Wolfe", "nurse Carla", "attending Smith".
var roles = set(`nurse np pa rn md attending resident intern fellow surgeon physician doc rrt pharmacist
	therapist pt/ot sw cm chaplain tech lpn cna anesthesiologist cardiologist`)

// relatives and companions whose name tends to follow ("daughter Sarah").
var relatives = set(`dtr dau wife husband daughter daughters son sons mother mom mum mommy father dad daddy
	sister sisters brother brothers sibling siblings friend friends niece nephew grandson granddaughter
	grandmother grandfather grandma grandpa granny aunt uncle cousin caregiver fiance fiancee fiancé fiancée
	partner boyfriend girlfriend spouse stepson stepdaughter stepmother stepfather son-in-law
	daughter-in-law sister-in-law brother-in-law hcp proxy neighbor neighbour roommate guardian
	grandchild grandchildren kid kids baby child children twin twins sil dil boss coworker colleague`)

// socialHeaders head a note's section about family and visitors; a first
// name right after "social:" is a visitor's.
var socialHeaders = set(`social soc psychosocial psychosoc family visitors visitor visits visit contact contacts`)

// nameCues announce a name outright.
var nameCues = set(`named name called aka nee née signed`)

// weakCues precede names often but also many other things.
var weakCues = set(`per pt patient pts patients pt's patient's dear hi hello hey thanks thank
	by w/ with visited paged d/w spoke discussed contacted notified informed told asked met said says
	tell ask
	cc'd cc attn attention regards sincerely cheers love xo`)

// postCredentials follow a name: degrees, licences and generational suffixes.
var postCredentials = set(`rn md np pa rrt phd dds dmd lpn cna msw pharmd pa-c aprn crna fnp bsn
	jr sr ii iii esq mph facp facs lcsw`)

var postVerbs = set(`aware notified paged updated called visited said says states stated reports reported
	asked wants wanted came arrived left phoned agrees agreed explained informed met spoke ordered
	saw evaluated examined recommends recommended wrote feels felt thinks thought`)

// orgHeads make a preceding capitalised word part of an organisation or
// place name, not a person's ("Mercy Hospital", "Mobile County").
var orgHeads = set(`hospital hospitals clinic clinics medical center centre health healthcare university
	college school county city street st avenue ave road rd boulevard blvd drive lane way park
	river lake mount mt valley heights hills beach island bay institute foundation church cathedral
	memorial general regional community children's childrens pharmacy labs lab inc llc ltd corp
	corporation company co group associates partners consulting technologies airport station square
	court ct place pl hall campus state bridge tower plaza mall bank capital ventures agency analytics
	research systems solutions software international global`)

// firmHeads end the name of a firm or institution and are not surnames.
var firmHeads = set(`inc llc ltd corp corporation company group associates consulting technologies
	ventures agency analytics research systems solutions software international global labs
	foundation institute university college hospital clinic`)

// diseaseHeads make a preceding eponym a disease, sign or instrument
// ("Parkinson disease", "Crohn's disease", "Glasgow Coma Scale").
var diseaseHeads = set(`disease disease's syndrome sign signs test tests procedure maneuver manoeuvre reflex
	criteria score scale classification class stage staging law act fracture tube catheter method
	protocol trial esophagus oesophagus ulcer palsy tumor tumour lymphoma sarcoma phenomenon node
	nodes triad operation repair shunt valve line drain mask bag hugger pacer index equation rule
	formula position effect type dementia encephalopathy tear filter pump lift
	lumen frame boots bed collar splint`)

// nameLikeHeads are disease heads that are also surnames.
var nameLikeHeads = set(`law rule line bed frame pump lift bag sign class stage mask node`)

// placePreps before a capitalised word make it more likely a place.
var placePreps = set(`in at near from to into toward towards via`)

// never are capitalised words that are never emitted on their own: months,
// weekdays, deities, holidays and clinical shorthand that name lists carry.
var never = set(`january february march april may june july august september october november december
	jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
	saturday sunday mon tue tues wed thu thur thurs fri sat sun god jesus christ lord allah buddha
	christmas easter thanksgiving halloween hanukkah ramadan diwali
	icu micu sicu ccu nicu picu ed er or pacu emergency ob gyn ent gi pt ot rt np pa md rn do
	am pm ok yes no hi hey dear thanks mom dad
	english spanish french american african asian hispanic latino latina caucasian
	covid coronavirus medicare medicaid tylenol advil motrin aleve lasix coumadin heparin ativan
	versed haldol dilaudid morphine fentanyl propofol levophed neo neosynephrine vasopressin
	dopamine dobutamine zosyn vanco vancomycin flagyl cipro levaquin bactrim keflex unasyn
	lopressor toprol norvasc lipitor zocor plavix aspirin insulin lantus humalog novolog
	protonix pepcid nexium prilosec zofran reglan colace senna dulcolax miralax lactulose
	ambien xanax valium klonopin seroquel zyprexa risperdal precedex narcan kayexalate
	epi norepi neo-synephrine albuterol ventolin atrovent combivent solumedrol prednisone decadron
	diflucan zyvox meropenem cefepime ceftriaxone rocephin ancef kefzol nitro ntg tpa
	foley swan ganz swan-ganz picc cvl aline a-line art-line peg ngt ogt ett trach
	hct hgb wbc plt inr ptt abg vbg cxr ekg ecg echo ct mri bun cr lytes
	neuro resp gu id cv heme onc renal pulm card cards skin social dispo plan
	uber lyft doordash grubhub instacart netflix spotify tiktok instagram facebook whatsapp youtube google amazon walmart costco starbucks`)

// lowerWords are common function words: never part of a name.
var stop = set(`a an the and or but of in on at to for by with from as is was were be been are am
	i me my we our you your he him his she her it its they them their this that these those
	not no yes so if then than too very just also only all any some each every both either
	s t d ll re ve m o y`)

// clinical are device, charting and shorthand words found in name lists
// or shaped like names.
var clinical = set(`quinton hickman swan ganz foley passy passey passe muir bair hugger carevue vue zoll
	riker perla perrla fent crit crea reg lytes levo neo bivent pacer sternal integrillin aggrastat
	natrecor nipride titrate artline aline cordis tlc picc mediport portacath jp hemovac pleurevac
	ambu ambubag bipap cpap trach peep fio2 sao2 abgs vent vents cath caths cabg ptca ivp ivpb
	lpm npn nsg rrt micu sicu ccu csru ctsicu tsicu ho hos dsg dsgs cdi ace bilat perrl mae maew
	amts adeq huo cont tol toler dtr decr incr repleted replete meds prn riss fsbs coag coags
	creat stoma ostomy hemodynamics hemodynamic interventional fick shiley hoyer tyl cerc sero serosang
	bs ls ns lr rn nare nares na ca fe mg cl hco3 ph od ou os ue le co ci pa numbers bolus rue lue rle lle luq ruq llq rlq abd ext extr`)

// nameSuffixes are endings typical of surnames in many languages, for
// words that are in no list ("Czyzewicz", "Szöllössy", "Vedzizhev").
var nameSuffixes = []string{"wicz", "wski", "ski", "sky", "ska", "ová", "ovic", "ović", "evic", "ević",
	"enko", "escu", "opoulos", "poulos", "akis", "idis", "ian", "yan", "berg", "stein", "mann",
	"sen", "sson", "dottir", "dóttir", "ez", "ini", "etti", "elli", "ucci", "eau", "ault", "oglu",
	"oğlu", "zadeh", "ova", "eva", "ev", "ov", "vich", "shvili", "dze", "chuk", "szy", "ssy", "nen",
	"ek", "ák", "ás", "ós", "ić"}

// drugSuffixes are endings of drug and chemical names, for words that are
// in no list ("Integrilin", "cagluconate").
var drugSuffixes = []string{"mab", "nib", "pril", "sartan", "olol", "azole", "mycin", "cillin", "floxacin",
	"statin", "dipine", "parin", "prazole", "semide", "amine", "azine", "azepam", "zolam", "odone",
	"phine", "cycline", "vir", "ide", "ate", "xin", "ium", "lin", "tal", "trol", "sone", "olone",
	"oxin", "afil", "tidine", "caine", "vastatin", "gliptin", "gliflozin", "terol", "tropium", "itis",
	"osis", "emia", "cath", "algia", "ectomy", "otomy", "ostomy", "plasty", "scopy", "gram", "graphy"}

// modal verbs that are also names: only a capitalised word inside a
// sentence can be the name ("Will", "May").
// particles are lower-case parts of a surname ("Ludwig van Beethoven").
var particles = set(`van von de da del della der den di du la le dos das ter ten bin ibn al el`)

// nameVerbs after a capitalised unknown word make it the subject of a
// sentence about a person ("Alvir spent a year", "Jouko is from").
var nameVerbs = set(`spent is was has had just lives lived works worked went were speak speaks
	moved grew joined studied graduated married loves loved likes liked hates needs wants knows`)

// peoplePlurals before a list make its members people ("our founders:
// Monjeau, Graves and Reed").
var peoplePlurals = set(`founders cofounders co-founders partners members authors engineers doctors nurses
	children kids sons daughters siblings friends guests speakers attendees parents grandchildren
	brothers sisters cousins residents students colleagues`)

var modal = set(`will may can must shall`)

// ambiguousTitles are also clinical abbreviations (MS mental status or
// morphine, MR mitral regurgitation).
var ambiguousTitle = set(`ms mr miss doc mx`)

// Keyword bits: one map lookup answers every small-list question about a word.
const (
	kNotName uint16 = 1 << iota // stop, never, clinical, or a cue word itself
	kCue                        // a word after which a name may follow
	kModal
	kStrong // a relative, role, title or naming word: even a lower-case word after it may be a name
	kPrep   // a place preposition
)

var kw = func() map[string]uint16 {
	m := map[string]uint16{}
	add := func(s map[string]bool, bits uint16) {
		for w := range s {
			m[w] |= bits
		}
	}
	add(stop, kNotName)
	add(never, kNotName)
	add(clinical, kNotName)
	add(relatives, kNotName|kCue)
	add(roles, kNotName|kCue)
	add(nameCues, kNotName|kCue)
	add(weakCues, kNotName|kCue)
	add(postVerbs, kNotName)
	for w := range diseaseHeads {
		if !nameLikeHeads[w] {
			m[w] |= kNotName
		}
	}
	add(titles, kCue|kStrong)
	add(relatives, kStrong)
	add(roles, kStrong)
	add(nameCues, kStrong)
	add(placePreps, kPrep)
	add(modal, kModal)
	for _, w := range []string{"is", "me", "law", "by", "with", "to", "my", "dr", "called"} {
		m[w] |= kCue
	}
	return m
}()

func kwOf(w string) uint16 { return describe(w).kw() }

// vocativeNext follow "Name," at the start of a sentence addressed to
// that person ("Warrane, can I please speak to your boss?").
var vocativeNext = set(`can could would will please thank thanks i you do did are is have let`)

// kwTab is kw as a wordTable: the detector asks it about nearly every
// word, and a small table with a cheap hash beats a map here.
var kwTab = newWordTable(func() map[string]uint32 {
	m := make(map[string]uint32, len(kw))
	for w, b := range kw {
		m[w] = uint32(b)
	}
	return m
}())

// Word-list membership bits (listsOf): the scorer looks at the words
// around every run, and one lookup answering for every list is cheaper
// than a map lookup per list.
const (
	lTitle uint32 = 1 << iota
	lRole
	lRelative
	lSocial
	lWeakCue
	lCredential
	lPostVerb
	lOrgHead
	lFirmHead
	lDiseaseHead
	lPrep
	lParticle
	lNameVerb
	lPeoplePlural
	lAmbiguousTitle
	lVocative
)

var listTab = newWordTable(func() map[string]uint32 {
	m := map[string]uint32{}
	for _, l := range []struct {
		s   map[string]bool
		bit uint32
	}{
		{titles, lTitle}, {roles, lRole}, {relatives, lRelative}, {socialHeaders, lSocial},
		{weakCues, lWeakCue}, {postCredentials, lCredential}, {postVerbs, lPostVerb},
		{orgHeads, lOrgHead}, {firmHeads, lFirmHead}, {diseaseHeads, lDiseaseHead},
		{placePreps, lPrep}, {particles, lParticle}, {nameVerbs, lNameVerb},
		{peoplePlurals, lPeoplePlural}, {ambiguousTitle, lAmbiguousTitle}, {vocativeNext, lVocative},
	} {
		for w := range l.s {
			m[w] |= l.bit
		}
	}
	return m
}())

// listsOf returns the membership bits of w (0 for most words).
func listsOf(w string) uint32 { return listTab.get(w) }

// wordTable maps a few hundred short words to values with open
// addressing. bits has one bit per slot that some word hashes to: most
// words are turned away by this 512-byte filter before the slots are read.
type wordTable struct {
	bits  [wtSlots / 64]uint64
	slots [wtSlots]wordSlot
}

const (
	wtBits   = 12
	wtSlots  = 1 << wtBits // well above twice the number of words in a table
	wtMaxLen = 24
)

type wordSlot struct {
	key string
	val uint32
}

func newWordTable(m map[string]uint32) *wordTable {
	if len(m)*2 > wtSlots {
		panic("names: word table too small")
	}
	t := &wordTable{}
	for w, v := range m {
		if len(w) > wtMaxLen || w == "" {
			panic("names: bad table word: " + w)
		}
		h := wtHash(w)
		t.bits[h/64] |= 1 << (h % 64)
		for t.slots[h].key != "" {
			h = (h + 1) & (wtSlots - 1)
		}
		t.slots[h] = wordSlot{key: w, val: v}
	}
	return t
}

// wtHash hashes the length and the first two and last two bytes of w
// (non-empty): that spreads the listed words well enough, and the detector
// hashes nearly every word of a text, so it must not cost a multiply per
// byte.
func wtHash(w string) uint32 {
	n := len(w)
	x := uint32(w[0]) | uint32(w[min(1, n-1)])<<8 | uint32(w[max(n-2, 0)])<<16 | uint32(w[n-1])<<24
	h := (x ^ uint32(n)*0x9E3779B9) * 0x85EBCA6B
	h ^= h >> 15
	h *= 0xC2B2AE35
	return h >> (32 - wtBits)
}

// get returns the value of w (0 for a word not in the table).
func (t *wordTable) get(w string) uint32 {
	if len(w) > wtMaxLen || w == "" {
		return 0
	}
	h := wtHash(w)
	if t.bits[h/64]&(1<<(h%64)) == 0 {
		return 0 // no listed word starts its probe here
	}
	for ; ; h = (h + 1) & (wtSlots - 1) {
		s := &t.slots[h]
		if s.key == "" {
			return 0
		}
		if s.key == w {
			return s.val
		}
	}
}

// maxTitleLen is the length of the longest title, and titleLens[b] has
// bit n set when a title, or a title with "'s", starts with byte b and is
// n bytes long (up to maxTitleLen).
var maxTitleLen, titleLens = func() (int, [256]uint64) {
	n := 0
	for w := range titles {
		if kw[w+"'s"] != 0 {
			panic("names: keyword " + w + "'s would hide the title") // see isTitle
		}
		n = max(n, len(w))
	}
	var lens [256]uint64
	for w := range titles {
		for _, v := range []string{w, w + "'s"} {
			if len(v) <= n {
				lens[v[0]] |= 1 << len(v)
			}
		}
	}
	return n, lens
}()

// isTitle reports whether w is a title, or a title with "'s" ("DR'S
// CAMARDA") within maxTitleLen bytes: what the keyword bits of w, or of w
// without "'s" when w itself has none, say (lookupKw). The detector asks at
// nearly every word: the first byte and the length turn most words away,
// and a switch on constants compares the rest with a few titles by a
// load or two (TestIsTitle keeps it in step with the titles list).
func isTitle(w string) bool {
	if w == "" || titleLens[w[0]]>>min(len(w), 63)&1 == 0 { // (no title is 63 bytes long)
		return false
	}
	switch w {
	case "dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "mister", "prof", "professor",
		"madam", "mme", "mlle", "sra", "srta", "señora", "senora",
		"doña", "dona", "señor", "senor", "herr", "frau", "bwana", "bibi", "mzee",
		"lola", "lolo", "kuya", "tita", "tito", "aling", "mang", "oga", "tannie", "oom",
		"dr's", "doctor's", "mr's", "mrs's", "ms's", "miss's", "mx's", "mister's", "prof's",
		"madam's", "mme's", "mlle's", "sra's", "srta's", "señora's", "senora's",
		"doña's", "dona's", "señor's", "senor's", "herr's", "frau's", "bwana's", "bibi's", "mzee's",
		"lola's", "lolo's", "kuya's", "tita's", "tito's", "aling's", "mang's", "oga's", "tannie's", "oom's":
		return true
	}
	return false
}

// cueShapes has a bit for the shape (first letter, last letter, length)
// of every cue word and of its possessive: most words are known not to be
// a cue without a table lookup.
var cueShapes = func() (t [1 << 14 / 64]uint64) {
	for w, b := range kw {
		if b&kCue != 0 {
			for _, v := range []string{w, w + "'s"} {
				k := cueShapeIndex(v)
				t[k/64] |= 1 << (k % 64)
			}
		}
	}
	return t
}()

func cueShapeIndex(w string) int {
	n := len(w)
	return int(w[0]&31)<<9 | int(w[n-1]&31)<<4 | n&15
}

// cueShape reports whether w (or w without "'s") could be a cue word.
func cueShape(w string) bool {
	if w == "" {
		return false
	}
	k := cueShapeIndex(w)
	return cueShapes[k/64]&(1<<(k%64)) != 0
}

// strongLens[b] has bit n set when a strong cue word starts with byte b
// and is n bytes long.
var strongLens = func() (t [256]uint64) {
	for w, b := range kw {
		if b&kStrong != 0 && len(w) < 64 {
			t[w[0]] |= 1 << len(w)
		}
		if b&kStrong != 0 && strings.HasSuffix(w, "'s") {
			panic("names: possessive strong cue " + w)
		}
	}
	return t
}()

// strongShape reports whether w (or w without "'s") could be a strong cue.
func strongShape(w string) bool {
	if w == "" {
		return false
	}
	m := strongLens[w[0]]
	if len(w) < 64 && m&(1<<len(w)) != 0 {
		return true
	}
	return len(w) > 2 && len(w) < 66 && strings.HasSuffix(w, "'s") && m&(1<<(len(w)-2)) != 0
}

// in reports whether w is in one of the lists l (lRelative|lRole...).
func in(w string, l uint32) bool { return listsOf(w)&l != 0 }
