"""The labelled answer scales survey tools offer (agreement, frequency, satisfaction, importance, quality and
likelihood; agreement and frequency in German, French, Spanish, Dutch and Portuguese), each position with its
accepted spellings, the canonical one first."""

from __future__ import annotations

from .answer_scale import Scale


def _labelled(name: str, title: str, *positions: str) -> Scale:
    return Scale(name, title, 1, len(positions), tuple(tuple(s.strip() for s in p.split("|")) for p in positions))


_NEITHER_AGREE = "Neither agree nor disagree | Neither agree or disagree | Neither disagree nor agree | Neutral"
_NEITHER_SATISFIED = (
    "Neither satisfied nor dissatisfied | Neither satisfied or dissatisfied | Neither dissatisfied nor satisfied | Neutral"
)
_VERY_DISSATISFIED = "Very dissatisfied | Extremely dissatisfied | Completely dissatisfied"
_VERY_SATISFIED = "Very satisfied | Extremely satisfied | Completely satisfied"

LABELLED: tuple[Scale, ...] = (
    _labelled("agreement-5", "agreement 5-point", "Strongly disagree", "Disagree", _NEITHER_AGREE, "Agree", "Strongly agree"),
    _labelled(
        "agreement-7",
        "agreement 7-point",
        "Strongly disagree",
        "Disagree | Moderately disagree",
        "Somewhat disagree | Slightly disagree",
        _NEITHER_AGREE,
        "Somewhat agree | Slightly agree",
        "Agree | Moderately agree",
        "Strongly agree",
    ),
    # Qualtrics' 5-point wording; its labels are all on the 7-point scale too, so it needs points=5
    _labelled(
        "agreement-5-somewhat",
        "agreement 5-point (somewhat)",
        "Strongly disagree",
        "Somewhat disagree",
        _NEITHER_AGREE,
        "Somewhat agree",
        "Strongly agree",
    ),
    _labelled(
        "frequency-5",
        "frequency 5-point",
        "Never",
        "Rarely | Seldom | Almost never",
        "Sometimes | Occasionally",
        "Often | Very often | Frequently | Usually | Almost always",
        "Always",
    ),
    # Qualtrics' frequency wording, where "Sometimes" is the second point
    _labelled(
        "frequency-5-half",
        "frequency 5-point (half the time)",
        "Never",
        "Sometimes",
        "About half the time",
        "Most of the time",
        "Always",
    ),
    # how often, as a period: "How often do you consult the docs?"
    _labelled(
        "frequency-5-period",
        "frequency 5-point (daily ... never)",
        "Never",
        "Rarely | Less than monthly | Less often | A few times a year | Once a year | Yearly | Seldom",
        "Monthly | Once a month | Every month | A few times a month | Several times a month",
        "Weekly | Once a week | Every week | A few times a week | Several times a week",
        "Daily | Every day | Several times a day | More than once a day | Once a day",
    ),
    _labelled(
        "satisfaction-5",
        "satisfaction 5-point",
        _VERY_DISSATISFIED,
        "Dissatisfied | Somewhat dissatisfied",
        _NEITHER_SATISFIED,
        "Satisfied | Somewhat satisfied",
        _VERY_SATISFIED,
    ),
    _labelled(
        "satisfaction-7",
        "satisfaction 7-point",
        _VERY_DISSATISFIED,
        "Dissatisfied | Moderately dissatisfied",
        "Somewhat dissatisfied | Slightly dissatisfied",
        _NEITHER_SATISFIED,
        "Somewhat satisfied | Slightly satisfied",
        "Satisfied | Moderately satisfied",
        _VERY_SATISFIED,
    ),
    _labelled(
        "importance-5",
        "importance 5-point",
        "Not at all important | Unimportant",
        "Slightly important | Of little importance | Low importance",
        "Moderately important | Fairly important",
        "Very important | High importance",
        "Extremely important | Essential",
    ),
    _labelled(
        "importance-5-critical",
        "importance 5-point (critical)",
        "Not important",
        "Somewhat important | Slightly important",
        "Important",
        "Very important",
        "Critical",
    ),
    _labelled("quality-5", "quality 5-point", "Poor", "Fair", "Good", "Very good", "Excellent"),
    _labelled(
        "quality-5-horrible",
        "quality 5-point (horrible)",
        "Horrible | Terrible | Very poor | Very bad",
        "Poor | Bad",
        "Average | Fair | Okay | OK",
        "Good",
        "Excellent | Very good",
    ),
    _labelled(
        "likelihood-5",
        "likelihood 5-point",
        "Very unlikely | Extremely unlikely | Not at all likely | Highly unlikely",
        "Unlikely | Somewhat unlikely",
        "Neither likely nor unlikely | Neither likely or unlikely | Neutral | Undecided",
        "Likely | Somewhat likely",
        "Very likely | Extremely likely | Highly likely",
    ),
    # other languages: agreement and frequency, 5 points
    _labelled(
        "agreement-5-de",
        "agreement 5-point (German)",
        "Stimme überhaupt nicht zu | Stimme gar nicht zu | Trifft überhaupt nicht zu | Trifft gar nicht zu",
        "Stimme nicht zu | Stimme eher nicht zu | Trifft nicht zu | Trifft eher nicht zu",
        "Weder noch | Teils/teils | Teils, teils | Teils teils | Neutral | Stimme weder zu noch nicht zu",
        "Stimme zu | Stimme eher zu | Trifft zu | Trifft eher zu",
        "Stimme voll zu | Stimme voll und ganz zu | Stimme völlig zu | Stimme vollkommen zu | Trifft voll zu"
        " | Trifft voll und ganz zu",
    ),
    _labelled(
        "agreement-5-fr",
        "agreement 5-point (French)",
        "Pas du tout d'accord | Tout à fait en désaccord | Fortement en désaccord",
        "Pas d'accord | Plutôt pas d'accord | En désaccord | Plutôt en désaccord",
        "Ni d'accord ni pas d'accord | Ni en accord ni en désaccord | Ni d'accord ni en désaccord | Neutre",
        "D'accord | Plutôt d'accord | En accord",
        "Tout à fait d'accord | Entièrement d'accord | Fortement d'accord",
    ),
    _labelled(
        "agreement-5-es",
        "agreement 5-point (Spanish)",
        "Totalmente en desacuerdo | Muy en desacuerdo",
        "En desacuerdo",
        "Ni de acuerdo ni en desacuerdo | Neutral | Neutro",
        "De acuerdo",
        "Totalmente de acuerdo | Muy de acuerdo",
    ),
    _labelled(
        "agreement-5-nl",
        "agreement 5-point (Dutch)",
        "Helemaal mee oneens | Zeer mee oneens | Helemaal oneens",
        "Mee oneens | Oneens",
        "Neutraal | Niet mee eens, niet mee oneens | Noch eens, noch oneens | Eens noch oneens",
        "Mee eens | Eens",
        "Helemaal mee eens | Zeer mee eens | Helemaal eens",
    ),
    _labelled(
        "agreement-5-pt",
        "agreement 5-point (Portuguese)",
        "Discordo totalmente | Discordo fortemente | Discordo completamente",
        "Discordo | Discordo parcialmente",
        "Não concordo nem discordo | Nem concordo nem discordo | Neutro | Indiferente",
        "Concordo | Concordo parcialmente",
        "Concordo totalmente | Concordo fortemente | Concordo completamente",
    ),
    _labelled(
        "frequency-5-de",
        "frequency 5-point (German)",
        "Nie | Niemals",
        "Selten",
        "Manchmal | Gelegentlich",
        "Oft | Häufig | Meistens",
        "Immer",
    ),
    _labelled(
        "frequency-5-fr", "frequency 5-point (French)", "Jamais", "Rarement", "Parfois | De temps en temps", "Souvent", "Toujours"
    ),
    _labelled(
        "frequency-5-es",
        "frequency 5-point (Spanish)",
        "Nunca",
        "Rara vez | Casi nunca",
        "A veces | Algunas veces | Ocasionalmente",
        "A menudo | Frecuentemente | Con frecuencia | Casi siempre",
        "Siempre",
    ),
    _labelled("frequency-5-nl", "frequency 5-point (Dutch)", "Nooit", "Zelden", "Soms | Af en toe", "Vaak | Meestal", "Altijd"),
    _labelled(
        "frequency-5-pt",
        "frequency 5-point (Portuguese)",
        "Nunca",
        "Raramente | Quase nunca",
        "Às vezes | Algumas vezes | Ocasionalmente",
        "Frequentemente | Muitas vezes | Quase sempre",
        "Sempre",
    ),
)
