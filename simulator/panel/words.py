"""The words the panel reader knows: honorifics, title words, words that are never names,
and the tests on one token ("Director" is a title head, "CTO" an acronym)."""

from __future__ import annotations

import re
import unicodedata

from simulator.name_words import could_be_name

MAX_NAME_WORDS = 4

HONORIFICS = {
    "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "matron",
    "sister", "judge", "cllr", "councillor", "rev", "dean", "capt", "fr", "sr", "revd",
    "engr", "me", "maître", "maitre", "mme", "mlle", "herr", "frau", "ing", "dhr", "mw", "lic",
    "sra", "srta", "dña",
    "dipl", "maestro", "mevr", "shri", "smt", "dato", "datin", "datuk", "khun", "ma'am",
    "atty", "encik", "puan", "tuan", "dott", "panie", "pani", "sgt", "cpl", "lt", "insp",
    "supt", "det", "cdr", "cmdr", "alhaji", "alhaja", "hajia", "hajiya", "canon", "dra",
    "madam", "madame", "oga", "kuya", "mzee", "aunty", "auntie", "uncle", "matua", "whaea",
    "adv", "hon", "pastor", "brig", "col", "maj", "gen", "cpt", "wo", "pc", "dsp", "asp",
    "sqn", "ldr", "wg", "cdre", "adm", "mej", "kol", "mdm", "eng", "bey", "hanım", "hanim",
    "efendi", "herrn", "señor", "señora", "senhor", "senhora", "signor", "signora", "monsieur", "ir",
    "mevrouw", "heer",
}  # fmt: skip
# Honorifics written after a name ("Mehmet Bey", "Ayşe Hanım").
POST_NAME_HONORIFICS = {"bey", "hanım", "hanim", "efendi", "hanimefendi"}
# Honorifics that are also job titles: "Matron Helen Ose" is a matron.
TITLE_HONORIFICS = {"matron", "sister", "judge", "councillor", "cllr", "professor", "prof", "dean"}
PARTICLES = {
    "van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "bin", "al", "el", "del",
    "dos", "das", "ter", "ten", "mac", "ni", "ní", "ó", "binte", "binti", "bint", "ap",
    "dela", "delos", "della", "dei", "degli", "zu", "vom", "'t", "’t",
    "s/o", "d/o", "a/l", "a/p",  # son of, daughter of: "Suresh s/o Ramasamy"
}  # fmt: skip
# Words that, alone, make a phrase a job title.
TITLE_HEADS = {
    "head", "director", "manager", "lead", "leader", "partner", "associate", "chief", "officer",
    "vp", "svp", "evp", "president", "principal", "matron", "nurse", "consultant", "engineer",
    "headteacher", "headmaster", "headmistress", "teacher", "deputy", "supervisor",
    "coordinator", "co-ordinator", "specialist", "chef", "owner", "founder", "ceo", "cfo",
    "cto", "coo", "cio", "cmo", "cpo", "hr", "recruiter", "analyst", "adviser", "advisor",
    "controller", "superintendent", "inspector", "editor", "producer", "trustee", "chair",
    "chairman", "chairwoman", "chairperson", "governor", "registrar", "surgeon", "physician",
    "architect", "accountant", "executive", "administrator", "commissioner", "lecturer",
    "foreman", "captain", "sergeant", "counsel", "solicitor", "barrister", "attorney",
    "paralegal", "pharmacist", "midwife", "therapist", "clerk", "secretary", "treasurer",
    "auditor", "buyer", "planner", "scientist", "designer", "developer", "technician",
    "presenter", "agent", "handler", "educator", "investigator", "co-investigator",
    "pi", "writer", "reporter", "pilot", "doctor", "dentist", "vet", "veterinarian",
    "paramedic", "practitioner", "clinician", "physio", "optometrist", "radiographer",
    "tutor", "professor", "fellow", "researcher", "economist", "actuary", "underwriter",
    "broker", "trader", "surveyor", "estimator", "mechanic", "electrician", "operator",
    "steward", "purser", "receptionist", "assistant", "lawyer", "magistrate", "trainer",
    "instructor", "coach", "curator", "librarian", "archivist", "programmer", "mgr", "dir",
    "gm", "md", "senco", "worker", "caseworker", "marketer", "copywriter", "merchandiser",
    "dispatcher", "sister", "co-founder", "cofounder", "proprietor", "proprietress", "commander",
    "rep", "representative", "admin", "member", "geriatrician", "paediatrician",
    "pediatrician", "dietitian", "dietician", "optician", "statistician", "obstetrician",
    "musician", "historian", "custodian", "assessor", "postdoc", "publisher", "chaplain",
    "warden", "bursar", "adjuster", "forester", "gerente", "directora", "directeur",
    "directrice", "jefe", "jefa", "leiter", "leiterin", "inhaber", "responsable", "rector",
    "churchwarden", "provost", "chancellor", "vice-chancellor", "ranger", "keeper",
    "conductor", "concertmaster", "reader", "whip", "housekeeper", "quant", "co-i", "porter",
    "caretaker", "banker", "kierownik", "dyrektor", "prezes", "exec", "hod", "in-charge",
    "constable", "coordenador", "coordenadora", "coordinador", "coordinadora", "diretor", "diretora", "direttore",
    "direttrice", "responsabile", "chargé", "chargée", "referent", "referentin", "hoofd",
    "stylist", "hairdresser", "plumber", "welder", "hygienist", "właściciel", "właścicielka",
    "szef", "szefowa", "kierowniczka", "księgowa", "księgowy", "eigenaar", "eigenaresse",
    "dueño", "dueña", "propietario", "propietaria", "proprietário", "proprietária",
    "administrador", "administradora", "encargado", "encargada", "gérant", "gérante",
    "inhaberin", "vorstand", "caporedattore", "redattore", "coordinatrice", "coordinateur",
    "socio", "socia", "sócio", "sócia", "medewerker", "teamleider", "bedrijfsleider",
    # Nordic, Finnish, Czech, Turkish, Italian, Romanian, Hungarian and Japanese heads
    "rektor", "prorektor", "rehtori", "apulaisrehtori", "johtaja", "päällikkö", "esihenkilö",
    "sykepleier", "sjuksköterska", "konsulent", "rådgivare", "socialsekreterare",
    "handläggare", "vedoucí", "ředitel", "ředitelka", "konstruktér", "müdür", "müdürü",
    "yönetici", "yöneticisi", "direktörü", "direktör", "mühendis", "mühendisi", "şef", "şefi",
    "dirigente", "ricercatore", "ricercatrice", "professore", "professoressa", "primario",
    "ingegnere", "inginer", "vezető", "igazgató", "menedzser", "bucho", "buchō", "kacho",
    "kachō", "shacho", "shachō", "dekan", "dziekan", "prodziekan", "instruktor",
    "instruktorka", "disponent", "disponentin", "analista", "subdirector", "subdirectora",
    "instructora", "adviseur", "adviseuse", "master", "sommelier", "sumiller", "adon", "ddon",
    "cnm", "associé", "associée", "avocat", "avocate", "responsável", "presidente", "presidenta",
    "président", "présidente", "tecnologo", "tecnologa", "ingénieur", "ingénieure", "ingeniero",
    "ingeniera", "engenheiro", "engenheira", "investigador", "investigadora", "chercheur",
    "chercheuse", "generalista", "pilote", "piloto", "vicedirettore", "vicedirettrice",
    "conservatore", "conservatrice", "conservateur", "referente", "titolare", "amministratore",
    "amministratrice", "caporeparto", "segretario", "segretaria", "funzionario", "funzionaria",
    "consulente", "avvocato", "avvocata", "infermiere", "infermiera", "entrenador",
    "entrenadora", "enólogo", "enóloga", "abogado", "abogada", "asesor", "asesora",
    "consultor", "consultora", "contador", "contadora", "supervisora", "encarregado",
    "encarregada", "advogado", "advogada", "propriétaire", "adjoint", "adjointe", "cheffe",
    "professorin", "metalurgista", "proprietario", "proprietaria",
}  # fmt: skip
# Endings of compound titles in other languages ("Bibliotekschef", "Enhetsleder").
_HEAD_ENDINGS = (
    "chef", "sjef", "leder", "leiter", "leiterin", "direktor", "direktør", "rådgiver", "leider",
    "arzt", "ärztin", "führer", "führerin", "medewerker", "sykepleier", "johtaja",
    "päällikkö", "vezető", "müdürü", "yöneticisi", "sekreterare", "ingeniør", "ingenjör",
    "direktorin", "vorsitzende", "vorsitzender", "hoofd", "adviseur", "referentin",
    "ingenieur", "ingenieurin",
)  # fmt: skip
# Words of a title: its heads, and the words that only extend one ("Senior", "Ward").
TITLE_WORDS = TITLE_HEADS | {
    "senior", "assistant", "representative", "rep", "staff", "sous", "programme", "program",
    "operations", "people", "talent", "acquisition", "vice", "general", "managing", "team",
    "division", "department", "unit", "practice", "ward", "store", "site", "area", "regional",
    "clinical", "nursing", "engineering", "product", "finance", "sales", "marketing", "legal",
    "service", "services", "ops", "technical", "junior", "principal", "executive", "deputy",
    "associate", "account", "line", "land", "studio", "curriculum", "commissioning", "gp",
    "social", "data", "research", "fleet", "safety", "health", "quality", "digital", "hr",
    "chief", "head", "lead", "interim", "acting", "co", "group", "global", "national",
    "local", "district", "charge", "duty", "shift", "night", "training", "learning", "risk",
    "credit", "compliance", "policy", "partnerships", "development", "business", "customer", "client",
    "contracts", "grade", "band", "cabinet", "works", "theatre", "pharmacy", "crew", "design", "content",
}  # fmt: skip
# Capitalised words that are not names.
NOT_NAMES = {
    "sl", "ppl",  # a table's "Sl" (serial) column, "6 ppl"
    "i", "i'll", "i'm", "i've", "i'd", "you'll", "you're", "we'll", "we're", "they'll",
    "it'll", "that's", "there's", "she'll", "he'll", "you've", "the", "a", "an", "and", "or", "with", "our", "my",
    "your", "their", "his", "her", "we", "you", "they", "he", "she", "it", "this", "that",
    "from", "for", "of", "to", "in", "on", "at", "by", "as", "also", "plus", "then", "one",
    "two", "three", "four", "both", "someone", "somebody", "panel", "interview", "interviews",
    "round", "first", "second", "final", "next", "last", "today", "tomorrow", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "zoom", "teams", "hr", "ops", "finance", "marketing", "sales", "legal",
    "corporate", "disputes", "engineering", "product", "design", "operations", "people",
    "talent", "nursing", "clinical", "unknown", "tbc", "tbd", "n/a", "na", "none", "not",
    "sure", "yet", "maybe", "probably", "dear", "hi", "hello", "hey", "thanks", "thank",
    "regards", "best", "kind", "cheers", "sincerely", "warm", "felt", "mostly", "there",
    "when", "what", "who", "how", "why", "if", "but", "so", "after",
    "before", "during", "ceo", "cfo", "cto", "coo", "vp", "nhs", "uk", "us", "eu", "ai",
    "hiring", "manager", "director", "head", "lead", "recruiter", "team", "department",
    "group", "company", "firm", "office", "school", "hospital", "ward", "trust", "council",
    "london", "manchester", "birmingham", "leeds", "glasgow", "edinburgh", "bristol",
    "room", "rd", "road", "street", "court", "building", "dept", "staffing", "recruitment",
    "resourcing", "careers", "project", "meet", "floor", "house", "suite",
    "avenue", "campus", "wing", "block", "reception", "centre", "center", "studio", "lab",
    "google", "microsoft", "slack", "linkedin", "outlook", "whatsapp", "webex", "skype",
    "interviewers", "attendees", "guests", "assessors", "panelists", "panellists", "optional",
    "required", "organiser", "organizer", "audition", "square", "place", "quay", "wharf",
    "mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun", "ext",
    "extn", "onsite", "island", "headquarters", "thx", "ta", "intro", "tower", "plaza", "yours",
    "jalan", "menara", "avenida", "calle", "rua", "praça", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "bldg", "blvd", "ave",
    # greetings, sign-offs and sentence openers of other languages
    "hola", "buenas", "saludos", "atentamente", "estaremos", "estarán", "soy", "padre",
    "madre", "hijo", "hija", "groetjes", "groeten", "hoi", "beste", "zijn",
    "dochter", "zoon", "vader", "moeder", "pozdrawiam", "dzień", "dobry", "cześć", "olá",
    "obrigado", "obrigada", "abraço", "abraços", "bonjour", "cordialement", "merci", "hallo",
    "grüße", "salam", "alaikum", "salamat", "kumusta", "für", "und", "et", "y",
}  # fmt: skip
TOKEN = re.compile(
    r"\b[A-Z]\.(?=\s*(?:[A-Z]|(?:van|von|de|der|da|di|du|le|la|al|el|del|ter|ten)\s))"
    r"|\b(?:s/o|d/o|a/l|a/p)\b|[\w'’&-]+|[.(),;:/&|•·\n–—+\[\]-]"
)
# Capitalised words after which the words before them name a place or an organisation,
# not a person ("Apex Driving Recruitment", "Temple Quay", "Force Headquarters").
PLACE_WORDS = {
    "recruitment", "recruiting", "ltd", "limited", "llp", "plc", "inc", "gmbh", "group",
    "university", "college", "school", "hospital", "trust", "council", "quay", "street",
    "road", "avenue", "square", "place", "wharf", "island", "hall", "house", "headquarters",
    "office", "offices", "centre", "center", "campus", "building", "hub", "consulting",
    "solutions", "services", "partners", "associates", "academy", "clinic", "surgery",
    "tower", "plaza", "chambers", "terrace", "tce", "park", "gardens", "estate",
}  # fmt: skip
# Last words of a place's name that are nobody's surname either ("Nariman Point").
PLACE_ENDS = {
    "point", "pavilion", "plaza", "tower", "centre", "center", "campus", "wharf", "quay",
    "gardens", "estate", "avenue", "road", "praça", "rua", "building", "square", "terrace",
    "towers", "pkwy", "parkway", "lane", "hall", "zone", "sector", "layout",
}  # fmt: skip
LINKS = {"of", "for", "&", "and", "in", "für", "und", "y", "et", "e"}
# Words between a name and its title.
BEFORE_TITLE = {
    "who", "who's", "is", "our", "the", "a", "current", "currently", "now", "nossa", "nosso",
    "notre", "nuestra", "nuestro", "nostra", "nostro", "unser", "unsere", "unseren", "onze",
}  # fmt: skip
# A seat on the panel rather than a job: a job title after the name says more.
PANEL_ROLES = {
    "chair", "member", "panel chair", "panel member", "interviewer", "assessor", "convenor",
    "convener", "independent", "independent member", "observer", "members", "chairperson",
    "external", "external member", "external assessor", "subject expert", "vc nominee",
}  # fmt: skip
# A seat on a committee rather than a job: "Search Committee Chair", "panel member".
_COMMITTEE_SEAT = re.compile(
    r"(?:(?:search|hiring|selection|interview|appointments?|recruitment) )?"
    r"(?:committee|cttee|panel) (?:chair|chairperson|chairman|member)",
    re.IGNORECASE,
)


def is_panel_role(title: str) -> bool:
    """A seat on the panel, not a job ("Chair", "External Assessor", "Committee Chair")."""
    return title.lower() in PANEL_ROLES or _COMMITTEE_SEAT.fullmatch(title.strip()) is not None


RANKS = {
    "senior", "junior", "principal", "lead", "chief", "assistant", "deputy", "associate",
    "trainee", "staff", "sub-principal", "co-principal", "sr", "jr", "snr",
}  # fmt: skip
POSTNOMINALS = {
    "kc", "qc", "mrcvs", "phd", "mbe", "obe", "cbe", "frcs", "mrcp", "frcp", "rn", "rgn",
    "aca", "acca", "cima", "fca", "ceng", "mice", "frics", "mrics", "msc", "mba", "ma", "bsc",
    "rvn", "rmn", "msn", "bsn", "dnp", "aprn", "mciob", "mcipd", "fcipd", "cipd", "cpa", "cfa",
    "pmp", "cfp", "chfc", "clu", "peng", "mrcgp", "frcvs", "mrpharms", "frsc", "mcsp", "fcca",
    "fcpa", "fcma",
    "acma", "mcips", "fcips", "cmgr", "fcmi", "mcmi", "frcr", "frcog", "frcem", "frcpath",
    "mrcs", "dnb", "mrcpsych", "frcpsych", "ca", "ea", "cissp", "cisa", "bvsc", "bvms",
    "bvetmed", "dvm", "vmd", "mbbs", "mbchb", "bds", "dds", "dmd", "llb", "llm", "mphil",
    "dphil", "edd", "pgce", "beng", "meng", "hcpc", "nmc", "gdc", "psm", "qpm", "frse",
    "frs", "fmedsci", "freng", "fba", "frsa", "faicd", "gaicd", "cpeng", "facs", "facp",
    "faan", "facc", "san", "pharmd", "rph", "bcop", "bcps", "dbe", "kbe", "psyd", "lcsw", "mph",
    "dpt", "mrcog", "mrcpch", "frcpch", "fracs", "fracp", "dm", "mch", "mha", "mds", "cmiosh",
    "tmiosh", "ciwfm", "fcilt", "micr", "ieng", "mirse", "firse", "mimeche", "miet",
    "mpharm", "bpharm", "mpsi", "fpsi", "frpharms", "riba", "mrtpi", "mciarb", "fciarb", "acii",
    "fcii", "mcibse", "fcibse", "fimeche", "fiet", "mcim", "fcim", "cpsychol", "afbps", "mrsc",
    "cchem", "csci", "fhea", "sfhea", "mcsi", "faia",
}  # fmt: skip
# Words that, in brackets after a title, qualify it ("Partner (Commercial)").
QUALIFIERS = {
    "commercial", "tax", "audit", "litigation", "corporate", "property", "employment",
    "disputes", "finance", "operations", "ops", "clinical", "technical", "interim", "acting",
    "digital", "retail", "wholesale", "private", "public", "family", "criminal", "civil",
    "maternity", "surgery", "medicine", "emea", "apac", "uk", "europe", "north", "south",
    "east", "west", "payments", "credit", "risk", "compliance", "strategy", "sales",
    # the compass in other languages ("Diretora Regional de Operações – Sul")
    "norte", "sur", "sul", "leste", "oeste", "nord", "süd", "sud", "ost", "noord", "zuid",
    "oost", "nordeste", "noroeste", "sudeste", "sudoeste",
}  # fmt: skip
# Words that start a sentence in capitals but are not names.
COMMON = {
    "meeting", "probably", "same", "also", "just", "only", "interviewing", "joined", "joining",
    "possibly", "likely", "apparently", "met", "spoke", "seeing", "panel", "people", "two",
    "three", "as", "last", "time", "think", "before", "maybe", "not", "sure",
    "both", "all", "some", "someone", "head", "new", "old", "former", "previous",
    "assessment", "day", "stage", "video", "call", "phone", "lunch",
    "again", "hopefully", "definitely", "tbc", "tbd", "alright", "hiya", "morning",
    "afternoon", "evening", "please", "bring",
}  # fmt: skip


# Everyday short forms of first names that do not begin like the name ("Rick" is Richard),
# each written out as one full form (Catherine as Katherine, so that both meet at "Kate");
# one that does begin like it ("Sam", "Jen") is matched as a beginning.
_SHORT_FORMS = {
    "richard": "rick dick", "robert": "bob bobby", "william": "bill billy liam",
    "margaret": "peggy maggie meg", "elizabeth": "liz lizzie beth betty bess",
    "katherine": "kate katie cathy kathy catherine", "edward": "ted teddy ned",
    "charles": "chuck", "john": "jack johnny", "henry": "harry hank", "james": "jim jimmy",
    "anthony": "tony", "susan": "sue", "mary": "molly polly", "anne": "ann nancy",
    "alexander": "sandy sasha", "jennifer": "jenny", "patricia": "trish tricia paty pati",
    "babatunde": "tunde", "oluwaseun": "seun", "oluwatobi": "tobi", "olumide": "mide",
    "ayodele": "ayo", "chukwuemeka": "emeka", "rebecca": "bec becky becca bex",
    "natasha": "tash tasha", "gordon": "gord", "michael": "mick mike mikey",
    "stephen": "steve stevo", "edmund": "ned", "frederick": "fred freddie", "lawrence": "larry",
    "joseph": "joe joey", "victoria": "vicky vic", "valerie": "val", "zachary": "zach",
    "aleksandra": "ola", "tomasz": "tomek", "francisco": "curro paco pancho",
    "maria": "ma",  # "Mª José", "Ma. Theresa"
    "alberto": "beto", "rodolfo": "dolf dolfo", "cristina": "tin",
    "rodrigo": "rigo", "bartosz": "bartek", "katarzyna": "kasia", "grzegorz": "grzes",
    "malgorzata": "gosia", "barry": "bazza", "guadalupe": "lupe lupita", "gary": "gaz",
    "agnieszka": "aga agi", "eduardo": "lalo", "enrique": "quique kike", "jose": "pepe",
    "ignacio": "nacho", "guillermo": "memo", "jesus": "chuy chucho", "wojciech": "wojtek",
    "jakub": "kuba", "antonio": "tono", "fernando": "nando", "josefa": "pepa",
    "patrick": "paddy", "gabriela": "gabi gaby",
}  # fmt: skip
# Words of address said before a name, dropped when two names are compared: Vietnamese
# kinship terms ("Chị Hà", "Anh Quân"), Malay ("Pn Nur Aisyah"), Polish ("Pan Grzegorz
# Kowalczyk"), Spanish ("Doña Lupe") and Nigerian ("Pharm Adaeze").
ADDRESS = {
    "chị", "cô", "chú", "bác", "ông", "bà", "pn", "en", "cik", "pan", "doña", "don",
    "pharm", "barr", "arc", "el", "la", "seu", "dona", "nonno", "nonna",
}  # fmt: skip
# Vietnamese "anh" and "em" are given names too: words of address only before a name with
# Vietnamese letters ("Anh Phúc", not "Anh Pham").
ADDRESS_BEFORE_ACCENTED = {"anh", "em"}
SHORT_FORMS = {short: full for full, forms in _SHORT_FORMS.items() for short in forms.split()}


# Letters with no decomposition, spelt plainly when accents are taken off.
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae"})


def unaccented(text: str) -> str:
    """``text`` without accents, as an address or a plain spelling writes it: "Wiśniewski"
    is "Wisniewski" and "Groß" is "Gross" (lower-case letters only are respelt)."""
    flat = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in flat if not unicodedata.combining(c))


def bare(token: str) -> str:
    return token.strip(".'’").lower()


def is_cap(token: str) -> bool:
    return token[:1].isupper() and any(c.isalpha() for c in token)


def acronym(token: str) -> bool:
    """Capitals that abbreviate ("CEO", "HR"), not a word typed in capitals for emphasis
    ("pushed A LOT")."""
    return (
        bool(re.fullmatch(r"[A-Z][A-Z&]{1,4}s?", token))
        and bare(token) not in NOT_NAMES
        and bare(token) not in _EMPHASIS
    )


# Words typed in capitals for emphasis ("she pushed A LOT", "NOT convinced").
_EMPHASIS = {
    "lot", "not", "very", "really", "so", "much", "never", "must", "huge", "big", "love",
    "loved", "hate", "great", "bad", "good", "all", "only", "why", "what", "wow", "omg",
    "lol", "yes", "no",
}  # fmt: skip


def titleish(token: str) -> bool:
    b = bare(token)
    return b in TITLE_WORDS or acronym(token)


def is_head(token: str) -> bool:
    """A word that makes a phrase a job title ("Director", "Psychiatrist", "CTO")."""
    if bare(token) in TITLE_HEADS:
        return True  # "Co-I"
    b = bare(token).rsplit("-", 1)[-1]  # "Vice-Chair"
    b = b[:-1] if b.endswith("s") and b[:-1] in TITLE_HEADS - {"head"} else b  # "partners"
    ist = len(b) > 5 and b.endswith(("ist", "ists")) and not b.endswith(("vist", "vists"))
    compound = len(b) >= 8 and b.endswith(_HEAD_ENDINGS)
    return b in TITLE_HEADS or ist or compound or acronym(token)


def has_head(text: str) -> bool:
    """Whether ``text`` holds a title's head word ("Inspector", "Head of Risk")."""
    return any(is_head(w) for w in TOKEN.findall(text))


def name_token(token: str, lowercase_ok: bool) -> bool:
    if re.fullmatch(r"[A-Z]\.", token):
        return True  # an initial, even "A." ("Shri A. K. Srivastava")
    b = bare(token)
    if not b or b in NOT_NAMES or b in COMMON or b in TITLE_WORDS or b in HONORIFICS:
        return False
    if is_head(token):
        return False
    if b in POSTNOMINALS and sum(c.isupper() for c in token) >= 2:
        return False  # "Dr Aroha Ngata BVSc"
    if acronym(token) or not re.fullmatch(
        r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*|[A-Z]\.", token
    ):
        return False  # "VPS5" is no name
    if is_cap(token):
        return True
    # In lower case only a first name or a word that is not everyday English ("mcleod").
    return lowercase_ok and token.islower() and len(b) > 1 and could_be_name([b], True)


HARD_STOPS = {")", ";", "\n", "|", "•", "·", "(", ".", "[", "]", "+"}
SEPARATORS = {",", "(", "-", "–", "—", ":", "/"}


# Lower-case words that end a title run: a title never holds them.
STOP = {
    "who", "whom", "is", "was", "runs", "run", "and", "but", "with", "from", "to", "at",
    "this", "that", "it's", "also", "again", "plus", "maybe", "someone", "time", "new",
    "will", "would", "be", "been", "being", "are", "were", "has", "had", "have", "on", "in",
    "by", "me", "my", "i", "you", "we", "they", "he", "she", "it", "not", "tbc", "probably",
    "then", "there", "here", "too", "as", "if", "so", "about", "after", "before", "than",
    "previous", "former", "old", "current", "asked", "we've", "i've", "they've", "said",
    "w", "w/", "met",
}  # fmt: skip
LEADING = {
    "the",
    "our",
    "a",
    "an",
    "is",
    "their",
    "who's",
    "his",
    "her",
    "your",
    "its",
    "another",
}
DASHES = {"-", "–", "—", "/", "&", "and", "+"}
