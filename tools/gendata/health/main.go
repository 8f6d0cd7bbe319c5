// Command health regenerates rules/packs/health.yaml: the words for a
// person's health (conditions, procedures, treatments, results) and the
// possessive forms built from them ("his chemo", "her dialysis", "his hip
// op"), which mark a person's health information.
// Run from the repo root:
//
//	go run ./tools/gendata/health -shared ../shared
//
// Sources: the lay terms written below, and the Human Disease Ontology
// labels of one or two words (CC0 1.0, kept in the shared lexicons). The
// product never reads ../shared: the pack it writes is embedded.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// lay are the words people write for what happens to a patient: common
// conditions, operations, treatments, tests and their results.
var lay = []string{
	// conditions
	"cancer", "tumour", "tumor", "leukemia", "leukaemia", "lymphoma", "melanoma", "stroke", "heart attack",
	"cardiac arrest", "seizure", "seizures", "epilepsy", "diabetes", "dementia", "alzheimer's", "parkinson's",
	"ms", "als", "hiv", "aids", "sti", "std", "chlamydia", "gonorrhea", "gonorrhoea", "syphilis", "herpes",
	"hepatitis", "hep c", "bipolar", "bipolar diagnosis", "depression", "anxiety", "schizophrenia", "psychosis",
	"eating disorder", "anorexia", "bulimia", "addiction", "alcoholism", "overdose", "od", "dts", "fracture", "broken hip", "broken leg", "broken arm", "broken wrist", "hip fracture",
	"concussion", "burns", "infection", "sepsis", "pneumonia", "covid", "flu", "uti", "kidney stones",
	"kidney stone", "kidney failure", "liver failure", "heart failure", "copd", "asthma", "cystic fibrosis",
	"sickle cell", "autism", "adhd", "miscarriage", "pregnancy", "ectopic", "stillbirth", "infertility",
	"eczema", "strep", "strep throat", "ringworm", "hives", "vertigo", "sciatica", "anaemia", "insomnia",
	"ibs", "gerd", "acid reflux", "reflux", "lupus", "pcos", "constipation", "hemorrhoids", "haemorrhoids",
	"dystonia", "focal dystonia", "acl tear", "rotator cuff", "meniscus tear", "slipped disc",
	"back injury", "head injury", "brain injury", "spinal injury", "wounds", "wound",
	"ulcer", "pressure sore", "bed sores", "amputation", "stump", "shingles", "measles", "mumps", "cholera",
	"tb", "malaria", "dengue", "mpox", "melanoma in situ", "brain tumour", "brain tumor", "breast cancer",
	"prostate cancer", "lung cancer", "colon cancer", "bowel cancer", "skin cancer", "ovarian cancer",
	"cervical cancer", "terminal diagnosis", "diagnosis", "prognosis", "rash", "allergy", "anaphylaxis", "mental health", "suicide attempt", "self-harm", "self harm", "psych admission", "psych hold", "5150", // operations and procedures
	"surgery", "operation", "hip op", "knee op", "hip replacement", "knee replacement", "hip surgery",
	"knee surgery", "back surgery", "heart surgery", "bypass", "triple bypass", "transplant", "kidney transplant",
	"liver transplant", "heart transplant", "lung transplant", "c-section", "caesarean", "cesarean", "abortion", "vasectomy", "hysterectomy", "mastectomy",
	"lumpectomy", "appendectomy", "tonsillectomy", "colonoscopy", "endoscopy", "biopsy", "amputation",
	"acl recon", "acl reconstruction", "stent", "stents", "pacemaker", "lvad", "stoma",
	"colostomy", "ileostomy", "trach", "tracheostomy", "feeding tube", "catheter", "central line",
	"chest tube", "stitches", "staples", "veneers", "root canal", "ivf", "embryo transfer", "egg retrieval",
	// treatments and medicines
	"chemo", "chemotherapy", "radiation", "radiotherapy", "immunotherapy", "dialysis", "methadone", "suboxone",
	"buprenorphine", "insulin", "antidepressants", "antipsychotics", "lithium", "oxycodone", "fentanyl", "morphine", "opioids", "painkillers",
	"antibiotics", "iv antibiotics", "steroids", "blood thinners", "warfarin", "prep script",
	"morning after pill", "contraception", "the pill", "hrt", "testosterone", "detox", "palliative care", "hospice care", "end of life care", "transfusion", "home oxygen", "ventilator", "dressing change", "wound care", "injections", // tests and results
	"test results", "lab results", "blood results", "bloods", "blood work", "bloodwork", "labs",
	"ct", "ct scan", "mri", "mri results", "x-ray", "xray", "x-rays", "ultrasound", "shoulder imaging", "mammogram", "smear", "pap smear", "pregnancy test", "sti results", "std results",
	"hiv test", "hiv results", "biopsy results", "pathology", "path report", "ecg", "ekg", "a1c",
	"blood sugar",
}

// units are the places of care a patient is in ("the NICU", "our L&D
// floor").
var units = []string{
	"icu", "nicu", "picu", "micu", "sicu", "cvicu", "ccu", "itu", "hdu", "scbu", "er", "ed", "a&e", "l&d",
	"labor and delivery", "labour ward", "maternity ward", "postpartum", "mother-baby", "peds", "paeds",
	"peds onc", "paeds onc", "oncology", "onc", "hem onc", "heme onc", "psych", "psych unit", "psych ward",
	"detox", "step-down", "stepdown", "tele", "telemetry", "med-surg", "med surg", "ortho", "neuro", "cardiac",
	"burn unit", "burns unit", "trauma", "trauma bay", "resus", "dialysis", "dialysis unit", "infusion",
	"infusion suite", "cath lab", "pacu", "pre-op", "hospice", "bariatric ward", "surgical ward",
	"medical ward", "geriatric ward", "stroke unit", "cancer ward", "children's ward", "kids ward",
}

// presence are the forms that put someone in a unit as a patient, with
// %s for the unit: "came into the ER", "is on our L&D floor", "an ICU
// patient". (Not "in the ICU" alone, nor "on the peds floor", nor "ICU
// patients": staff are there too, and the plural is teaching. Nor a bare
// clinic, ward or floor: "came into our clinic to fix the printers".)
var presence = []string{
	"came into the %s", "came into our %s", "brought into the %s", "brought into our %s", "rolled into the %s",
	"rolled into our %s", "admitted to the %s", "admitted to our %s", "transferred to the %s", "sent to the %s",
	"on our %s floor", "is on our %s", "is in our %s", "is in the %s", "is on the %s",
	"in our %s tonight", "in our %s today", "in our %s right now", "in the %s tonight", "in the %s right now",
	"back in the %s", "back in our %s", "%s patient", "%s baby", "%s babies", "%s kiddo",
	"%s kid", "one of our %s patients", "our %s patient",
}

// addressed are what a clinician tells the person addressed of their
// care, besides the health terms ("your results came back").
var addressed = []string{
	"results", "scan", "scans", "imaging", "shoulder imaging", "knee imaging", "mri", "x-ray", "bloods",
	"blood work", "bloodwork", "labs", "biopsy results", "test results", "post-op", "first post-op",
	"post-op session", "rehab", "physio", "appointment", "follow-up", "follow up", "referral",
	"surgical referral", "prescription", "script", "meds", "medication", "dressing", "stitches",
}

// skip are ontology labels that are everyday words more often than a
// diagnosis ("his cold" is a diagnosis, "her cold hands" is not).
var skip = map[string]bool{
	"cold": true, "obesity": true, "pain": true, "fear": true, "mania": true, "acne": true,
	"cancer": false, "disease": true, "syndrome": true, "disorder": true, "anxiety disorder": false,
	"boil": true, "chill": true, "crush": true, "stitch": true, "tic": true, "gas": true,
}

func main() {
	shared := flag.String("shared", "../shared", "path to the shared folder")
	out := flag.String("out", "rules/packs/health.yaml", "the pack to write")
	flag.Parse()
	terms := map[string]bool{}
	for _, t := range lay {
		terms[t] = true
	}
	n, err := ontology(filepath.Join(*shared, "data/lexicons/medical/disease_ontology_HumanDO.tsv"), terms)
	if err != nil {
		log.Fatal(err)
	}
	list := make([]string, 0, len(terms))
	for t := range terms {
		list = append(list, t)
	}
	sort.Strings(list)
	var b bytes.Buffer
	fmt.Fprintf(&b, `# generated by tools/gendata/health (go run ./tools/gendata/health -shared ../shared); do not edit by hand.
name: health
description: >
  The words for a person's health: conditions, operations, treatments,
  tests and results (%d lay terms written for scrubs, and %d labels of
  one or two words from the Human Disease Ontology, CC0 1.0). With "his"
  or "her" before them ("his chemo", "her dialysis") they are someone's
  health: a name next to them is a patient's (phi.named-health). The
  pack also extends patient-cues with the forms that put someone in a
  unit as a patient ("came into the ER", "on our L&D floor", "an ICU
  patient"). This pack has lists only; the privacy pack's rules read
  them.

lists:
  health-terms:
`, len(lay), n)
	for _, t := range list {
		fmt.Fprintf(&b, "    - %s\n", quote(t))
	}
	// someone's health: "his chemo", "her dialysis" (derived entries:
	// the judge reads the words before each hit of health-terms)
	b.WriteString("  health-possessive:   # \"his chemo\", \"her dialysis\": someone's health\n")
	b.WriteString("    - \"his @health-terms\"\n    - \"her @health-terms\"\n")
	// what a reply to someone says of their health: "your shoulder imaging
	// came back", "your first post-op session" (phi.patient-handle)
	b.WriteString("  addressed-terms:     # besides the health terms, what a clinician tells someone of their care\n")
	for _, t := range addressed {
		fmt.Fprintf(&b, "    - %s\n", quote(t))
	}
	b.WriteString("  your-health:         # \"your chemo\", \"your results\": the health of the person addressed\n")
	b.WriteString("    - \"your @health-terms\"\n    - \"your @addressed-terms\"\n")
	// someone's health is a patient's condition for the re-identification
	// score (with a rare detail, role or publicity, the post is about a
	// patient): "a retired Qantas captain ... after his stroke"
	b.WriteString("  care-status:         # (extends the privacy pack's list)\n")
	b.WriteString("    - \"his @health-terms\"\n    - \"her @health-terms\"\n")
	b.WriteString("  patient-cues:        # (extends the privacy pack's list) someone in a unit as a patient\n")
	seen := map[string]bool{}
	for _, u := range units {
		for _, f := range presence {
			c := fmt.Sprintf(f, u)
			if !seen[c] {
				seen[c] = true
				fmt.Fprintf(&b, "    - %s\n", quote(c))
			}
		}
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d terms\n", *out, len(list))
}

// ontology adds the disease labels of one or two words, in lower case,
// that hold no digit and are no everyday word, and returns how many it
// added.
func ontology(path string, terms map[string]bool) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	added := 0
	first := true
	for sc.Scan() {
		if first {
			first = false // the header
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 2 {
			continue
		}
		l := strings.ToLower(strings.Trim(cols[1], `"`))
		if l == "" || len(strings.Fields(l)) > 2 || len(l) < 4 || skip[l] || terms[l] {
			continue
		}
		if strings.IndexFunc(l, func(r rune) bool { return unicode.IsDigit(r) || r == ',' || r == '(' || r == '/' }) >= 0 {
			continue
		}
		terms[l] = true
		added++
	}
	return added, sc.Err()
}

// quote writes s as a YAML scalar: plain when it is safe, else quoted.
func quote(s string) string {
	if strings.ContainsAny(s, `:#'"{}[],&*!|>%@`+"`") || strings.HasPrefix(s, "-") || s == "yes" || s == "no" || s == "on" || s == "off" {
		return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
	}
	return s
}
