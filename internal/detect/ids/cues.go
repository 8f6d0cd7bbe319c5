package ids

import (
	"github.com/scrubs-dev/scrubs/internal/lexicon/wordset"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// cueInfo says what an identifier cue word implies.
type cueInfo struct {
	sub    string
	strong bool // strong cues accept shorter and plainer codes
}

// cues maps a folded word to the kind of number it announces.
var cues = map[string]cueInfo{
	// medical record numbers
	"mrn": {SubMRN, true}, "mrn#": {SubMRN, true}, "mrns": {SubMRN, true}, "medrec": {SubMRN, true},
	"record": {SubMRN, false}, "records": {SubMRN, false}, "rec": {SubMRN, false}, "chart": {SubMRN, false},
	"emr": {SubMRN, false}, "ehr": {SubMRN, false}, "hospital#": {SubMRN, true}, "encounter": {SubMRN, false},
	"admission": {SubMRN, false}, "visit": {SubMRN, false},
	// social security
	"ssn": {SubSSN, true}, "ssn#": {SubSSN, true}, "ss": {SubSSN, false}, "ss#": {SubSSN, true},
	"security": {SubSSN, false}, "sin": {SubSSN, false},
	// accounts
	"account": {SubAccount, true}, "acct": {SubAccount, true}, "acct#": {SubAccount, true}, "acc": {SubAccount, false},
	"accounts": {SubAccount, true}, "billing": {SubAccount, false}, "invoice": {SubAccount, false},
	"bank": {SubAccount, false}, "routing": {SubAccount, true},
	// health plans
	"member": {SubHealthPlan, true}, "policy": {SubHealthPlan, true}, "insurance": {SubHealthPlan, true},
	"insur": {SubHealthPlan, true}, "insurer": {SubHealthPlan, true}, "ins": {SubHealthPlan, false},
	"subscriber": {SubHealthPlan, true}, "beneficiary": {SubHealthPlan, true}, "hmo": {SubHealthPlan, true},
	"medicaid": {SubHealthPlan, true}, "medicare": {SubHealthPlan, true}, "plan": {SubHealthPlan, false},
	"hicn": {SubHealthPlan, true}, "mbi": {SubHealthPlan, true}, "ppo": {SubHealthPlan, false},
	"coverage": {SubHealthPlan, false}, "insurance#": {SubHealthPlan, true}, "policyholder": {SubHealthPlan, true},
	"group": {SubHealthPlan, false},
	// licences and certificates
	"license": {SubLicence, true}, "licence": {SubLicence, true}, "lic": {SubLicence, true}, "lic#": {SubLicence, true},
	"licensed": {SubLicence, false}, "licenses": {SubLicence, true}, "licences": {SubLicence, true},
	"dl": {SubLicence, false}, "permit": {SubLicence, false},
	"certificate": {SubCertificate, true}, "cert": {SubCertificate, true}, "certification": {SubCertificate, false},
	"dea": {SubDEA, true}, "npi": {SubNPI, true},
	// vehicles
	"plate": {SubVehicle, true}, "plates": {SubVehicle, true}, "vin": {SubVehicle, true}, "tag": {SubVehicle, false},
	"reg": {SubVehicle, false}, "registration": {SubVehicle, false}, "vehicle": {SubVehicle, false},
	"rego": {SubVehicle, false}, "numberplate": {SubVehicle, true},
	// the car itself, just before its plate ("the silver Corolla KDA 447Q"):
	// weak cues, so a code needs a digit and four characters
	"car": {SubVehicle, false}, "ute": {SubVehicle, false}, "van": {SubVehicle, false}, "truck": {SubVehicle, false},
	"sedan": {SubVehicle, false}, "hatchback": {SubVehicle, false}, "suv": {SubVehicle, false},
	"motorbike": {SubVehicle, false}, "motorcycle": {SubVehicle, false}, "pickup": {SubVehicle, false},
	"corolla": {SubVehicle, false}, "camry": {SubVehicle, false}, "civic": {SubVehicle, false},
	"hilux": {SubVehicle, false}, "prius": {SubVehicle, false}, "golf": {SubVehicle, false},
	"tacoma": {SubVehicle, false}, "rav4": {SubVehicle, false}, "f-150": {SubVehicle, false},
	// devices
	"serial": {SubDevice, true}, "udi": {SubDevice, true}, "sn": {SubDevice, false}, "device": {SubDevice, false},
	"implant": {SubDevice, false}, "pacemaker": {SubDevice, false}, "imei": {SubDevice, true},
	// payment
	"card": {SubCreditCard, false}, "credit": {SubCreditCard, false}, "visa": {SubCreditCard, false},
	"mastercard": {SubCreditCard, false}, "amex": {SubCreditCard, false}, "debit": {SubCreditCard, false},
	"iban": {SubIBAN, true},
	// other identifiers
	"id": {SubOther, false}, "identifier": {SubOther, false}, "ref": {SubOther, false}, "reference": {SubOther, false},
	"confirmation": {SubOther, false}, "passport": {SubOther, true}, "badge": {SubOther, false},
	"employee": {SubOther, false}, "claim": {SubOther, true}, "case": {SubOther, false}, "tracking": {SubOther, false},
	"ticket": {SubOther, false}, "accession": {SubMRN, true}, "specimen": {SubOther, false},
}

// pairCues refine a cue by the word before it: "patient id", "member id",
// "medical record", "licence plate", "social security", "credit card".
var pairCues = map[[2]string]cueInfo{
	{"patient", "id"}: {SubMRN, true}, {"pt", "id"}: {SubMRN, true}, {"patient", "number"}: {SubMRN, true},
	{"medical", "record"}: {SubMRN, true}, {"med", "rec"}: {SubMRN, true}, {"medical", "records"}: {SubMRN, true},
	{"hospital", "number"}: {SubMRN, true}, {"unit", "number"}: {SubMRN, true}, {"chart", "number"}: {SubMRN, true},
	{"member", "id"}: {SubHealthPlan, true}, {"insurance", "id"}: {SubHealthPlan, true}, {"insur", "id"}: {SubHealthPlan, true},
	{"insurer", "id"}: {SubHealthPlan, true}, {"health", "id"}: {SubHealthPlan, true}, {"plan", "id"}: {SubHealthPlan, true},
	{"hmo", "id"}: {SubHealthPlan, true}, {"subscriber", "id"}: {SubHealthPlan, true}, {"policy", "id"}: {SubHealthPlan, true},
	{"health", "plan"}: {SubHealthPlan, true}, {"ins", "plan"}: {SubHealthPlan, true}, {"insurance", "plan"}: {SubHealthPlan, true},
	{"group", "id"}: {SubHealthPlan, true}, {"medicaid", "id"}: {SubHealthPlan, true}, {"medicare", "id"}: {SubHealthPlan, true},
	{"device", "id"}: {SubDevice, true}, {"implant", "id"}: {SubDevice, true}, {"pacemaker", "serial"}: {SubDevice, true},
	{"employee", "id"}: {SubOther, true}, {"staff", "id"}: {SubOther, true}, {"student", "id"}: {SubOther, true},
	{"account", "id"}: {SubAccount, true}, {"bank", "account"}: {SubAccount, true},
	{"license", "plate"}: {SubVehicle, true}, {"licence", "plate"}: {SubVehicle, true}, {"number", "plate"}: {SubVehicle, true},
	{"vehicle", "registration"}: {SubVehicle, true}, {"car", "registration"}: {SubVehicle, true},
	{"social", "security"}: {SubSSN, true}, {"soc", "sec"}: {SubSSN, true},
	{"credit", "card"}: {SubCreditCard, true}, {"debit", "card"}: {SubCreditCard, true}, {"bank", "card"}: {SubCreditCard, true},
	{"birth", "certificate"}: {SubCertificate, true}, {"death", "certificate"}: {SubCertificate, true},
	{"driver's", "license"}: {SubLicence, true}, {"drivers", "license"}: {SubLicence, true}, {"driving", "licence"}: {SubLicence, true},
	{"medical", "license"}: {SubLicence, true}, {"state", "license"}: {SubLicence, true}, {"nursing", "license"}: {SubLicence, true},
	{"case", "number"}: {SubOther, true}, {"claim", "number"}: {SubOther, true},
}

// fillers may stand between a cue and its number.
var fillers = map[string]bool{
	"is": true, "was": true, "are": true, "number": true, "numbers": true, "num": true, "no": true, "nr": true,
	"nbr": true, "of": true, "the": true, "a": true, "an": true, "his": true, "her": true, "their": true, "its": true,
	"my": true, "your": true, "our": true, "with": true, "under": true, "has": true, "have": true, "had": true,
	"listed": true, "as": true, "be": true, "includes": true, "include": true, "show": true, "shows": true,
	"reads": true, "code": true, "new": true, "old": true, "primary": true, "secondary": true, "pt's": true,
	"patient's": true, "given": true, "assigned": true, "using": true, "this": true, "that": true, "nos": true,
	"details": true, "info": true, "ending": true,
}

// generic words that make a weak "number" cue when nothing better is found
var genericNumber = map[string]bool{"number": true, "no": true, "nr": true, "nbr": true, "num": true, "nos": true}

// phoneWords end the search: the number belongs to a phone, not an ID.
var phoneWords = map[string]bool{
	"phone": true, "tel": true, "telephone": true, "cell": true, "mobile": true, "call": true, "contact": true,
	"fax": true, "pager": true, "pgr": true, "beeper": true, "ext": true, "extension": true, "reach": true,
	"reached": true, "text": true, "whatsapp": true, "desk": true, "office": true, "home": true, "work": true,
	"cellular": true, "landline": true, "pg": true,
}

// word classes in wordTab
const (
	wCue     = 1 << iota // in cues
	wFiller              // in fillers
	wGeneric             // in genericNumber
	wPhone               // in phoneWords
)

type wordInfo struct {
	cue   cueInfo // cues[w]
	flags uint8
}

// wordTab joins cues, fillers, genericNumber and phoneWords: findCue
// looks a word up once instead of in up to four maps. It is a wordset,
// not a Go map: findCue looks up every word before a number, and hashing
// each word whole cost more than the rest of findCue.
var wordTab = wordset.New(func() map[string]wordInfo {
	m := map[string]wordInfo{}
	for w, c := range cues {
		m[w] = wordInfo{cue: c, flags: wCue}
	}
	add := func(set map[string]bool, f uint8) {
		for w, ok := range set {
			if ok {
				wi := m[w]
				wi.flags |= f
				m[w] = wi
			}
		}
	}
	add(fillers, wFiller)
	add(genericNumber, wGeneric)
	add(phoneWords, wPhone)
	return m
}())

type cueResult struct {
	info  cueInfo
	text  string
	found bool
	phone bool // a phone word came first
}

// findCue looks back from token i (exclusive) for an identifier cue,
// passing over punctuation and filler words, stopping at the first other
// word, a number, or the end of the previous sentence.
func findCue(d *text.Doc, i int) cueResult {
	toks := d.Tokens
	generic := ""
	for k := i - 1; k >= 0 && k >= i-10; k-- {
		t := &toks[k]
		if t.Kind == text.Punct {
			switch d.Src[t.Start] {
			case ':', '#', '(', '-', ',', '=', '[', '\'':
				continue
			case '.':
				// an abbreviation dot: "Ins.", "No.", "Acct.", "rec."
				if k > 0 && toks[k-1].Kind == text.Word && d.Adjacent(k-1, k) {
					l := toks[k-1].Lower
					if wordTab.Value(l).flags&(wCue|wFiller) != 0 {
						continue
					}
				}
			case '/':
				// "S/N"
				if d.Is(k-1, "s") && d.Is(k+1, "n") {
					return cueResult{info: cueInfo{SubDevice, true}, text: d.Span(k-1, k+1), found: true}
				}
			}
			break
		}
		if t.Kind != text.Word || t.Flags&text.HasDigit != 0 {
			break
		}
		w := t.Lower
		wi := wordTab.Value(w)
		if wi.flags&wCue != 0 {
			info := wi.cue
			if w == "n" {
				break
			}
			first := k
			if p := prevWord(d, k); p >= 0 {
				if pi, ok := pairCues[[2]string{toks[p].Lower, w}]; ok {
					info = pi
					first = p
				}
			}
			return cueResult{info: info, text: d.Span(first, k), found: true}
		}
		if w == "n" && d.IsPunct(k-1, '/') && d.Is(k-2, "s") {
			return cueResult{info: cueInfo{SubDevice, true}, text: d.Span(k-2, k), found: true}
		}
		if wi.flags&wPhone != 0 {
			return cueResult{phone: true}
		}
		if wi.flags&wFiller != 0 {
			if generic == "" && wi.flags&wGeneric != 0 {
				generic = d.Text(k)
				// "number" after a cue word is handled by continuing; a pair
				// like "patient number" is caught by pairCues
				if p := prevWord(d, k); p >= 0 {
					if pi, ok := pairCues[[2]string{toks[p].Lower, w}]; ok {
						return cueResult{info: pi, text: d.Span(p, k), found: true}
					}
				}
			}
			continue
		}
		break
	}
	if generic != "" {
		return cueResult{info: cueInfo{SubOther, false}, text: generic, found: true}
	}
	return cueResult{}
}

// prevWord returns the word before token k, passing over one '.' or '\”
// ("Ins. plan", "driver's"), or -1.
func prevWord(d *text.Doc, k int) int {
	j := k - 1
	if j >= 0 && d.Tokens[j].Kind == text.Punct && (d.IsPunct(j, '.') || d.IsPunct(j, '-')) {
		j--
	}
	if j >= 0 && d.Tokens[j].Kind == text.Word {
		return j
	}
	return -1
}
