package markup

import (
	"fmt"
	"strings"

	"github.com/scrubs-dev/scrubs/model"
)

// Directives finds inline suppressions in a source file:
//
//	<!-- scrubs:ignore phi.patient-name -- consent on file, form 2291 -->
//	<!-- scrubs:ignore-file profanity -- quoting a patient's complaint -->
//
// "scrubs:ignore" applies to its own line and the next; "ignore-file" to the
// whole file. Several rules may be given, separated by commas. A reason is
// required: a directive without one is returned as a problem, not applied.
func Directives(src string) (out []model.Suppression, problems []string) {
	for n, line := range strings.Split(src, "\n") {
		k := strings.Index(line, "scrubs:ignore")
		if k < 0 {
			continue
		}
		rest := line[k+len("scrubs:ignore"):]
		whole := strings.HasPrefix(rest, "-file")
		if whole {
			rest = rest[len("-file"):]
		}
		rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "-->"))
		ids, reason, _ := strings.Cut(rest, "--")
		if sp := strings.IndexAny(ids, " \t"); sp > 0 && reason == "" {
			ids, reason = ids[:sp], ids[sp:]
		}
		reason = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(reason), "*/"))
		ids = strings.TrimSpace(ids)
		if ids == "" || len(reason) < 3 {
			problems = append(problems, fmt.Sprintf("line %d: scrubs:ignore needs a rule and a reason (scrubs:ignore RULE -- why)", n+1))
			continue
		}
		for _, id := range strings.Split(ids, ",") {
			if id = strings.TrimSpace(id); id != "" {
				s := model.Suppression{Rule: id, Reason: reason, Line: n + 1}
				if whole {
					s.Line = 0
				}
				out = append(out, s)
			}
		}
	}
	return out, problems
}
