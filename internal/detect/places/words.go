package places

// countries are sovereign states and common short forms. Countries are
// larger than a state, so they are emitted with a low score only.
var countries = []string{
	"Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia", "Australia",
	"Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium",
	"Belize", "Benin", "Bhutan", "Bolivia", "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei",
	"Bulgaria", "Burkina Faso", "Burundi", "Cambodia", "Cameroon", "Canada", "Cape Verde",
	"Central African Republic", "Chad", "Chile", "China", "Colombia", "Comoros", "Congo",
	"Costa Rica", "Croatia", "Cuba", "Cyprus", "Czech Republic", "Czechia", "Denmark", "Djibouti",
	"Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Eritrea", "Estonia", "Eswatini",
	"Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia", "Germany", "Ghana", "Greece",
	"Greenland", "Grenada", "Guatemala", "Guinea", "Guyana", "Haiti", "Honduras", "Hong Kong", "Hungary",
	"Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Ivory Coast",
	"Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos",
	"Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg",
	"Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta", "Mauritania", "Mauritius",
	"Mexico", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar",
	"Namibia", "Nepal", "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea",
	"North Macedonia", "Norway", "Oman", "Pakistan", "Palestine", "Panama", "Papua New Guinea",
	"Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Puerto Rico", "Qatar", "Romania",
	"Russia", "Rwanda", "Saudi Arabia", "Senegal", "Serbia", "Sierra Leone", "Singapore", "Slovakia",
	"Slovenia", "Somalia", "South Africa", "South Korea", "South Sudan", "Spain", "Sri Lanka", "Sudan",
	"Suriname", "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand",
	"Togo", "Trinidad and Tobago", "Tunisia", "Turkey", "Turkmenistan", "Uganda", "Ukraine",
	"United Arab Emirates", "United Kingdom", "United States", "United States of America", "Uruguay",
	"Uzbekistan", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe", "USA", "UK", "England",
	"Scotland", "Wales", "Northern Ireland", "Great Britain",
}

// stateAbbr are USPS state and territory codes.
var stateAbbr = map[string]bool{
	"al": true, "ak": true, "az": true, "ar": true, "ca": true, "co": true, "ct": true, "de": true,
	"dc": true, "fl": true, "ga": true, "hi": true, "id": true, "il": true, "in": true, "ia": true,
	"ks": true, "ky": true, "la": true, "me": true, "md": true, "ma": true, "mi": true, "mn": true,
	"ms": true, "mo": true, "mt": true, "ne": true, "nv": true, "nh": true, "nj": true, "nm": true,
	"ny": true, "nc": true, "nd": true, "oh": true, "ok": true, "or": true, "pa": true, "ri": true,
	"sc": true, "sd": true, "tn": true, "tx": true, "ut": true, "vt": true, "va": true, "wa": true,
	"wv": true, "wi": true, "wy": true, "pr": true, "gu": true, "vi": true,
}

// stop words never start or continue a place name.
var stop = map[string]bool{
	"the": true, "a": true, "an": true, "at": true, "in": true, "to": true, "from": true, "of": true,
	"and": true, "or": true, "on": true, "for": true, "with": true, "by": true, "i": true, "we": true,
	"he": true, "she": true, "they": true, "it": true, "is": true, "was": true, "my": true, "our": true,
	"his": true, "her": true, "their": true, "this": true, "that": true, "pt": true, "patient": true,
	"if": true, "but": true, "so": true, "as": true, "be": true, "are": true, "no": true, "not": true,
	"you": true, "me": true, "us": true, "s": true, "will": true, "after": true, "before": true,
	"last": true, "next": true, "then": true, "when": true, "where": true, "who": true, "what": true,
	"today": true, "tomorrow": true, "yesterday": true, "tonight": true, "via": true, "per": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true, "april": true,
	"may": true, "june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "dr": true, "mr": true, "mrs": true, "ms": true, "mx": true,
	"am": true, "pm": true, "have": true, "has": true, "had": true, "do": true, "did": true,
}

// street type words that end a street name after a house number.
var streetSuffix = map[string]bool{
	"street": true, "st": true, "str": true, "avenue": true, "ave": true, "av": true, "road": true,
	"rd": true, "boulevard": true, "blvd": true, "drive": true, "dr": true, "lane": true, "ln": true,
	"way": true, "court": true, "ct": true, "circle": true, "cir": true, "place": true, "pl": true,
	"terrace": true, "ter": true, "parkway": true, "pkwy": true, "highway": true, "hwy": true,
	"route": true, "rte": true, "trail": true, "trl": true, "loop": true, "square": true, "sq": true,
	"plaza": true, "pike": true, "turnpike": true, "alley": true, "row": true, "crescent": true,
	"close": true, "gardens": true, "grove": true, "heights": true, "walk": true, "crossing": true,
	"point": true, "pass": true, "gateway": true, "cove": true, "coves": true, "green": true,
	"greens": true, "mall": true, "rapids": true, "summit": true, "bridge": true, "forges": true,
	"radial": true, "prairie": true, "crossroad": true, "dam": true, "points": true, "courts": true,
	"expressway": true, "expy": true, "freeway": true, "fwy": true, "ridge": true, "hill": true,
	"hills": true, "park": true, "wharf": true, "quay": true, "mews": true, "esplanade": true,
	"causeway": true, "junction": true, "estates": true, "view": true, "meadows": true, "glen": true,
	"hollow": true, "harbor": true, "landing": true, "station": true, "track": true, "union": true,
	"club": true, "shore": true, "shores": true, "springs": true, "village": true, "villages": true,
	"vista": true, "well": true, "wells": true, "manor": true, "mill": true, "mills": true,
}

// streetLead are words that start a street name in many languages
// ("Rue de la Gare 12", "ul. Miła 53", "Via Roma 131").
var streetLead = map[string]bool{
	"rue": true, "rua": true, "rúa": true, "via": true, "viale": true, "avenida": true, "avda": true,
	"calle": true, "carrer": true, "ul": true, "ulica": true, "strada": true, "piazza": true,
	"plac": true, "avenue": true, "boulevard": true, "chemin": true, "allée": true, "estrada": true,
	"travessa": true, "largo": true, "praça": true, "camino": true, "paseo": true, "ronda": true,
	"corso": true, "vicolo": true, "trg": true, "cesta": true, "ulice": true, "aleja": true,
	"platz": true, "rambla": true, "avinguda": true,
}

// streetTail are words that end a foreign street name before the number
// ("Kálmán Imre u. 12.", "Rákóczi út 13.", "Luite tee 87").
var streetTail = map[string]bool{
	"u": true, "út": true, "utca": true, "tér": true, "körút": true, "rkp": true, "str": true,
	"tee": true, "põik": true, "gade": true, "vej": true, "gata": true, "gatan": true, "vägen": true,
	"veien": true, "vegen": true, "katu": true, "tie": true, "laan": true, "straat": true, "weg": true,
	"gasse": true, "strasse": true, "straße": true, "markt": true, "kapu": true, "sor": true,
}

// streetCompound are endings of one-word street names
// ("Bundesstrasse", "Magasinsgatan", "Hersnapvej", "Kiannonkatu").
var streetCompound = []string{
	"strasse", "straße", "gasse", "weg", "vej", "gade", "gata", "gatan", "vägen", "veien", "vegen",
	"katu", "tie", "laan", "straat", "dreef", "utca", "platz", "allee", "graben", "braut", "vegur",
	"stræti", "steig", "damm", "kuja", "väg", "gränd", "stig", "ringen", "tanya", "ulica", "mark",
}

// unitWords introduce a secondary address unit.
var unitWords = map[string]bool{
	"apt": true, "apartment": true, "suite": true, "ste": true, "unit": true, "flat": true,
	"floor": true, "fl": true, "bldg": true, "building": true, "lot": true,
}

// facility heads: a capitalised name before them is a facility.
// strength 2: strong (hospital, clinic); 1: needs a distinctive name or cue.
var hospitalHead = map[string]int{
	"hospital": 2, "hosp": 2, "hospitals": 2, "clinic": 2, "clinics": 2, "infirmary": 2,
	"hospice": 2, "sanatorium": 2, "healthcenter": 2, "healthcare": 1, "health": 1,
	"memorial": 1, "general": 1, "regional": 1, "presbyterian": 1, "methodist": 1, "baptist": 1,
	"adventist": 1, "va": 1, "rehab": 1, "rehabilitation": 1, "pavilion": 1, "campus": 1,
	"office": 1, "institute": 1, "med": 1, "medicine": 1, "langone": 2, "permanente": 2,
}

// facilityHead marks non-medical named places (Sub "facility").
var facilityHead = map[string]int{
	"school": 2, "academy": 2, "church": 2, "college": 1, "university": 1, "prison": 2, "jail": 2,
	"house": 1, "manor": 1, "shelter": 2, "facility": 1, "center": 1,
	"centre": 1, "cathedral": 2, "synagogue": 2, "mosque": 2, "temple": 1, "club": 1,
	"elementary": 2, "ctr": 1, "group": 1, "factory": 1, "plant": 1, "mill": 1, "warehouse": 1, "mall": 1,
	"assisted": 1,
}

// hospital-ish words that may appear lower-case before a head
// ("county hospital", "city clinic").
// holidayW are holidays that are also the names of towns (Christmas,
// Florida; Easter, Texas): alone, the word means the day.
var holidayW = map[string]bool{"christmas": true, "easter": true, "thanksgiving": true, "halloween": true, "hanukkah": true, "diwali": true, "passover": true}

var genericLead = map[string]bool{
	"county": true, "city": true, "general": true, "memorial": true, "community": true,
	"regional": true, "university": true, "children's": true, "childrens": true, "state": true,
	"medical": true, "health": true, "mercy": true, "downtown": true, "cancer": true,
	"women's": true, "veterans": true, "sacred": true, "holy": true,
}

// hospital unit words that may follow a named hospital ("Mercy West ED").
var unitAfter = map[string]bool{
	"ed": true, "er": true, "ew": true, "icu": true, "micu": true, "sicu": true, "ccu": true,
	"cicu": true, "nicu": true, "picu": true, "tcu": true, "csru": true, "pacu": true, "or": true,
	"cath": true, "l&d": true, "ob": true, "rehab": true, "campus": true, "tower": true,
	"wing": true, "pavilion": true, "annex": true,
}

var compass = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "n": true, "s": true, "e": true, "w": true,
	"northeast": true, "northwest": true, "southeast": true, "southwest": true,
}

// cues before a place, and how strongly they announce one: 2 introduces
// even an unknown capitalised name; 1 supports a gazetteer hit.
var cue1 = map[string]int{
	"at": 1, "in": 1, "to": 1, "from": 1, "into": 1, "near": 1, "@": 1, "outside": 1,
	"toward": 1, "towards": 1, "around": 1, "visiting": 1, "visit": 1, "by": 1, "via": 1,
}

// two-word cues (previous word, cue word).
var cue2 = map[[2]string]bool{
	{"lives", "in"}: true, {"live", "in"}: true, {"living", "in"}: true, {"lived", "in"}: true,
	{"flew", "to"}: true, {"moved", "to"}: true, {"moving", "to"}: true, {"move", "to"}: true,
	{"based", "in"}: true, {"transferred", "to"}: true, {"transferred", "from"}: true,
	{"transfered", "to"}: true, {"transfered", "from"}: true, {"transfer", "to"}: true,
	{"transfer", "from"}: true, {"admitted", "to"}: true, {"admitted", "from"}: true,
	{"adm", "to"}: true, {"adm", "from"}: true, {"originally", "from"}: true, {"here", "from"}: true,
	{"travelling", "to"}: true, {"traveling", "to"}: true, {"vacationing", "in"}: true,
	{"vacation", "in"}: true, {"returned", "to"}: true, {"return", "to"}: true, {"trip", "to"}: true,
	{"located", "in"}: true, {"resident", "of"}: true, {"born", "in"}: true, {"grew", "up"}: true,
	{"sent", "to"}: true, {"taken", "to"}: true, {"went", "to"}: true, {"seen", "at"}: true,
	{"discharged", "to"}: true, {"arrived", "from"}: true, {"brought", "to"}: true, {"came", "from"}: true,
	{"home", "city"}: true, {"city", "of"}: true, {"town", "of"}: true, {"works", "in"}: true,
	{"work", "in"}: true, {"i'm", "in"}: true, {"im", "in"}: true, {"stay", "in"}: true,
	{"staying", "in"}: true, {"visiting", "from"}: true, {"flown", "to"}: true, {"driven", "to"}: true,
	{"followed", "at"}: true, {"treated", "at"}: true, {"accepted", "at"}: true, {"accepted", "to"}: true,
	{"admission", "to"}: true, {"presented", "to"}: true, {"presenting", "to"}: true,
	{"screened", "by"}: true, {"med", "flighted"}: true, {"flighted", "to"}: true,
	{"home", "city"}: true,
}

// cue2Second are second words of two-word cues that are not cues alone
// ("home city").
var cue2Second = map[string]bool{"city": true}

// placeType words end a place name ("Mill Village", "Cedar Springs").
var placeType = map[string]bool{
	"village": true, "town": true, "city": true, "springs": true, "heights": true, "falls": true,
	"beach": true, "harbor": true, "harbour": true, "valley": true, "creek": true, "lake": true,
	"hills": true, "park": true, "junction": true, "crossing": true, "landing": true, "township": true,
	"bay": true, "point": true, "ridge": true, "grove": true,
}

// one-word strong cues directly before a place.
var cueStrong = map[string]bool{
	"where": true, "lives": true, "located": true, "headquartered": true, "hometown": true,
	"transferred": true, "transfered": true,
}

// notName are modifiers that make a facility phrase generic ("outside
// hospital", "the local clinic").
var notName = map[string]bool{
	"outside": true, "other": true, "another": true, "local": true, "nearby": true, "previous": true,
	"prior": true, "same": true, "current": true, "different": true, "private": true, "any": true,
	"every": true, "osh": true, "each": true, "your": true, "psychiatric": true, "including": true,
	"our": true, "their": true, "his": true, "her": true, "new": true, "old": true, "home": true,
}

// strongSuffix are street types that end a street name even after
// ordinary words ("123 Main St", "45 Oak Avenue").
var strongSuffix = map[string]bool{
	"street": true, "st": true, "avenue": true, "ave": true, "road": true, "rd": true, "boulevard": true,
	"blvd": true, "drive": true, "dr": true, "lane": true, "ln": true, "court": true, "ct": true,
	"circle": true, "cir": true, "place": true, "pl": true, "terrace": true, "parkway": true, "pkwy": true,
	"highway": true, "hwy": true, "way": true, "trail": true, "square": true, "plaza": true, "pike": true,
	"route": true, "alley": true, "crescent": true, "str": true,
}

// eponymNext: a place name followed by these is an eponym ("Framingham
// risk score", "Glasgow coma scale"), not a place.
var eponymNext = map[string]bool{
	"risk": true, "score": true, "criteria": true, "scale": true, "classification": true,
	"sign": true, "syndrome": true, "disease": true, "trial": true, "study": true, "protocol": true,
	"coma": true, "heart": false, "equation": true, "formula": true, "rule": true, "rules": true,
	"stage": true, "staging": true, "ankle": true, "knee": true, "c-spine": true, "grade": true, "virus": true, "fever": true, "type": true,
}

// knownFacilities are well-known US health systems whose usual short
// names are not derivable from the CMS list by rule.
var knownFacilities = []string{
	"Memorial Sloan Kettering", "Sloan Kettering", "MD Anderson", "Mayo Clinic", "Kaiser Permanente",
	"Baylor Scott & White", "NYU Langone", "Mass General", "Cedars Sinai", "Cedar Sinai",
	"John Hopkins", "Johns Hopkins", "Mount Sinai", "Mt Sinai", "NewYork-Presbyterian",
	"New York-Presbyterian", "NY Presbyterian", "NY-Presbyterian", "Brigham and Women's",
	"Cleveland Clinic", "Stanford Health", "Stanford Health Care", "Stanford Children's", "UCLA Health",
	"UCSF Health", "Penn Medicine", "Yale New Haven", "Duke Health", "Mass Eye and Ear",
	"Dana-Farber", "Beth Israel", "Northwestern Memorial", "Rush University", "Vanderbilt",
	"Geisinger", "Intermountain", "Ochsner", "Sutter Health", "Providence", "Kaiser",
	"UCLA", "UCSF", "UCSD", "UPMC", "NYU", "OHSU", "UWMC", "CHOP", "MUSC", "UAB", "MGH", "BWH",
	"BIDMC", "UCHealth", "BronxCare",
}

// cityShort are common short names of large US cities.
var cityShort = []string{"New York", "NYC", "Philly", "NOLA", "SoCal", "NorCal"}
