"""Small English word lists for telling names from ordinary capitalised words.

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

# Words inside names that stay lower case: "Bank of England", "Leonardo da Vinci".
CONNECTORS = frozenset({"of", "de", "del", "della", "da", "di", "du", "des", "la", "le",
                        "van", "von", "der", "den", "bin", "al", "el", "y"})

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
Opposition Shadow Spokesman Spokeswoman Spokesperson Astronaut Officer
""")

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
Board Authority Reserve Commons Lords
""")
PLACE_WORDS = _words("""
Palace Street Road Avenue Square Sea Ocean River Lake Mountain Mountains Island Islands
Coast Bay Gulf Valley Desert City Province Region Republic Kingdom States Emirates Arabia
Strait Channel Peninsula County State Airport Station Bridge Park Hall House Tower Center
Centre Base Field Port Canal Land Lands Hills Tunnel
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
