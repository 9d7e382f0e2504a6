#!/usr/bin/env python3
"""Writes data/outlets.toml: the world's national news agencies and major
international news outlets, as lexicon entities of kind organization.

Source: the national news agencies listed in Wikipedia's "List of news
agencies" and the member lists of the news agency alliances it cites
(OANA, EANA, MINDS), plus international broadcasters, newspapers, magazines
and wire services that articles cite as sources. Wikipedia text is CC BY-SA
4.0; the names and abbreviations below are facts taken from it (one row per
outlet, typed in from the list). The rows are kept here, not in data/, so
that the data file is regenerated, never hand-edited:

    python3 scripts/gen_outlets.py > data/outlets.toml

Entities that data/lexicon.toml already defines (by id or by any of their
names) are left out: the hand-kept lexicon wins. Names that are ordinary
words or places even when capitalised ("Dawn", "Petra", "The Atlantic",
"The Hill") and short abbreviations that are words ("MAP", "APP", "MIA")
are left out; an outlet named like a place ("The War Zone") is an organisation.

Row format: slug | label | aliases (;-separated, case-insensitive but upper
case kept) | abbreviations (;-separated, case-sensitive).
"""
import pathlib
import re
import sys

ROWS = """
# National news agencies (Wikipedia, List of news agencies; OANA / EANA members)
anadolu-agency | Anadolu Agency | Anadolu Ajansi; Anadolu news agency |
ansa | ANSA | Agenzia Nazionale Stampa Associata | ANSA
apa | Austria Presse Agentur | Austria Presse Agentur |
agerpres | Agerpres | Agerpres |
aps-algeria | Algeria Press Service | Algerie Presse Service | APS
antara | Antara | Antara news agency |
armenpress | Armenpress | Armenpress |
azertac | AZERTAC | Azertac | AZERTAC
belta | BelTA | Belarusian Telegraph Agency | BelTA
bernama | Bernama | Bernama |
bss | Bangladesh Sangbad Sangstha | Bangladesh Sangbad Sangstha | BSS
bta | Bulgarian News Agency | Bulgarian News Agency | BTA
cna-taiwan | Central News Agency | Focus Taiwan |
ctk | Czech News Agency | Czech News Agency | CTK
dpa | Deutsche Presse-Agentur | Deutsche Presse-Agentur | dpa; DPA
efe | EFE | Agencia EFE | EFE
elta | ELTA | Lithuanian news agency ELTA | ELTA
ena | Ethiopian News Agency | Ethiopian News Agency |
err | ERR | Estonian Public Broadcasting |
fars | Fars News Agency | Fars News Agency; Fars news agency |
hina | HINA | Croatian News Agency | HINA
irna | IRNA | Islamic Republic News Agency | IRNA
isna | ISNA | Iranian Students News Agency | ISNA
ina | Iraqi News Agency | Iraqi News Agency |
jana | LANA | Libya News Agency | LANA
kazinform | Kazinform | Kazinform |
kabar | Kabar | Kabar news agency |
kpl | Lao News Agency | Lao News Agency | KPL
kuna | KUNA | Kuwait News Agency | KUNA
lusa | Lusa | Lusa news agency; Agencia Lusa |
map | Maghreb Arab Press | Maghreb Arab Press; Agence Maghreb Arabe Presse |
mehr | Mehr News Agency | Mehr News Agency; Mehr news agency |
mena | Middle East News Agency | Middle East News Agency |
montsame | Montsame | Montsame |
mti | MTI | Hungarian News Agency | MTI
nan | News Agency of Nigeria | News Agency of Nigeria |
notimex | Notimex | Notimex |
ntb | NTB | Norsk Telegrambyra | NTB
pap | Polish Press Agency | Polish Press Agency; Polska Agencja Prasowa | PAP
pna | Philippine News Agency | Philippine News Agency | PNA
prensa-latina | Prensa Latina | Prensa Latina |
pti | Press Trust of India | Press Trust of India | PTI
qna | Qatar News Agency | Qatar News Agency | QNA
ritzau | Ritzau | Ritzau |
sana | SANA | Syrian Arab News Agency | SANA
sapa | South African Press Association | South African Press Association | SAPA
spa | Saudi Press Agency | Saudi Press Agency |
sta | Slovenian Press Agency | Slovenian Press Agency |
stt | STT | Finnish News Agency | STT
suna | SUNA | Sudan News Agency | SUNA
tt | TT News Agency | TT News Agency; Tidningarnas Telegrambyra |
tanjug | Tanjug | Tanjug |
tap | Tunis Afrique Presse | Tunis Afrique Presse |
telam | Telam | Telam |
tasnim | Tasnim News Agency | Tasnim News Agency; Tasnim |
ukrinform | Ukrinform | Ukrinform |
unian | UNIAN | Ukrainian Independent Information Agency | UNIAN
vna | Vietnam News Agency | Vietnam News Agency | VNA
wam | WAM | Emirates News Agency | WAM
bna | Bahrain News Agency | Bahrain News Agency |
ona | Oman News Agency | Oman News Agency |
saba | Saba News Agency | Saba News Agency |
app | Associated Press of Pakistan | Associated Press of Pakistan |
ians | IANS | Indo-Asian News Service | IANS
ani | Asian News International | Asian News International | ANI
jiji | Jiji Press | Jiji Press; Jiji |
aap | Australian Associated Press | Australian Associated Press | AAP
cp | The Canadian Press | the Canadian Press |
belga | Belga | Belga news agency |
anp | ANP | Algemeen Nederlands Persbureau | ANP
ap-greece | Athens-Macedonian News Agency | Athens-Macedonian News Agency |
cyprus-news-agency | Cyprus News Agency | Cyprus News Agency |
mia | Macedonian Information Agency | Macedonian Information Agency |
ata | Albanian Telegraphic Agency | Albanian Telegraphic Agency |
moldpres | Moldpres | Moldpres |
gna | Ghana News Agency | Ghana News Agency |
kna | Kenya News Agency | Kenya News Agency |
aps-senegal | Agence de Presse Senegalaise | Agence de Presse Senegalaise |
abi | Agencia Boliviana de Informacion | Agencia Boliviana de Informacion |
andina | Andina | Andina news agency |
ain | Agencia Cubana de Noticias | Agencia Cubana de Noticias |
avn | Agencia Venezolana de Noticias | Agencia Venezolana de Noticias |
agencia-brasil | Agencia Brasil | Agencia Brasil |
sputnik | Sputnik | Sputnik news agency |
interfax-ukraine | Interfax-Ukraine | Interfax-Ukraine |
regnum | Regnum | Regnum news agency |
bakhtar | Bakhtar News Agency | Bakhtar News Agency |
nepal-rss | Rastriya Samachar Samiti | Rastriya Samachar Samiti |
lanka-puvath | Lankapuvath | Lankapuvath |
ptv-news | Pakistan Television | Pakistan Television |
# International wire services, broadcasters, newspapers, magazines
upi | United Press International | United Press International | UPI
politico | Politico | Politico; POLITICO |
axios | Axios | Axios |
guardian | The Guardian | the Guardian |
observer | The Observer | the Observer |
economist | The Economist | the Economist |
telegraph | The Telegraph | the Telegraph; the Daily Telegraph |
sky-news | Sky News | Sky News |
fox-news | Fox News | Fox News |
nbc-news | NBC News | NBC News | NBC
cbs-news | CBS News | CBS News | CBS
abc-news | ABC News | ABC News |
npr | NPR | National Public Radio | NPR
pbs | PBS | PBS NewsHour | PBS
msnbc | MSNBC | | MSNBC
usa-today | USA Today | USA Today |
los-angeles-times | Los Angeles Times | Los Angeles Times; the Los Angeles Times; LA Times |
foreign-policy | Foreign Policy | Foreign Policy magazine |
foreign-affairs | Foreign Affairs | Foreign Affairs magazine |
the-war-zone | The War Zone | The War Zone; the War Zone |
defense-news | Defense News | Defense News |
breaking-defense | Breaking Defense | Breaking Defense |
task-and-purpose | Task & Purpose | Task & Purpose; Task and Purpose |
military-times | Military Times | Military Times |
stars-and-stripes | Stars and Stripes | Stars and Stripes |
janes | Janes | Janes Defence Weekly |
newsweek | Newsweek | Newsweek |
time-magazine | Time magazine | Time magazine |
the-intercept | The Intercept | The Intercept |
vice-news | Vice News | Vice News |
dw | Deutsche Welle | Deutsche Welle | DW
france-24 | France 24 | France 24 |
rfi | Radio France Internationale | Radio France Internationale | RFI
le-monde | Le Monde | Le Monde |
der-spiegel | Der Spiegel | Der Spiegel; Spiegel |
euronews | Euronews | Euronews |
rferl | Radio Free Europe/Radio Liberty | Radio Free Europe; Radio Liberty | RFE/RL
voa | Voice of America | Voice of America | VOA
rfa | Radio Free Asia | Radio Free Asia | RFA
al-arabiya | Al Arabiya | Al Arabiya; Al-Arabiya |
middle-east-eye | Middle East Eye | Middle East Eye | MEE
haaretz | Haaretz | Haaretz |
times-of-israel | The Times of Israel | Times of Israel; the Times of Israel |
jerusalem-post | The Jerusalem Post | Jerusalem Post; the Jerusalem Post |
arab-news | Arab News | Arab News |
daily-sabah | Daily Sabah | Daily Sabah |
hurriyet | Hurriyet | Hurriyet Daily News |
trt | TRT | TRT World | TRT
press-tv | Press TV | Press TV; PressTV |
rt | RT | Russia Today | RT
kommersant | Kommersant | Kommersant |
izvestia | Izvestia | Izvestia |
meduza | Meduza | Meduza |
kyiv-independent | The Kyiv Independent | Kyiv Independent; the Kyiv Independent |
kyiv-post | Kyiv Post | Kyiv Post |
scmp | South China Morning Post | South China Morning Post | SCMP
global-times | Global Times | Global Times; the Global Times |
peoples-daily | People's Daily | People's Daily |
cgtn | CGTN | China Global Television Network | CGTN
cctv | CCTV | China Central Television | CCTV
nikkei | Nikkei | Nikkei Asia |
nhk | NHK | | NHK
asahi | Asahi Shimbun | Asahi Shimbun; the Asahi Shimbun |
korea-herald | The Korea Herald | Korea Herald; the Korea Herald |
korea-times | The Korea Times | Korea Times; the Korea Times |
joongang | JoongAng Ilbo | JoongAng Ilbo; Korea JoongAng Daily |
chosun | Chosun Ilbo | Chosun Ilbo |
nk-news | NK News | NK News |
daily-nk | Daily NK | Daily NK |
times-of-india | The Times of India | Times of India; the Times of India |
hindustan-times | Hindustan Times | Hindustan Times; the Hindustan Times |
ndtv | NDTV | | NDTV
telesur | teleSUR | teleSUR; Telesur |
vtv | Venezolana de Televisión | Venezolana de Television | VTV
sudan-tribune | Sudan Tribune | Sudan Tribune |
africanews | Africanews | Africanews |
""".strip("\n")

def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    lex = (root / "data" / "lexicon.toml").read_text(encoding="utf-8")
    known_ids = set(re.findall(r'^id = "organization:([^"]+)"', lex, re.M))
    known_names = {n.lower() for n in re.findall(r'"([^"]+)"', lex)}
    out = [
        "# GENERATED by scripts/gen_outlets.py: do not edit, change the script and rerun it.",
        "# National news agencies and major news outlets, kind organization.",
        "# Source: Wikipedia, \"List of news agencies\" and the agency alliances it cites",
        "# (text under CC BY-SA 4.0; names and abbreviations are facts taken from it),",
        "# plus international broadcasters, newspapers and magazines news articles cite.",
        "# Loaded after data/lexicon.toml, which keeps every entity it defines itself.",
        "",
    ]
    seen = set()
    for line in ROWS.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        slug, label, aliases, abbrs = (c.strip() for c in line.split("|"))
        aliases = [a.strip() for a in aliases.split(";") if a.strip()]
        abbrs = [a.strip() for a in abbrs.split(";") if a.strip()]
        names = [label] + aliases + abbrs
        if slug in known_ids or any(n.lower() in known_names for n in names):
            continue
        fresh = [n for n in names if n.lower() not in seen]
        if len(fresh) < len(names):
            continue  # a name two outlets share ("CNA") names neither
        seen.update(n.lower() for n in names)
        aliases = [a for a in aliases if a != label]
        out.append("[[entity]]")
        out.append(f'id = "organization:{slug}"')
        out.append('kind = "organization"')
        out.append(f'label = "{label}"')
        if aliases:
            out.append("aliases = [" + ", ".join(f'"{a}"' for a in aliases) + "]")
        if abbrs:
            out.append("abbreviations = [" + ", ".join(f'"{a}"' for a in abbrs) + "]")
        out.append("")
    sys.stdout.write("\n".join(out))

if __name__ == "__main__":
    main()
