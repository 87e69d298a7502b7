"""Small word lists for telling names from ordinary capitalised words.

Mostly English; a few lists also hold the Ukrainian, Russian and Greek words that
start sentences or stand before names (titles, "company", the prepositions of place).

They only steer heuristics (``explainer suggest`` and the alias checks); a
word missing here makes a suggestion noisier, never a build wrong.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that start sentences without being names (lower case).
STOPWORDS = _words("""
a about above according across additionally after afterwards again against ago all almost
along already also although always among an and another any anyone anything are around as
asked at back be because been before behind being below beneath beside besides between
beyond both but by can could despite did do does during each earlier either else even ever
every everyone everything except far few first for former formerly from further furthermore
had has have having he hence her here hers herself him himself his how however i if in
indeed inside instead into is it its itself just last later latter least less like many may
me meanwhile might more moreover most much must my neither never nevertheless new next no
nobody none nor not nothing now of off often on once one only onto or other others otherwise
our ours out outside over overall perhaps please quite rather said says second several she
should since so some someone something sometimes soon still such than that the their theirs
them themselves then there therefore these they third this those though through throughout
thus till to today together tomorrow too toward towards under unless unlike until up upon us
very see read look note watch was we well were what whatever when whenever where whereas
whether which while who whoever whole whom whose why will with within without would yes
yesterday yet you your yours
""")

# Particles of people's and places' names, lower case inside a name ("Leonardo da Vinci",
# "Pieter van der Berg", "Fatima bin Sultan", "Parc de la Villette"), capitalised when the
# surname starts a sentence ("Van der Berg said"). A short form after a particle is the
# surname of the longer name.
PARTICLES = frozenset({"de", "del", "della", "da", "das", "do", "dos", "di", "du", "des", "la",
                       "le", "van", "von", "der", "den", "ter", "ten", "zu", "bin", "ibn",
                       "bint", "al", "el", "y"})
# Words inside names that stay lower case: "Bank of England", "Cité des Sciences et de
# l'Industrie", and the particles.
CONNECTORS = PARTICLES | {"of", "et"}
# A word of a name written with a lower-case particle joined to it: "al-Mansouri",
# "l'Industrie", "d'Orsay".
JOINED_PARTICLES = ("al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "bin-",
                    "ibn-", "l'", "l’", "d'", "d’", "dell'", "dell’")

# Forms of address kept with a name ("Sir Keir"), but not part of what it is called.
HONORIFICS = frozenset({"Sir", "Dame", "Lord", "Lady", "Mr", "Mrs", "Ms", "Miss", "Dr",
                        "Prof", "Professor", "Rev", "Reverend", "Baroness", "Baron", "Saint",
                        "St"})

# Words of job titles that precede a name ("US Defense Secretary Pete Hegseth").
TITLES = _words("""
President Vice Prime Minister Ministers Chancellor Secretary General Deputy Foreign Defense
Defence Home Finance Interior Justice Health Trade Treasury Chief Executive Senator Senators
Governor Mayor King Queen Prince Princess Emperor Pope Archbishop Bishop Cardinal Speaker
Leader Chairman Chairwoman Chair Commissioner Ambassador Envoy Representative Rep Sen Gov
Judge Justice Attorney Admiral Colonel Captain Lieutenant Major Sergeant Commander Marshal
Director Head Founder Chancellor CEO Premier Taoiseach Sheikh Crown Acting Former Interim
Opposition Shadow Spokesman Spokeswoman Spokesperson Astronaut Officer Councillor
Councillors Councilman Councilwoman Alderman Architect Engineer Economist Analyst Activist
Campaigner Author Artist Writer Journalist Reporter Historian Coach Detective Inspector
Constable Superintendent Councillor Magistrate Barrister Lawyer Surgeon Nurse Priest Imam
Rabbi Deputies
Депутат Депутатка Мер Міністр Міністерка Президент Президентка Голова Речник Речниця
Губернатор Посол Суддя Прем'єр-міністр Прем’єр-міністр Министр Мэр Глава Председатель
Πρωθυπουργός Πρόεδρος Πρόεδρε Υπουργός Υφυπουργός Δήμαρχος Αντιδήμαρχος Βουλευτής
Εκπρόσωπος Περιφερειάρχης
""")

# Words standing just before a name that tell what it is ("the transport company X",
# "депутат X", "η εταιρεία X"); lower case. A title or job of TITLES also marks a person.
ORGANISATION_CUES = _words("""
company firm group agency party carrier operator airline utility consortium association
campaign charity newspaper broadcaster network union club team band movement organisation
organization coalition alliance bank fund insurer lender maker manufacturer retailer chain
publisher label startup developer supplier contractor regulator watchdog
компанія підприємство організація партія фірма банк концерн компания предприятие партия
εταιρεία εταιρία όμιλος κόμμα οργάνωση τράπεζα
""")
PERSON_CUES = _words("""
mayor minister councillor chairman chairwoman chair executive director spokesman spokeswoman
spokesperson founder architect leader head president governor senator deputy secretary
officer commissioner judge lawyer professor economist analyst campaigner activist
депутат депутатка мер міністр міністерка президент голова речник речниця министр мэр
глава αντιδήμαρχος δήμαρχος πρόεδρος υπουργός βουλευτής εκπρόσωπος πρωθυπουργός
""")
PLACE_CUES = _words("""
in from to at near across towards into outside inside around
у в до з із біля під над во из под
στη στην στο στον στα σε από προς της
airport αεροδρόμιο аеропорт аэропорт
""")
# Two words before a name that say it is a place: "residents of X", "the city of X".
PLACE_PHRASES = frozenset({("residents", "of"), ("city", "of"), ("town", "of"),
                           ("village", "of"), ("outskirts", "of"), ("centre", "of"),
                           ("center", "of"), ("people", "of"), ("streets", "of"),
                           ("region", "of"), ("province", "of"), ("capital", "of")})
# Words after a name that say what it is: "the Quiet Nights campaign".
ORGANISATION_AFTER = frozenset({"campaign", "company", "group", "party", "agency", "movement",
                                "coalition", "consortium", "newspaper", "network", "charity"})
# Words skipped when looking for a cue before a name.
ARTICLES = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "η", "ο", "το",
                      "οι", "τη", "την", "τον"})


# Nationality adjectives and plurals ("German", "Europeans"); plus the suffix rule in
# ``is_demonym``.
DEMONYMS = _words("""
American Americans Arab Arabs British Chinese Czech Dutch English French German Germans
Greek Greeks Irish Israeli Israelis Iraqi Iraqis Iranian Japanese Pakistani Pakistanis
Saudi Scottish Swiss Thai Welsh Western Eastern Northern Southern Kurdish Afghan Afghans
Belgian Belgians Danish Finnish Polish Spanish Swedish Turkish Norwegian Portuguese Russian
Russians Ukrainian Ukrainians European Europeans African Africans Asian Asians Australian
Australians Canadian Canadians Mexican Mexicans Italian Italians Indian Indians Korean
Koreans Brazilian Brazilians Palestinian Palestinians Syrian Syrians Egyptian Egyptians
Lebanese Yemeni Hungarian Hungarians Romanian Romanians Bulgarian Serbian Croatian Slovak
Estonian Latvian Lithuanian Georgian Armenian Belarusian Moldovan Taiwanese Vietnamese
Filipino Indonesian Nigerian Kenyan Ethiopian Sudanese Somali Libyan Tunisian Moroccan
Algerian Venezuelan Colombian Argentine Argentinian Chilean Peruvian Cuban Scandinavian
Nordic Transatlantic Soviet Latin Catholic Christian
Christians Muslim Muslims Jewish Jews Islamic Hindu Buddhist Sunni Shia
""")

# Weekdays and months of Greek, which are capitalised (Ukrainian and Russian ones are not),
# without accents and lower case, as stems: the word is declined ("τον Μάρτιο", "Μαρτίου").
GREEK_DATE_STEMS = ("δευτερ", "τριτ", "τεταρτ", "πεμπτ", "παρασκευ", "σαββατ", "κυριακ",
                    "ιανουαρ", "φεβρουαρ", "μαρτ", "απριλ", "μαι", "ιουν", "ιουλ", "αυγουστ",
                    "σεπτεμβρ", "οκτωβρ", "νοεμβρ", "δεκεμβρ")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DATE_WORDS = frozenset(MONTHS + WEEKDAYS)

# Last words that suggest what a name is.
ORGANISATION_WORDS = _words("""
Council Party Union Organisation Organization Agency Ministry Department Bank Company
Corporation Group Committee Commission Court Parliament Congress Assembly Army Navy Forces
University College School Institute Foundation Association Federation League Alliance Times
News Post Tribune Guardian Telegraph Herald Journal Press Broadcasting Network Administration
Office Service Services Police Club Airlines Airways Inc Ltd Senate Cabinet Fund Trust
Board Authority Reserve Commons Lords Engineering Logistics Logistik Holdings Industries
Partners Railways Railway Transport Ministerium Gmbh GmbH AG SA NV BV
Media Studio Studios Atelier Bureau Laboratory Laboratories Labs Museum Orchestra Theatre
Hospital Church Mosque
""")
PLACE_WORDS = _words("""
Palace Street Road Avenue Square Sea Ocean River Lake Mountain Mountains Island Islands
Coast Bay Gulf Valley Desert City Province Region Republic Kingdom States Emirates Arabia
Strait Channel Peninsula County State Station Bridge Park Hall House Tower Center
Centre Base Field Port Airport Canal Land Lands Hills Tunnel Parc Parque Platz Plaza Piazza Cité
Rue Boulevard Gare Quay Quai Mount Lake Cape Fort Isle Heights Village Town
""")


def is_demonym(word: str) -> bool:
    """Whether ``word`` is a nationality adjective or plural ("German", "Ukrainians")."""
    if word in DEMONYMS:
        return True
    stem = word.removesuffix("s")
    return len(stem) > 5 and stem.endswith(("ian", "ean", "ese", "ish", "ani", "iot"))

# Countries, continents and common short forms: names that are places whatever their context.
PLACE_NAMES = frozenset(line.strip() for line in """
Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan
Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia
Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Chad|Chile
China|Colombia|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czechia|Czech Republic|Denmark|Djibouti
Dominica|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France
Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras
Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Jamaica|Japan|Jordan
Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya
Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania
Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar
Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea
North Macedonia|Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru
Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia
Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa
South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan
Tajikistan|Tanzania|Thailand|Togo|Tonga|Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine
United Arab Emirates|United Kingdom|United States|Uruguay|Uzbekistan|Vanuatu|Vatican
Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|UK|US|USA|Britain|Great Britain|England|Scotland
Wales|Northern Ireland|Europe|Africa|Asia|America|North America|South America|Antarctica
Oceania|Crimea|Gaza|West Bank|Kashmir|Tibet|Greenland|Siberia|Balkans|Middle East
""".replace("\n", "|").split("|") if line.strip())
