// Package model holds the data types that flow through scrubs: the post to
// check (with its context), the findings about it and the report. It has no
// behaviour beyond small helpers so every other package can depend on it.
package model

import "time"

// Severity of a finding. Only warn and block count as flags.
type Severity string

const (
	Info  Severity = "info"
	Warn  Severity = "warn"
	Block Severity = "block"
)

// Rank orders severities: info < warn < block. Unknown values rank 0.
func (s Severity) Rank() int {
	switch s {
	case Info:
		return 1
	case Warn:
		return 2
	case Block:
		return 3
	}
	return 0
}

// ParseSeverity accepts info, warn or block (and "none" as rank 0 / "").
func ParseSeverity(s string) (Severity, bool) {
	switch Severity(s) {
	case Info, Warn, Block:
		return Severity(s), true
	case "none", "":
		return "", true
	}
	return "", false
}

// Verdict of a whole post.
type Verdict string

const (
	OK      Verdict = "ok"
	Review  Verdict = "review"
	Blocked Verdict = "block"
)

// VerdictOf is block if any finding blocks, review if any warns, else ok.
func VerdictOf(fs []Finding) Verdict {
	v := OK
	for i := range fs { // by index: a range by value copies each finding
		switch fs[i].Severity {
		case Block:
			return Blocked
		case Warn:
			v = Review
		}
	}
	return v
}

// Categories are the fifteen stable finding categories of spec/categories.md.
const (
	PatientPrivacy        = "patient-privacy"
	PatientBoundary       = "patient-boundary"
	Credentials           = "credentials"
	ConflictOfInterest    = "conflict-of-interest"
	MisleadingClaims      = "misleading-claims"
	Discrimination        = "discrimination"
	Disparagement         = "disparagement"
	Profanity             = "profanity"
	SexualContent         = "sexual-content"
	Intoxication          = "intoxication"
	PoliticalEndorsement  = "political-endorsement"
	MissingDisclaimer     = "missing-disclaimer"
	Copyright             = "copyright"
	SelfPrivacy           = "self-privacy"
	UnprofessionalConduct = "unprofessional-conduct"
)

// Categories lists every category ID in the order of categories.md.
var Categories = []string{
	PatientPrivacy, PatientBoundary, Credentials, ConflictOfInterest, MisleadingClaims,
	Discrimination, Disparagement, Profanity, SexualContent, Intoxication,
	PoliticalEndorsement, MissingDisclaimer, Copyright, SelfPrivacy, UnprofessionalConduct,
}

// Author describes who writes the post.
type Author struct {
	Role string `json:"role,omitempty"` // physician|resident|student|nurse|pa|np|other
	Bio  string `json:"bio,omitempty"`
}

// ReplyTo is the post being answered.
type ReplyTo struct {
	Text   string `json:"text,omitempty"`
	Author string `json:"author,omitempty"`
}

// Media is an attached photo or video.
type Media struct {
	Path string `json:"path,omitempty"`
	Alt  string `json:"alt,omitempty"`
}

// Post is a draft or a published post with the context that decides how it
// is judged. Missing context means unknown, not safe.
type Post struct {
	ID        string   `json:"id,omitempty"`
	Text      string   `json:"text"`
	Platform  string   `json:"platform,omitempty"`
	Author    Author   `json:"author,omitempty"`
	Account   string   `json:"account,omitempty"`  // personal|professional|organization
	Audience  string   `json:"audience,omitempty"` // public|followers|friends|private
	ReplyTo   *ReplyTo `json:"reply_to,omitempty"`
	DM        bool     `json:"dm,omitempty"`
	Media     []Media  `json:"media,omitempty"`
	CreatedAt string   `json:"created_at,omitempty"`
	// Suppress silences findings with a stated reason (inline
	// "scrubs:ignore" comments in a file, or given in JSONL input).
	Suppress []Suppression `json:"suppress,omitempty"`
}

// Suppression silences one rule (or a whole category) with a reason, on a
// line of the text and the line after it, or (Line 0) everywhere.
type Suppression struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
	Line   int    `json:"line,omitempty"`
}

// Created parses CreatedAt (RFC 3339); the zero time when absent or invalid.
func (p *Post) Created() time.Time {
	t, err := time.Parse(time.RFC3339, p.CreatedAt)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Finding is one problem found in a post.
type Finding struct {
	Rule       string   `json:"rule"`
	Category   string   `json:"category"`
	Severity   Severity `json:"severity"`
	Clause     string   `json:"clause,omitempty"`
	Message    string   `json:"message"`
	Fix        string   `json:"fix,omitempty"`
	Start      *int     `json:"start,omitempty"` // UTF-8 byte offsets into Post.Text, end exclusive
	End        *int     `json:"end,omitempty"`
	Text       string   `json:"text,omitempty"`  // exactly Post.Text[Start:End]
	Media      *int     `json:"media,omitempty"` // index into Post.Media when the finding is about a photo
	Field      string   `json:"field,omitempty"` // "text" (default), "alt", "exif", "bio"
	Confidence float64  `json:"confidence,omitempty"`
	Evidence   []string `json:"evidence,omitempty"`
	// SuppressedBy is the reason given when an inline suppression silenced it.
	SuppressedBy string `json:"suppressed_by,omitempty"`
}

// Span returns the byte span and whether the finding has one.
func (f *Finding) Span() (int, int, bool) {
	if f.Start == nil || f.End == nil {
		return 0, 0, false
	}
	return *f.Start, *f.End, true
}

// Report is the result of checking one post.
type Report struct {
	ID       string    `json:"id,omitempty"`
	Verdict  Verdict   `json:"verdict"`
	Findings []Finding `json:"findings"`
	// ReidScore is the re-identification risk score in [0,1] (see docs/reid.md).
	ReidScore float64  `json:"reid_score,omitempty"`
	Warnings  []string `json:"warnings,omitempty"`
	// Suppressed lists findings silenced by a suppression, with its reason;
	// they do not count towards the verdict.
	Suppressed []Finding `json:"suppressed,omitempty"`
	Error      string    `json:"error,omitempty"`
}

// Entity is one identifier found by de-identification.
type Entity struct {
	Type  string `json:"type"` // NAME DATE AGE LOCATION PHONE FAX EMAIL URL IP ID OTHER
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Sub   string `json:"subtype,omitempty"`
}

// Deidentified is the result of de-identifying one text.
type Deidentified struct {
	ID       string   `json:"id,omitempty"`
	Text     string   `json:"text"`
	Entities []Entity `json:"entities"`
	Error    string   `json:"error,omitempty"`
}
