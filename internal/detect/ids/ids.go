// Package ids finds identifying numbers in a text.Doc (HIPAA Safe Harbor
// identifiers 7-13 and 18): social security, medical record, health plan,
// account, licence and certificate numbers, vehicle and device identifiers,
// NPI and DEA numbers, payment card numbers and IBANs, and other codes.
//
// The detector walks the tokens the tokeniser marked (text.Doc.Marks) and
// only looks at words that contain a digit (or a word glued to digits by
// '-'). For each it reads the whole
// code from Src ("#EM-345678", "12345-JS", "UCLA-T1D-2023"), checks it
// against checksummed formats (IBAN mod-97, Luhn, NPI, DEA, VIN), and looks
// a few tokens back for a cue word ("MRN", "policy", "acct", "serial",
// "plate", ...). Cued codes score high; uncued ones only when their shape
// is very ID-like, with a lower score.
package ids

import (
	"github.com/scrubs-dev/scrubs/internal/detect"
	"github.com/scrubs-dev/scrubs/internal/text"
)

// Sub values of the candidates (all have Type detect.ID).
const (
	SubSSN         = "ssn"
	SubMRN         = "mrn"
	SubHealthPlan  = "health-plan"
	SubAccount     = "account"
	SubLicence     = "licence"
	SubDEA         = "dea"
	SubNPI         = "npi"
	SubCertificate = "certificate"
	SubVehicle     = "vehicle"
	SubDevice      = "device"
	SubCreditCard  = "credit-card"
	SubIBAN        = "iban"
	SubOther       = "other"
)

type detector struct{}

// New returns the ID detector. It holds no mutable state and is safe for
// concurrent use.
func New() detect.Detector { return detector{} }

func (detector) Name() string { return "ids" }

// Detect appends ID candidates to out.
func (detector) Detect(d *text.Doc, out []detect.Candidate) []detect.Candidate {
	if d == nil {
		return out
	}
	src := d.Src
	toks := d.Tokens
	done := 0
	for _, n := range d.Marks {
		i := int(n)
		t := &toks[i]
		if t.Kind != text.Word || t.Start < done || t.Start < 0 || t.End > len(src) || t.Start >= t.End {
			continue
		}
		if t.Flags&text.HasDigit == 0 {
			// letters glued to digits by '-' ("EM-345678", "UCLA-T1D-2023")
			// or split from them in a hashtag ("#CS123456")
			if !(t.End+1 < len(src) && src[t.End] == '-' && isAlnum(src[t.End+1]) || t.End < len(src) && isDigit(src[t.End])) {
				continue
			}
		}
		s := t.Start
		if s > 0 {
			p := src[s-1]
			if isAlnum(p) || p >= 0x80 {
				continue // inside a word we did not start at
			}
			if s > 1 && isDigit(src[s-2]) && (p == '.' || p == ',' || p == '/' || p == ':' || p == '-') {
				continue // "3.5", "1,500", "120/80", "12:30", "10-12"
			}
		}
		var c code
		if !readCode(src, s, &c) || shortCode(src, &c) {
			continue
		}
		if cand, ok := classify(d, i, &c); ok {
			out = append(out, cand)
			done = cand.End
		}
	}
	return out
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

func isAlnum(c byte) bool { return isDigit(c) || isAlpha(c) }

func upperASCII(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}
