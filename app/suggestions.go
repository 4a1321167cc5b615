package app

// suggestionHighlights returns the highlights of the open article's
// suggested quotes (none until suggestions are computed).
func (wb *Workbench) suggestionHighlights() []Highlight { return nil }

// tappedSuggestion selects a clicked suggestion.
func (wb *Workbench) tappedSuggestion(id string) {}
