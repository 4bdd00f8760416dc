"""Parties to events, the voices quoted in the news, and the wording of accusations."""

from __future__ import annotations

# --- actors -------------------------------------------------------------------------------

# Parties that act in news events: (canonical id, kind, names). Kind "state" is a state's
# forces, "armed" a non-state armed group. The generic ids "army" and "armed_group" ("the army",
# "militants") are compatible with any party of their kind, so "الجيش" never differs from
# "الجيش السوري", while "the army" does differ from "the rebels".
ACTORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("army", "state", ("الجيش", "القوات الحكومية", "القوات النظامية", "army", "the military",
                       "government forces", "troops")),
    ("armed_group", "armed", ("المسلحون", "المسلحين", "المتمردون", "المتمردين", "الثوار",
                              "militants", "insurgents", "gunmen")),
    ("syrian_gov", "state", ("قوات النظام", "النظام السوري", "الجيش السوري", "قوات الأسد",
                             "القوات الحكومية السورية", "syrian army", "syrian government forces",
                             "regime forces", "assad forces", "syrian troops")),
    ("us_forces", "state", ("القوات الأمريكية", "القوات الأميركية", "الجيش الأمريكي",
                            "الجيش الأميركي", "التحالف الدولي", "us forces", "u.s. forces",
                            "us military", "us-led coalition", "coalition forces",
                            "american forces", "forces américaines", "armée américaine",
                            "militaires américains", "американские военные",
                            "американских военных", "армия сша", "армии сша",
                            "вооруженные силы сша", "вооружённые силы сша")),
    ("russian_forces", "state", ("القوات الروسية", "الجيش الروسي", "الطيران الروسي",
                                 "سلاح الجو الروسي", "russian forces", "russian military",
                                 "russian army", "russian jets", "forces russes",
                                 "armée russe", "militaires russes", "российские военные",
                                 "российских военных", "российская армия", "российской армии",
                                 "вкс россии", "вкс рф")),
    ("turkish_forces", "state", ("القوات التركية", "الجيش التركي", "turkish forces",
                                 "turkish army", "turkish military")),
    ("israeli_forces", "state", ("الجيش الإسرائيلي", "القوات الإسرائيلية", "جيش الاحتلال",
                                 "israeli forces", "israeli army", "israeli military", "idf")),
    ("iraqi_forces", "state", ("القوات العراقية", "الجيش العراقي", "الحشد الشعبي",
                               "iraqi forces", "iraqi army", "popular mobilization forces")),
    ("isis", "armed", ("داعش", "تنظيم الدولة", "تنظيم الدولة الإسلامية", "الدولة الإسلامية",
                       "isis", "isil", "islamic state", "daesh", "état islamique", "daech",
                       "ei", "игил", "иг", "исламское государство", "исламского государства")),
    ("nusra", "armed", ("جبهة النصرة", "هيئة تحرير الشام", "تحرير الشام", "النصرة",
                        "nusra front", "al-nusra", "hayat tahrir al-sham", "hts")),
    # the YPG leads the SDF: one party for telling events apart
    ("sdf", "armed", ("قوات سوريا الديمقراطية", "قسد", "وحدات حماية الشعب", "sdf",
                      "syrian democratic forces", "ypg")),
    ("rebels", "armed", ("المعارضة", "المعارضة المسلحة", "الفصائل المسلحة", "الجيش السوري الحر",
                         "الجيش الحر", "فصائل المعارضة", "rebels", "rebel", "free syrian army",
                         "opposition fighters")),
    ("taliban", "armed", ("طالبان", "حركة طالبان", "taliban", "talibans", "талибы", "талибов",
                          "талибан", "движение талибан")),
    ("hezbollah", "armed", ("حزب الله", "hezbollah", "hizbollah")),
    ("hamas", "armed", ("حماس", "حركة حماس", "hamas", "хамас")),
    ("houthis", "armed", ("الحوثيون", "الحوثيين", "جماعة الحوثي", "houthis", "houthi")),
    # bare "القاعدة" is mostly "the base" (القاعدة الروسية في حميميم), so it is not listed
    ("al_qaeda", "armed", ("تنظيم القاعدة", "al-qaeda", "al qaeda", "alqaeda")),
)
GENERIC_ACTORS = frozenset({"army", "armed_group"})

# --- speakers -----------------------------------------------------------------------------

# Names under which the same voice is quoted: (canonical id, names). A named spokesperson
# speaks for the institution, so both map to one id.
SPEAKERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("russian_mod", ("وزارة الدفاع الروسية", "الدفاع الروسية", "الناطق باسم وزارة الدفاع الروسية",
                     "كوناشينكوف", "إيجور كوناشينكوف", "إيغور كوناشينكوف",
                     "russian defence ministry", "russian defense ministry",
                     "russia's defence ministry", "russia's defense ministry",
                     "igor konashenkov", "konashenkov")),
    ("hmeimim", ("حميميم", "قاعدة حميميم", "القاعدة الروسية في حميميم", "قاعدة حميميم الروسية",
                 "hmeimim", "hmeimim air base", "khmeimim")),
    ("russian_mfa", ("وزارة الخارجية الروسية", "الخارجية الروسية", "russian foreign ministry")),
    ("lavrov", ("لافروف", "سيرغي لافروف", "سيرجي لافروف", "lavrov", "sergei lavrov",
                "sergey lavrov")),
    ("putin", ("بوتين", "فلاديمير بوتين", "putin", "vladimir putin")),
    ("rouhani", ("روحاني", "حسن روحاني", "rouhani", "hassan rouhani")),
    ("mattis", ("ماتيس", "جيمس ماتيس", "mattis", "jim mattis", "james mattis")),
    ("pentagon", ("البنتاغون", "البنتاجون", "وزارة الدفاع الأمريكية", "وزارة الدفاع الأميركية",
                  "pentagon", "us defense department", "u.s. defense department")),
    ("us_state_dept", ("الخارجية الأمريكية", "الخارجية الأميركية", "وزارة الخارجية الأمريكية",
                       "وزارة الخارجية الأميركية", "state department", "us state department")),
    ("trump", ("ترامب", "دونالد ترامب", "trump", "donald trump")),
    ("assad", ("الأسد", "بشار الأسد", "assad", "bashar al-assad", "bashar assad")),
    ("erdogan", ("أردوغان", "رجب طيب أردوغان", "erdogan", "recep tayyip erdogan")),
    ("sohr", ("المرصد السوري لحقوق الإنسان", "المرصد السوري", "syrian observatory for human rights",
              "syrian observatory", "sohr")),
    ("sana", ("سانا", "وكالة سانا", "الوكالة العربية السورية للأنباء", "sana")),
    ("un", ("الأمم المتحدة", "united nations", "un")),
    ("who", ("منظمة الصحة العالمية", "world health organization", "who")),
)


# --- accusations ----------------------------------------------------------------------------

# Verbs of blaming, as regular expressions over normalised text. حمّل counts only with مسؤولية
# a few words on ("حمّلت X الجانب الأمريكي مسؤولية"), so "حمل السلاح" is not an accusation.
ACCUSATION_CUES = (
    r"(?<!\w)[وف]?(?:اتهم|يتهم|تتهم|نتهم)\w*",
    r"(?<!\w)[وف]?(?:حمل|يحمل|تحمل|محمل)\w*(?:\s+\S+){0,6}\s+(?:ال)?مسووليه",
    r"(?<!\w)(?:accus|blam)\w*",  # accuse, blamed; French accusé
    r"(?<!\w)held\s+(?:\S+\s+){0,4}responsible",
    r"(?<!\w)tien\w*\s+(?:\S+\s+){0,4}pour\s+responsable",
    r"(?<!\w)imput\w*\s+(?:\S+\s+){0,3}responsabilit",
    r"(?<!\w)обвин(?:ил|яет|яют|яли|ял)\w*",  # the verb, not "обвинения" (accusations)
    r"(?<!\w)возлож\w*(?:\s+\S+){0,4}\s+ответственност",
)
# The sides an accusation can target, as regular expressions over normalised text.
SIDES = (
    ("usa", r"امريك|اميرك|واشنطن|الولايات المتحده|(?<!\w)u\.?s\.?(?!\w)|americ|washington"
            r"|united states|pentagon|البنتاغون|البنتاجون|améric|[ée]tats[- ]unis"
            r"|pentagone|сша|америк|вашингтон|пентагон|госдеп"),
    ("russia", r"روسي|روسيا|موسكو|الكرملين|russia|moscow|kremlin|russie|russe|moscou"
               r"|росси|москв|кремл|минобороны рф"),
    ("iran", r"ايران|طهران|iran|tehran|téhéran|иран|тегеран"),
    ("turkey", r"تركيا|التركي|انقره|turkey|turkish|ankara|turquie|turc|турци|турец|анкар"),
    ("israel", r"اسرائيل|isra[eë]l|израил"),
    ("syrian_gov", r"النظام السوري|الحكومه السوريه|دمشق|damascus|syrian government|assad|الاسد"
                   r"|damas(?!\w)|gouvernement syrien|régime syrien|дамаск|асад"),
)
DISPLAY = {"usa": "the US", "russia": "Russia", "iran": "Iran", "turkey": "Turkey",
           "israel": "Israel", "syrian_gov": "the Syrian government", "isis": "ISIS",
           "us_forces": "US forces", "russian_forces": "Russian forces"}
