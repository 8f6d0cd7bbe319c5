package dates

import (
	"strings"

	"github.com/scrubs-dev/scrubs/internal/lexicon/wordset"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// Word tables, built once at package initialisation and only read after.

// wkind says what a trigger word can start or anchor.
type wkind uint16

const (
	kMonth      wkind = 1 << iota // a month name; val = 1..12
	kAmbig                        // also an ordinary word ("may", "march", "dec")
	kWeekday                      // a full weekday name; val = 1..7
	kWeekdayAbb                   // a weekday abbreviation ("sat", "wed")
	kHoliday                      // first word of a holiday phrase
	kRel                          // head of a relative-day or time phrase
	kAgeWord                      // "age", "aged"
	kOldWord                      // "nonagenarian", "centenarian"
	kNumWord                      // a cardinal number word; val = its value
	kOrdWord                      // an ordinal number word; val = its value
	kDecade                       // "nineties"; val = the decade
)

// ageKinds are the kinds of the words that scan.word may read an age
// from: "aged 92", "nonagenarian", "ninety-two-year-old", "her nineties".
const ageKinds = kAgeWord | kOldWord | kNumWord | kDecade

type winfo struct {
	kind wkind
	val  int16
}

// words holds the trigger words as init builds them; the scan reads
// wordTab, which holds the same.
var words = map[string]winfo{}

// wordTab is words for reading (wordset: a lookup costs three byte loads
// and a multiply before one comparison, where the map hashed the whole
// word).
var wordTab *wordset.Map[winfo]

func buildWordTab() { wordTab = wordset.New(words) }

// lookupWord returns the entry of trigger word w, as words[w] would.
func lookupWord(w string) (winfo, bool) { return wordTab.Get(w) }

// A cheap prefilter in front of the words map: a bitset indexed by a hash
// of a word's length and its first, middle and last bytes. Most words of a text
// fail it and never reach the map.
var wordBits [1 << 14 / 64]uint64

const maxWordLen = 31

// wordHash hashes a non-empty word of up to maxWordLen bytes: its length
// and its first, middle and last bytes, packed in one 32-bit word and
// mixed by one multiply (Fibonacci hashing, the top 14 bits). It reads the
// middle byte w[n>>1], which needs no test for one-letter words, and so
// keeps maybeWord small enough to inline into the loop over the marked
// tokens (marks.mark).
func wordHash(w string) uint32 {
	n := len(w)
	x := uint32(w[0]) | uint32(w[n>>1])<<8 | uint32(w[n-1])<<16 | uint32(n)<<24
	return x * 0x9E3779B1 >> (32 - 14)
}

func maybeWord(w string) bool {
	if uint(len(w)-1) >= maxWordLen { // empty or longer than maxWordLen, in one test
		return false
	}
	h := wordHash(w)
	return wordBits[h>>6]>>(h&63)&1 != 0
}

// index adds trigger word w to the prefilter, and has the tokeniser mark
// it (text.Doc.Marks) for marks.mark to find.
func index(w string) {
	if len(w) == 0 || len(w) > maxWordLen {
		panic("dates: bad trigger word " + w)
	}
	h := wordHash(w)
	wordBits[h>>6] |= 1 << (h & 63)
	text.Watch(w)
}

func add(k wkind, val int, ws ...string) {
	for _, w := range ws {
		e := words[w]
		e.kind |= k
		if val != 0 {
			e.val = int16(val)
		}
		words[w] = e
	}
}

func init() {
	months := [][]string{
		{"january", "jan"}, {"february", "feb", "febr"}, {"march", "mar"}, {"april", "apr"},
		{"may"}, {"june", "jun"}, {"july", "jul"}, {"august", "aug"},
		{"september", "sep", "sept"}, {"october", "oct"}, {"november", "nov"}, {"december", "dec"},
	}
	for m, names := range months {
		add(kMonth, m+1, names...)
	}
	// Month names that are also everyday (or clinical) words: they need a
	// day or a year next to them, and a capital unless the text ignores case.
	add(kAmbig, 0, "may", "march", "mar", "dec", "jan", "jun", "aug", "oct", "sep", "sept", "feb", "nov", "apr")

	days := [][]string{
		{"monday"}, {"tuesday"}, {"wednesday"}, {"thursday"}, {"friday"}, {"saturday"}, {"sunday"},
	}
	for d, names := range days {
		add(kWeekday, d+1, names...)
	}
	abb := [][]string{
		{"mon"}, {"tue", "tues"}, {"wed", "weds"}, {"thu", "thur", "thurs"}, {"fri"}, {"sat"}, {"sun"},
	}
	for d, names := range abb {
		add(kWeekdayAbb, d+1, names...)
	}

	for first := range holidays {
		add(kHoliday, 0, first)
	}

	add(kRel, 0, "yesterday", "tomorrow", "ago", "weekend", "week", "month", "night", "tonight",
		"morning", "afternoon", "evening", "today", "now", "day")
	add(kAgeWord, 0, "age", "aged", "ages", "turned", "turn", "turns", "turning")
	add(kOldWord, 0, "nonagenarian", "nonagenarians", "centenarian", "supercentenarian")

	units := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	for v, w := range units {
		if v > 0 {
			add(kNumWord, v, w)
		}
	}
	tens := []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	for v, w := range tens {
		if w != "" {
			add(kNumWord, v*10, w)
		}
	}
	add(kNumWord, 100, "hundred")

	ords := []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
		"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
		"eighteenth", "nineteenth", "twentieth"}
	for v, w := range ords {
		if w != "" {
			add(kOrdWord, v, w)
		}
	}
	add(kOrdWord, 30, "thirtieth")

	decades := []string{"", "", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"}
	for v, w := range decades {
		if w != "" {
			add(kDecade, v*10, w)
		}
	}
	for w := range words {
		if w == "" {
			panic("dates: empty trigger word")
		}
		index(w)
		// the same word with a typographic apostrophe
		if strings.Contains(w, "'") {
			index(strings.ReplaceAll(w, "'", "’"))
		}
	}
	buildWordTab()
}

// holidays maps the first word of a holiday to the words that may follow
// it; an entry whose first alternative is "" may stand alone.
var holidays = map[string][][]string{
	"christmas":    {{""}, {"eve"}, {"day"}},
	"xmas":         {{""}, {"eve"}, {"day"}},
	"thanksgiving": {{""}, {"day"}},
	"easter":       {{""}, {"sunday"}, {"monday"}},
	"halloween":    {{""}},
	"juneteenth":   {{""}},
	"new":          {{"year's", "day"}, {"year's", "eve"}, {"years", "day"}, {"years", "eve"}, {"year", "day"}, {"year", "eve"}, {"year's"}},
	"independence": {{"day"}},
	"memorial":     {{"day"}},
	"labor":        {{"day"}},
	"labour":       {{"day"}},
	"veterans":     {{"day"}},
	"veteran's":    {{"day"}},
	"mlk":          {{"day"}},
	"presidents":   {{"day"}},
	"president's":  {{"day"}},
	"valentine's":  {{"day"}},
	"valentines":   {{"day"}},
	"mother's":     {{"day"}},
	"mothers":      {{"day"}},
	"father's":     {{"day"}},
	"fathers":      {{"day"}},
	"good":         {{"friday"}},
	"boxing":       {{"day"}},
	"st":           {{"patrick's", "day"}, {"patricks", "day"}, {"paddy's", "day"}},
	"saint":        {{"patrick's", "day"}},
	"cinco":        {{"de", "mayo"}},
	"groundhog":    {{"day"}},
	"columbus":     {{"day"}},
}

// set is a small closed word set used as context.
type set = wordset.Map[struct{}]

func mk(ws ...string) *set { return wordset.Of(ws...) }

var (
	// Words right after a number that make it a quantity, not a date.
	unitNext = mk("mg", "mcg", "ug", "g", "gm", "gram", "grams", "kg", "lb", "lbs", "ml", "cc", "cc's", "l",
		"dl", "units", "unit", "u", "iu", "meq", "mmol", "mmhg", "cm", "mm", "km", "mi", "miles", "mile", "m",
		"tab", "tabs", "tablet", "tablets", "cap", "caps", "capsule", "capsules", "pill", "pills", "puff", "puffs",
		"drop", "drops", "gtt", "gtts", "x", "times", "bottles", "bottle", "strength", "ns", "amp", "amps",
		"way", "hr", "hrs", "hour", "hours", "min", "mins", "minute", "minutes", "sec", "secs", "up", "of",
		"peep", "ps", "ips", "fio2", "pain", "cp", "angina", "discomfort", "ha", "headache", "sem", "hsm",
		"murmur", "systolic", "diastolic", "split", "ratio", "odds", "chance", "l/min", "lpm", "liters",
		"litres", "percent", "pct", "doses", "dose", "patients", "pts", "people", "days", "weeks", "months",
		"years", "yrs", "wks", "cultures", "culture", "cx", "cxs", "sets", "set", "bpm", "kcal", "cal",
		"calories", "oz", "ounces", "inch", "inches", "ft", "feet", "pounds", "kgs", "mgs", "nights")
	// Words shortly before a number pair that make it a measurement.
	measurePrev = mk("gcs", "bp", "nbp", "abp", "sbp", "dbp", "map", "cvp", "pap", "pas", "pcwp", "rr",
		"ps", "psv", "peep", "cpap", "bipap", "ipap", "epap", "ips", "simv", "imv", "vent", "vents",
		"ventilation", "ventilator", "mask", "fio2", "i:e", "ie", "ratio", "score", "scale", "scored", "strength",
		"motor", "grade", "murmur", "murmurs", "sem", "hsm", "apgar", "apgars", "pupils", "perrla", "perrl",
		"pupil", "ns", "d5", "d5w", "lr", "hr",
		"pain", "cp", "angina", "discomfort", "ha", "headache", "rates", "rated", "rating", "ratings",
		"vas", "nrs", "odds", "split", "tv", "vt", "psi", "settings", "setting", "pressures", "pressure",
		"sats", "sat", "spo2", "o2", "pulses", "pulse", "reflexes", "dtr", "dtrs", "crackles", "rales", "wheezes",
		"bilat", "bilaterally", "tidal", "nc", "np", "fm", "trach", "ett",
		"shots", "vision", "acuity", "x", "dilated", "mmhg",
		"pressors", "lungs", "bases", "level", "grip", "sensation")
	// Words right before a number pair that make it a date even in an
	// ambiguous shape.
	dateCue = mk("on", "since", "from", "until", "till", "til", "thru", "through", "by", "dated", "date",
		"dob", "d.o.b", "admitted", "admit", "admission", "discharged", "discharge", "born", "started", "began",
		"as", "before", "after", "due", "dos", "doa", "effective", "expires", "expired", "starting", "ending",
		"birthday", "bday", "anniversary", "appointment", "appt", "scheduled", "visit", "seen", "died", "passed")
	// Words before a hyphenated number triple that make it an identifier.
	idPrev = mk("phone", "tel", "ph", "fax", "cell", "mobile", "mrn", "id", "no", "number", "account", "acct",
		"ssn", "room", "rm", "bed", "ext", "extension", "pager", "code", "ref", "case", "claim", "policy", "order",
		"serial", "lot", "model", "version", "v", "ver", "isbn", "call", "text", "dial")
	// Words before "98 F" that make it a temperature.
	tempPrev = mk("t", "temp", "temps", "tmax", "tm", "tc", "tcurrent", "temperature", "afebrile", "febrile",
		"fever", "fevers", "febrile", "max", "axillary", "oral", "rectal", "ax", "tympanic", "spiked", "spiking",
		"to", "of", "at", "was", "is", "body", "core", "bath", "water", "oven", "degrees", "low", "high")
	// Words before a number that make it a patient's age when a sex follows.
	agePrev = mk("a", "an", "pt", "patient", "this", "our", "my", "is", "was", "pleasant", "elderly", "old",
		"frail", "obese", "demented", "ill", "sick", "lovely", "sweet", "female", "male", "caucasian", "white",
		"black", "hispanic", "asian", "aa")
	// Words after "98 F" or "98M" that make it a patient's age.
	ageNextStrong = mk("presents", "presenting", "presented", "admitted", "transferred", "brought", "returned",
		"returns", "who", "hx", "pmh", "h/o", "s/p", "c/o", "p/w", "sp", "w/h/o", "admit", "readmitted",
		"arrived", "found", "here", "from", "pt", "patient", "resident", "nursing", "coming", "came", "comes",
		"complaining", "c", "hpi", "dx")
	ageNextWith = mk("with", "w", "w/", "and", "in", "on", "after")
	sexWord     = mk("male", "female", "man", "woman", "gentleman", "gent", "lady", "boy", "girl", "m", "f",
		"yom", "yof", "yowm", "yowf", "yobm", "yobf", "gentlemen")
	sexLetter = mk("m", "f")
	countNoun = mk("patients", "pts", "nurses", "residents", "doctors", "physicians", "subjects", "participants",
		"students", "staff", "members", "children", "kids", "babies", "infants", "adults", "workers", "cases",
		"deaths", "victims", "people", "employees", "applicants", "athletes", "players", "volunteers")
	// Words after "16F" that make it a French catheter size.
	deviceNext = mk("cath", "catheter", "catheters", "sheath", "sheaths", "foley", "coude", "cude", "tube",
		"ett", "introducer", "cordis", "ngt", "ogt", "ng", "og", "picc", "drain", "trach", "chest", "ct",
		"pigtail", "dilator", "french", "fr", "mallecot", "malecot", "suction", "yankauer", "line", "port",
		"venous", "arterial", "cannula", "stent", "dobhoff", "peg", "needle", "gauge", "g")
	possessor = mk("her", "his", "their", "pt's", "patient's", "pts", "patients", "mom's", "dad's",
		"mother's", "father's", "grandma's", "grandpa's", "grandmother's", "grandfather's", "pt’s")
	decadeMod  = mk("early", "mid", "late", "middle", "upper", "lower")
	ordSuffix  = mk("st", "nd", "rd", "th")
	dayPart    = mk("morning", "afternoon", "evening", "night", "am", "pm", "overnight", "nite")
	weekdayCue = mk("on", "last", "next", "this", "past", "since", "until", "till", "til", "by", "from",
		"previous", "coming", "every", "thru", "through", "before", "after", "sunday", "monday", "tuesday",
		"wednesday", "thursday", "friday", "saturday")
	weekdayMod = mk("last", "next", "this", "past", "previous", "coming")
	// Unit words of "N days ago" and their class.
	agoUnit = map[string]uint8{
		"day": 1, "days": 1, "d": 1, "night": 1, "nights": 1, "nites": 1,
		"week": 2, "weeks": 2, "wk": 2, "wks": 2, "w": 2,
		"month": 3, "months": 3, "mo": 3, "mos": 3, "mths": 3,
		"hour": 4, "hours": 4, "hr": 4, "hrs": 4, "h": 4, "minute": 4, "minutes": 4, "min": 4, "mins": 4,
		"year": 5, "years": 5, "yr": 5, "yrs": 5, "y": 5,
	}
	agoQty = mk("a", "an", "few", "couple", "several", "some", "many", "few", "one")
	// Words following "on the 11th" that show the ordinal is a day.
	afterDay = mk("at", "and", "when", "in", "but", "with", "after", "before", "or", "for", "we", "she", "he",
		"they", "i", "the", "pt", "patient")
	turnWord = mk("turned", "turn", "turns", "turning")
	turnNext = mk("today", "tomorrow", "yesterday", "this", "next", "last", "on", "in", "years", "yrs", "and",
		"but", "soon", "recently", "yo", "y/o", "when", "at", "so", "the", "she", "he", "i", "we")
	// the word for years after an age in other languages ("58 ans", "92 oed")
	yearsWord   = mk("ans", "años", "anos", "oed", "jaar", "jahre", "anni", "taon", "taong")
	timeUnitOld = mk("month", "months", "mo", "mos", "week", "weeks", "wk", "wks", "day", "days")
)
