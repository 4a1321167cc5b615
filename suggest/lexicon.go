package suggest

import "strings"

// verbCues are the reporting verbs that introduce direct, indirect or
// statement speech. The value is true for verbs that may take a clausal
// complement (X said that ...), false for those that only attribute a quoted
// phrase (X called the plan "a disgrace").
var verbCues = map[string]bool{
	"say": true, "said": true, "says": true,
	"tell": true, "told": true, "tells": true,
	"state": true, "stated": true, "states": true,
	"add": true, "added": true, "adds": true,
	"emphasised": true, "emphasized": true, "emphasises": true, "emphasizes": true,
	"stressed": true, "stresses": true,
	"warned": true, "warns": true,
	"insisted": true, "insists": true,
	"argued": true, "argues": true,
	"claimed": true, "claims": true,
	"noted": true, "notes": true,
	"explained": true, "explains": true,
	"wrote": true, "writes": true,
	"asked": true, "asks": true,
	"declared": true, "declares": true,
	"announced": true, "announces": true,
	"confirmed": true, "confirms": true,
	"acknowledged": true, "acknowledges": true,
	"admitted": true, "admits": true,
	"replied": true, "replies": true,
	"responded": true, "responds": true,
	"recalled": true, "recalls": true,
	"predicted": true, "predicts": true,
	"promised": true, "promises": true,
	"vowed": true, "vows": true,
	"pledged": true, "pledges": true,
	"suggested": true, "suggests": true,
	"maintained": true, "maintains": true,
	"conceded": true, "concedes": true,
	"cautioned": true, "cautions": true,
	"urged": true, "urges": true,
	"complained": true, "complains": true,
	"observed": true, "remarked": true,
	"reported": true, "reports": true,
	"tweeted": true, "posted": true,
	"demanded": true, "demands": true,
	"denied": true, "denies": true,
	"concluded": true, "concludes": true,
	// Participles after a comma take the speaker of the clause before.
	"adding": true, "saying": true, "warning": true, "noting": true, "arguing": true, "insisting": true,
	"stressing": true, "explaining": true, "claiming": true,
	// Attribute a quoted phrase only.
	"called": false, "calls": false,
	"described": false, "describes": false,
	"accused": false, "accuses": false,
	"dismissed": false, "dismisses": false,
	"denounced": false, "denounces": false,
	"branded": false, "termed": false, "hailed": false,
	"criticised": false, "criticized": false,
	"praised": false, "praises": false, "spoke": false, "speaks": false, "labelled": false, "labeled": false,
	// Tabloid and magazine verbs that introduce a quotation.
	"fumed": false, "raged": false, "blasted": false, "slammed": false, "gushed": false, "joked": false,
	"jokes": false, "laughed": false, "laughs": false, "sobbed": false, "quipped": false, "raved": false,
	"pleaded": false, "begged": false, "shouted": false, "screamed": false, "yelled": false, "whispered": false,
	"exclaimed": false, "snapped": false, "boasted": false, "bragged": false, "sighed": false, "smiled": false,
	"cried": false, "recounted": false,
}

// statementWords mark written sources: a cue near one of them makes the
// suggestion a statement/document.
var statementWords = set("statement", "statements", "communique", "communiqué", "release", "report", "reports",
	"document", "documents", "letter", "memo", "filing", "post", "posting", "tweet", "wrote", "writes",
	"tweeted", "posted", "website", "study", "survey", "bulletin", "declaration", "notice", "ruling",
	"media", "blog", "message", "email", "e-mail", "transcript", "paper", "resolution", "decree", "order")

// documentHeads are nouns that name a document as the subject of a cue.
var documentHeads = set("statement", "report", "document", "letter", "memo", "study", "survey", "communique",
	"figures", "data", "estimates", "records", "papers", "readout", "transcript", "filings", "audit",
	"communiqué", "release", "filing", "ruling", "bulletin", "declaration", "post", "paper", "resolution",
	"decree", "assessment", "review", "analysis", "audit", "investigation", "inquiry")

// titleWords are the role words that may precede a name in a capitalised run
// ("Deputy Foreign Minister Anika Varelo"); the name is what follows the last.
var titleWords = set("president", "vice", "prime", "minister", "deputy", "foreign", "defence", "defense",
	"interior", "finance", "agriculture", "health", "transport", "education", "justice", "economy", "trade",
	"energy", "environment", "secretary", "general", "gen.", "gen", "col.", "colonel", "maj.", "major", "mayor",
	"governor", "gov.", "senator", "sen.", "rep.", "representative", "congressman", "congresswoman",
	"councilman", "councilwoman", "councillor", "councilor", "alderman", "ambassador", "chancellor",
	"spokesman", "spokeswoman", "spokesperson", "commander", "chief", "director", "chairman", "chairwoman",
	"chair", "head", "professor", "prof.", "dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss", "judge",
	"lt.", "lieutenant", "captain", "capt.", "sgt.", "sergeant", "admiral", "king", "queen", "prince",
	"princess", "pope", "bishop", "archbishop", "father", "rabbi", "imam", "sheikh", "acting", "former", "senior",
	"opposition", "leader", "ceo", "executive", "officer", "commissioner", "envoy", "special", "state",
	"attorney", "government", "adviser", "advisor", "analyst", "economist", "researcher", "lawyer", "speaker",
	"coach", "manager", "founder", "editor", "sir", "dame", "lord", "lady", "gov", "sen", "rep")

// orgWords mark a capitalised run as an organisation rather than a person.
var orgWords = set("ministry", "department", "council", "army", "police", "agency", "office", "party", "union",
	"bank", "government", "committee", "court", "commission", "institute", "university", "college", "school",
	"elementary", "academy", "hospital", "association", "group", "federation", "forces", "force", "service",
	"services", "bureau", "authority", "corporation", "company", "co.", "corp.", "inc.", "inc", "ltd", "ltd.",
	"organisation", "organization", "alliance", "front", "movement", "network", "fund", "programme", "program",
	"center", "centre", "foundation", "watch", "times", "news", "press", "embassy", "parliament", "senate",
	"cabinet", "presidency", "district", "rail", "railways", "airlines", "airport", "club", "league", "board",
	"trust", "society", "fbi", "un", "nato", "eu", "reuters", "bbc", "afp", "ap", "guard", "navy", "military",
	"prosecutors", "kremlin", "pentagon", "secretariat", "directorate", "assembly", "congress", "state", "city",
	"county", "region", "republic", "holdings", "partners", "llc", "plc", "gmbh", "industries",
	"enterprises", "airways", "systems", "technologies", "laboratories", "labs", "media", "motors", "station", "times", "herald", "post", "journal", "tribune", "gazette")

// groupHeads are lowercase nouns that can head an unnamed source
// ("officials", "a spokesman for the ministry", "residents").
var groupHeads = set("official", "officials", "spokesman", "spokeswoman", "spokesperson", "spokespeople",
	"minister", "ministers", "ministry", "government", "police", "army", "military", "adviser", "advisers",
	"advisor", "advisors", "aide", "aides", "source", "sources", "diplomat", "diplomats", "analyst", "analysts",
	"expert", "experts", "resident", "residents", "witness", "witnesses", "authority", "authorities", "union",
	"company", "council", "committee", "agency", "office", "department", "prosecutor", "prosecutors",
	"lawyer", "lawyers", "attorney", "attorneys", "doctor", "doctors", "researcher", "researchers", "scientist",
	"scientists", "economist", "economists", "leader", "leaders", "president", "mayor", "governor", "director",
	"chief", "executive", "secretary", "commander", "officer", "officers", "negotiator", "negotiators",
	"activist", "activists", "campaigner", "campaigners", "organiser", "organisers", "organizer", "organizers",
	"farmer", "farmers", "worker", "workers", "parent", "parents", "teacher", "teachers", "student", "students",
	"people", "protesters", "protestors", "observers", "monitors", "critics", "supporters", "opponents", "group",
	"groups", "party", "ministries", "embassy", "court", "judge", "regulator", "regulators", "board", "bank",
	"firm", "operator", "spokesmen", "representative", "representatives", "envoy", "ambassador", "host",
	"counterpart", "owner", "owners", "traders", "driver", "drivers", "nurse", "nurses", "victim", "victims",
	"survivor", "survivors", "villagers", "locals", "member", "members", "lawmaker", "lawmakers", "senator",
	"statement", "report", "document", "letter", "study", "survey", "communique",
	// Tabloid and local-paper sources.
	"insider", "insiders", "pal", "pals", "friend", "friends", "neighbour", "neighbours", "neighbor", "neighbors",
	"fan", "fans", "relative", "relatives", "colleague", "colleagues", "pundit", "pundits", "onlooker",
	"onlookers", "bystander", "passenger", "passengers", "shopper", "customer", "customers", "mum", "dad",
	"wife", "husband", "daughter", "son", "mother", "father", "sister", "brother", "landlord", "landlady",
	"shopkeeper", "owner", "manager", "coach", "player", "players", "staff", "employee", "employees",
	"spokeswoman", "spokesperson", "chairman", "chairwoman", "secretary", "councillor", "councilor",
	"trustee", "trustees", "zoo", "museum", "hospital", "school", "club", "team", "city", "town", "district",
	"airline", "charity", "trust", "regulator", "watchdog", "network", "agency", "operator", "carrier",
	"university", "college", "council", "inquiry", "commission", "polls", "poll", "figures", "data",
	"pair", "couple", "duo", "family", "families", "actress", "actor", "star", "politician", "delegate",
	"delegates", "delegation")

var pronouns = set("he", "she", "they", "it")

var determiners = set("the", "a", "an", "his", "her", "its", "their", "our", "one", "two", "three", "four",
	"several", "many", "some", "most", "other", "another", "this", "that", "these", "those", "both", "each",
	"few", "dozens", "hundreds", "thousands", "local", "senior")

// npBreak are lowercase words that cannot be part of a speaker phrase.
var npBreak = set("and", "but", "or", "nor", "that", "which", "who", "whom", "whose", "while", "as", "because",
	"if", "when", "after", "before", "since", "although", "though", "where", "so", "than", "is", "was", "were",
	"are", "be", "been", "being", "has", "have", "had", "will", "would", "could", "should", "may", "might",
	"can", "did", "do", "does", "not", "to", "also", "then", "whether", "what", "how", "why", "it's", "there",
	"here", "we", "i", "you", "me", "us", "him", "them", "what", "said", "says", "into", "about",
	"against", "over", "under", "through", "between", "during", "without", "within", "until", "unless",
	"once", "just", "only", "even", "still", "yet", "already")

// capBreak are capitalised words at the start of a sentence or clause that
// are not part of a name.
var capBreak = set("on", "in", "at", "but", "and", "yet", "so", "then", "later", "earlier", "meanwhile",
	"however", "also", "still", "asked", "speaking", "after", "before", "when", "while", "if", "as", "for",
	"with", "without", "despite", "since", "although", "last", "this", "that", "these", "those", "there",
	"here", "today", "yesterday", "now", "separately", "instead", "indeed", "moreover", "nevertheless",
	"we", "i", "you", "it", "our", "my", "your", "what", "why", "how", "where", "who", "not", "no", "yes",
	"from", "by", "to", "of", "under", "over", "during", "across", "among", "between", "into", "through")

var timeWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.",
	"nov.", "dec.", "morning", "evening", "night", "afternoon", "week", "month", "year", "today", "yesterday",
	"tonight", "earlier", "later")

// adverbs may stand between a speaker and the verb ("X also said").
var adverbs = set("also", "later", "then", "again", "previously", "recently", "once", "further", "repeatedly",
	"publicly", "privately", "reportedly", "separately", "quickly", "flatly", "has", "have", "had", "would",
	"will", "had", "earlier", "subsequently", "firmly", "angrily", "calmly", "simply", "clearly",
	"initially", "long", "often", "consistently", "already", "last", "yesterday", "today", "tonight", "alone", "himself", "herself", "themselves")

// prepositions start a modifier after a speaker's head noun or a place after
// a verb; a capitalised run right after one is not a person mention.
var prepositions = set("at", "in", "from", "to", "near", "of", "for", "across", "into", "outside", "inside",
	"via", "toward", "towards", "through", "on", "by", "over", "under", "around", "across", "between")

var nameParticles = set("de", "da", "van", "von", "der", "den", "al", "bin", "ibn", "le", "la", "du", "dos",
	"del", "ter", "di", "st.")

// namingWords before a quoted phrase mark it as a name or a title, not speech.
var namingWords = set("titled", "entitled", "dubbed", "so-called", "named", "nicknamed", "labelled", "labeled",
	"known", "headlined", "slogan", "hashtag", "banner", "marked", "reading", "word", "words", "term", "phrase")

var femaleWords = set("she", "her", "ms.", "ms", "mrs.", "mrs", "miss", "spokeswoman", "chairwoman",
	"congresswoman", "councilwoman", "queen", "princess", "dame", "lady", "madam", "businesswoman")

var maleWords = set("he", "his", "mr.", "mr", "spokesman", "chairman", "congressman", "councilman", "king",
	"prince", "sir", "lord", "businessman")

// abbreviations keep their full stop inside a token.
var abbreviations = set("mr", "mrs", "ms", "dr", "prof", "gen", "col", "maj", "lt", "capt", "sgt", "sen", "rep",
	"gov", "st", "jr", "sr", "co", "corp", "inc", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec", "no", "vs", "etc", "adm", "cmdr", "rev", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[strings.ToLower(w)] = true
	}
	return m
}
