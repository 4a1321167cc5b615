package annotate

import (
	"fmt"
	"strings"
)

// Manual writes the codebook as a coding manual in Markdown: every
// dimension with what it is coded on, its description, its targets and
// its values with their keys and definitions. The window's coding manual
// and the methods appendix of an export are this one text.
func (cb *Codebook) Manual() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s — version %d\n\n", cb.Name, cb.Version)
	if cb.Description != "" {
		fmt.Fprintf(&b, "%s\n\n", strings.TrimSpace(cb.Description))
	}
	for _, d := range cb.Dimensions {
		fmt.Fprintf(&b, "## %s (`%s`)\n\n", d.Label, d.Key)
		var on []string
		for _, l := range d.Levels {
			on = append(on, map[Level]string{LevelDocument: "whole articles", LevelSpan: "spans of text"}[l])
		}
		how := map[Choice]string{ChoiceSingle: "one value", ChoiceMultiple: "any number of values", ChoiceText: "free text"}[d.Choice]
		fmt.Fprintf(&b, "Coded on %s; %s", strings.Join(on, " and "), how)
		if len(d.Targets) > 0 {
			fmt.Fprintf(&b, " for each target: %s", strings.Join(d.Targets, ", "))
		}
		if d.Within != "" {
			fmt.Fprintf(&b, "; must be one of the values chosen for `%s`", d.Within)
		}
		b.WriteString(".\n\n")
		if d.Description != "" {
			fmt.Fprintf(&b, "%s\n\n", strings.TrimSpace(d.Description))
		}
		for _, v := range d.Values {
			key := ""
			if v.Shortcut != "" {
				key = fmt.Sprintf(" — key **%s**", v.Shortcut)
			}
			fmt.Fprintf(&b, "- **%s** (`%s`)%s", v.Label, v.Key, key)
			if v.Description != "" {
				fmt.Fprintf(&b, ": %s", strings.TrimSpace(v.Description))
			}
			b.WriteString("\n")
		}
		if len(d.Values) > 0 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// Guide says in a few lines how to code dimension d: its description, then
// each value with its key and definition; the value chosen is marked.
func (d *Dimension) Guide(chosen string) string {
	var lines []string
	if d.Description != "" {
		lines = append(lines, strings.TrimSpace(d.Description))
	}
	for _, v := range d.Values {
		mark := "  "
		if v.Key == chosen {
			mark = "▸ "
		}
		line := mark
		if v.Shortcut != "" {
			line += v.Shortcut + "  "
		}
		line += v.Label
		if v.Description != "" {
			line += " — " + strings.TrimSpace(v.Description)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
