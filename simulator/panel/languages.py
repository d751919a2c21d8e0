"""The words, in Spanish, Portuguese, French, German, Dutch, Italian and Polish, by which an invitation
puts people in the coming round ("Vous rencontrerez ...", "una entrevista final con ..."), or
keeps someone out of it ("no participará"). ``coming`` adds them to its English cues, so a
message written in one of these languages is read the way an English one is."""

from __future__ import annotations

# Words of a sentence that puts people in the room (beside English "meet", "join", "panel").
MEETING = (
    r"entrevist\w*|reuni\w*|conocer\w*|acompañ\w*|junto (?:a|al|con)|con (?:el|la|los|las)|"
    r"conversa|banca|conhecer\w*|com (?:a|o|os|as)|"
    r"rencontr\w*|entretien\w*|entrevue|avec|ainsi que|jury|"
    r"gespräch\w*|treff\w*|kennenlern\w*|begleit\w*|mit (?:frau|herrn?|unser\w*|dem|der)|"
    r"gesprek\w*|ontmoet\w*|kennismak\w*|aanwezig|"
    r"colloqui\w*|incontr\w*|insieme a|"
    r"participar\w*|participer\w*|teilnehm\w*|presentes?|présent(?:e|s|es)?|"
    r"rozmow\w*|spotka\w*|udział\w*|pozna\w*"
)

# Words of a sentence about the coming round (beside English "will", "next round", "again").
COMING = (
    r"próxim\w*|segund[ao] (?:entrevista|ronda|etapa|fase|reunión)|entrevista final|"
    r"gustar[íi]a\w*|desea\w*|nuevamente|de nuevo|"
    r"\w+r[áà]n?|"  # Spanish, Portuguese and Italian futures: "estará", "participará", "sarà"
    r"convid\w*|conversa final|\bvai\b|\bvão\b|novamente|"
    r"deuxième|second (?:entretien|tour)|prochain\w*|\w+(?:erez|eront)|"
    r"sera(?:s|it|ient|nt)?|souhait\w*|aimerions|convi(?:er|ons|ez)|à nouveau|de nouveau|"
    r"zweit\w* (?:gespräch|runde|interview|termin)|nächst\w*|wird|werden|würde\w*|möchte\w*|"
    r"erneut|nochmal\w*|noch einmal|einlad\w*|"
    r"tweede (?:gesprek|ronde)|volgend\w*|zal|zullen|graag|opnieuw|nogmaals|uitnodig\w*|"
    r"secondo colloquio|prossim\w*|saranno|nuovamente|di nuovo|"
    r"wezm\w*|weźmie|będzie|będą|drugi\w* etap\w*|kolejn\w*|ponown\w*|zaprasza\w*"
)

# Words that keep someone out of it ("Beatriz ... não participará da conversa").
NOT_THERE = (
    r"no (?:estará|participa\w*|asistirá|podrá|vendrá)|"
    r"não (?:participa\w*|estará|vai|irá|poderá)|"
    r"ne (?:sera|participe\w*|pourra|viendra|fera) pas|"
    r"nicht (?:dabei|teilnehm\w*|anwesend|da)|wird nicht|nimmt nicht|"
    r"niet (?:aanwezig|bij|mee)|zal niet|"
    r"non (?:sarà|parteciperà|potrà)|"
    r"nie (?:będzie|będą|weźmie|wezmą)"
)

# Where a sentence names someone from before ("suite à votre entretien avec Claire").
BEFORE = (
    r"(?:suite à|après) (?:votre|notre|l['’]|la|le) (?:\w+ ){0,2}?avec [^,.;]*|"
    r"(?:tras|después de|luego de) (?:su|tu|la|el|nuestra) (?:\w+ ){0,2}?con [^,.;]*|"
    r"(?:após|depois d[ao]) (?:a|o|sua|seu|nossa) (?:\w+ ){0,2}?com [^,.;]*|"
    r"nach (?:Ihrem|deinem|dem|unserem) (?:\w+ ){0,2}?mit [^,.;]*|"
    r"na (?:uw|je|het|ons) (?:\w+ ){0,2}?met [^,.;]*|"
    r"dopo (?:il|la|l['’]|il suo) (?:\w+ ){0,2}?con [^,.;]*|"
    r"po (?:\w+ ){0,2}?(?:rozmowie|spotkaniu) z [^,.;]*"
)
