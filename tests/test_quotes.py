"""Quote attribution (arabic_extract.quotes) on docs with hand-set entities, the dev set
and the seed article."""
import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from spacy.tokens import Doc

from arabic_extract import blank, load
from arabic_extract.training.evaluate_quotes import DEV_SET, annotate, evaluate, fold
from arabic_extract.text.normalize import normalize
from arabic_extract.document import to_schema
from conftest import ROOT
from arabic_extract.lexicons.cues import CUES_PATH
from test_clusters import find_names


@pytest.fixture(scope="module")
def qnlp():
    return blank()


def quotes_of(nlp, text, names):
    doc = annotate(nlp, text, find_names(nlp, text, names))
    return doc, [(q.kind, q.content.text, q.speaker.text if q.speaker is not None else None) for q in doc._.quotes]


# (text, entities, expected [(kind, content, speaker)])
CASES = {
    "indirect": ("وقال وزير المالية خالد النمر إن العجز سينخفض العام المقبل.", {"PER": ["خالد النمر"]},
                 [("indirect", "العجز سينخفض العام المقبل", "خالد النمر")]),
    "title apposition": ("قال الأمين العام للأمم المتحدة أنطونيو غراهام إن المنظمة قلقة.",
                         {"ORG": ["الأمم المتحدة"], "PER": ["أنطونيو غراهام"]},
                         [("indirect", "المنظمة قلقة", "أنطونيو غراهام")]),
    "organization": ("وقالت وزارة الخارجية الفرنسية في بيان إن السفارة ستغلق.", {"ORG": ["وزارة الخارجية الفرنسية"]},
                     [("indirect", "السفارة ستغلق", "وزارة الخارجية الفرنسية")]),
    "anonymous": ("وقال مصدر حكومي إن الموازنة جاهزة.", {}, [("indirect", "الموازنة جاهزة", "مصدر حكومي")]),
    "guillemets": ("وقال سعيد الحربي «سنبدأ البناء غدا».", {"PER": ["سعيد الحربي"]},
                   [("direct", "سنبدأ البناء غدا", "سعيد الحربي")]),
    "straight quotes": ('وأضافت هند سالم "الموسم كان صعبا".', {"PER": ["هند سالم"]},
                        [("direct", "الموسم كان صعبا", "هند سالم")]),
    "colon": ("قال ستولينبيرج: لقد أجريت مباحثات مهمة", {"PER": ["ستولينبيرج"]},
              [("direct", "لقد أجريت مباحثات مهمة", "ستولينبيرج")]),
    "quote first": ("«الوضع مستقر»، قال المتحدث العسكري.", {}, [("direct", "الوضع مستقر", "المتحدث العسكري")]),
    "multi-sentence": ("وقال ماهر عيسى «انتهينا من الدراسة. وسنعلن النتائج قريبا».", {"PER": ["ماهر عيسى"]},
                       [("direct", "انتهينا من الدراسة. وسنعلن النتائج قريبا", "ماهر عيسى")]),
    "mixed": ('وشدد الوزير رامي خليل على أن الدولة "لن تتراجع" أبدا.', {"PER": ["رامي خليل"]},
              [("mixed", 'الدولة "لن تتراجع" أبدا', "رامي خليل")]),
    "headline": ("الناتو: نعمل على تعزيز شراكتنا مع العراق\nبروكسل", {"ORG": ["الناتو"], "LOC": ["العراق", "بروكسل"]},
                 [("direct", "نعمل على تعزيز شراكتنا مع العراق", "الناتو")]),
    "according to": ("وبحسب وزارة الصحة، فإن الإصابات تراجعت.", {"ORG": ["وزارة الصحة"]},
                     [("indirect", "الإصابات تراجعت", "وزارة الصحة")]),
    "according to, after": ("تراجعت الإصابات بشكل ملحوظ، وفقا لوزارة الصحة.", {"ORG": ["وزارة الصحة"]},
                            [("indirect", "تراجعت الإصابات بشكل ملحوظ", "وزارة الصحة")]),
    "according to, ending the sentence": ("وقتل خمسة أشخاص في القصف بحسب مرصد الحريات.", {"ORG": ["مرصد الحريات"]},
                                          [("indirect", "وقتل خمسة أشخاص في القصف", "مرصد الحريات")]),
    "according to an untagged institution": ("وارتفعت أسعار الخبز في الأسواق وفقا لوزارة التجارة.", {},
                                             [("indirect", "وارتفعت أسعار الخبز في الأسواق", "وزارة التجارة")]),
    "according to need is no source": ("ووزعت المساعدات على الأسر حسب الحاجة.", {}, []),
    "a name that is also a preposition": ('وقال سامي علي "المصنع جاهز".', {"PER": ["سامي علي"]},
                                         [("direct", "المصنع جاهز", "سامي علي")]),
    "a long title before the colon": ('وقال الأستاذ في قسم الهندسة الكهربائية بكلية العلوم التطبيقية في جامعة المدينة الجديدة، '
                                      'أحمد سمير، الذي قاد فريق الباحثين: "هذه خطوة مهمة".', {"PER": ["أحمد سمير"]},
                                      [("direct", "هذه خطوة مهمة", "أحمد سمير")]),
    "past the gap, no complementizer": ("وقال الرئيس في خطاب ألقاه أمام حشد كبير من أنصاره في العاصمة بعد عودته من جولة "
                                        "خارجية استمرت أسبوعا كاملا إنه يجب أن تتوقف الحرب.", {}, []),
    "a statement said in a document": ("وأصدر الحزب بيانا قال فيه إن الانتخابات مزورة.", {},
                                       [("indirect", "الانتخابات مزورة", "الحزب")]),
    "issued by the subject before the verb": ("والنقابة الوطنية أصدرت بيانا أكدت فيه أن الإضراب مستمر.",
                                              {"ORG": ["النقابة الوطنية"]},
                                              [("indirect", "الإضراب مستمر", "النقابة الوطنية")]),
    "found in a statement": ("وجاء في البيان أن الحادث وقع ليلا.", {},
                             [("indirect", "الحادث وقع ليلا", "البيان")]),
    "found in a ministry's statement": ("وجاء في بلاغ لوزارة الصحة أن الحادث وقع ليلا.", {},
                                        [("indirect", "الحادث وقع ليلا", "وزارة الصحة")]),
    "a document noun after its issuer": ("وأصدرت البلدية بيانا جاء فيه أن الطريق مغلق.", {},
                                         [("indirect", "الطريق مغلق", "البلدية")]),
    "a document speaks for its owner": ("وأكد بيان لوزارة الداخلية أن الوضع تحت السيطرة.", {},
                                        [("indirect", "الوضع تحت السيطرة", "وزارة الداخلية")]),
    "a report of a named organization": ("وقال تقرير لمنظمة العفو الدولية إن السجناء عذبوا.",
                                         {"ORG": ["منظمة العفو الدولية"]},
                                         [("indirect", "السجناء عذبوا", "منظمة العفو الدولية")]),
    "an institution with two conjuncts": ("وقالت وزارة المرأة والأسرة والطفولة إن الطفل بخير.", {},
                                          [("indirect", "الطفل بخير", "وزارة المرأة والأسرة والطفولة")]),
    "a quotation mark that never closes": ('وقال الباحث سامي فرج "في الوقت الحالي نقيم المرضى متأخرين. وأضاف أن الفحص مهم.',
                                           {"PER": ["سامي فرج"]},
                                           [("direct", "في الوقت الحالي نقيم المرضى متأخرين", "سامي فرج"),
                                            ("indirect", "الفحص مهم", "سامي فرج")]),
    "an unclosed mark after no name is no quote": ('وزار الوزير "المعرض الدولي للكتاب أمس.', {}, []),
    "a relative clause before «، إن»": ("وقال سامي فرج الذي عمل مع الفريق منذ سنوات، وصمم النموذج الأول للجهاز في مختبر "
                                         "الجامعة قبل عامين، إن الجهاز يعمل.", {"PER": ["سامي فرج"]},
                                         [("indirect", "الجهاز يعمل", "سامي فرج")]),
    "issued after «لكن», then a dropped subject": ('لكن وزارة الخارجية الكندية أصدرت بيانا جاء فيه أن "العنف مرفوض". '
                                                  "وأعلنت أنها ستتابع الوضع.", {},
                                                  [("direct", "العنف مرفوض", "وزارة الخارجية الكندية"),
                                                   ("indirect", "ستتابع الوضع", "وزارة الخارجية الكندية")]),
    "a verb before the cue is no subject": ("المعارضة رفضت العرض وقالت إن الانتخابات مزورة.", {},
                                            [("indirect", "الانتخابات مزورة", None)]),
    "which indicates is no report": ("وتقدمت المدينة عشرة مراكز، ما يشير إلى تحسن الخدمات فيها.", {}, []),
    "given that is no complementizer": ("إذ يبلغ معدل أعمار اللاعبين 25 عاما، علما أن غالبيتهم يشاركون للمرة الأولى.", {}, []),
    "amounts to is no cue": ('وحصلت الكاتبة على الجائزة التي تبلغ قيمتها 50 ألف جنيه عن روايتها "رحلات طيران".', {}, []),
    "a journal's name in quotation marks is no quote": ('وأوضح فريق من الباحثين في مجلة "نيتشر"، أن البحر سيرتفع.', {},
                                                        [("indirect", "البحر سيرتفع", "فريق")]),
    "the statement as the subject, one quote": ('وأكد البيان "أن الحكومة ماضية في الإصلاح".', {},
                                                [("direct", "أن الحكومة ماضية في الإصلاح", "البيان")]),
    "according to, in a short opening clause": ("أما السبب الثاني، وفقا لسامي فرج، فهو الخوف من المجتمع.",
                                                {"PER": ["سامي فرج"]},
                                                [("indirect", "هو الخوف من المجتمع", "سامي فرج")]),
    "in accordance with is no source": ("وتمت صياغة المشروع وفقا لمعايير الاتحاد الأوروبي.", {"ORG": ["الاتحاد الأوروبي"]}, []),
    "by his words is no source": ("وارتفعت الأسعار بنسبة 15 في المئة بحسب قوله.", {}, []),
    "a quotation with more words after it": ('وقال الرئيس "إن المرحلة المقبلة صعبة" في خطاب ألقاه أمام البرلمان.', {},
                                             [("indirect", 'المرحلة المقبلة صعبة" في خطاب ألقاه أمام البرلمان', "الرئيس")]),
    "said in a tweet, quoted": ('ونشر الرئيس تغريدة قال فيها "سننتصر في النهاية".', {},
                                [("direct", "سننتصر في النهاية", "الرئيس")]),
    "an issuer, not its object": ("وأصدرت المحكمة حكما قالت فيه إن المتهم بريء.", {}, [("indirect", "المتهم بريء", "المحكمة")]),
    "a report by an agency": ("وأفاد تقرير لوكالة رويترز بأن الشركة ستغلق.", {"ORG": ["رويترز"]},
                              [("indirect", "الشركة ستغلق", "رويترز")]),
    "a statement issued by": ("وجاء في بيان صادر عن وزارة الخارجية الأردنية أن السفير استدعي.", {},
                              [("indirect", "السفير استدعي", "وزارة الخارجية الأردنية")]),
    "a title before an organization": ("وقال رئيس هيئة الحقيقة والكرامة إن الملفات جاهزة.", {"ORG": ["هيئة الحقيقة والكرامة"]},
                                       [("indirect", "الملفات جاهزة", "رئيس هيئة الحقيقة والكرامة")]),
    "a conditional إن is no complementizer": ("وهدد الوزير بفرض رسوم جديدة على البضائع في الأسابيع المقبلة، إن لم تتراجع الشركات.",
                                             {}, [("indirect", "فرض رسوم جديدة على البضائع في الأسابيع المقبلة، إن لم تتراجع الشركات", "الوزير")]),
    "a far colon that opens a list": ("وأكد المدرب نبيل معلول ثقته الكاملة في اللاعبين قبل المباراة المهمة أمام المنتخب "
                                      "المصري، وجاءت التشكيلة كالتالي: معز حسن وأيمن عبد النور.", {"PER": ["نبيل معلول"]}, []),
    "according to what a newspaper confirmed": ("ووجه القضاء اتهامات لنجل الرئيس، بحسب ما أكدته صحيفة لوموند الفرنسية.",
                                                {"ORG": ["لوموند"]},
                                                [("indirect", "ووجه القضاء اتهامات لنجل الرئيس", "لوموند")]),
    "according to a statement issued by": ("وحسب البلاغ الصادر عن الشركة فإن الأشغال ستنتهي غدا.", {},
                                           [("indirect", "الأشغال ستنتهي غدا", "الشركة")]),
    "a channel's quoted name that holds إن": ('وقالت شبكة "سي إن إن" الأمريكية إن الرئيس سيزور المنطقة.', {},
                                             [("indirect", "الرئيس سيزور المنطقة", "سي إن إن")]),
    "according to a minister, named": ("وتقرر تأجيل الانتخابات بحسب وزير الخارجية الأردني أيمن الصفدي.",
                                       {"PER": ["أيمن الصفدي"]},
                                       [("indirect", "وتقرر تأجيل الانتخابات", "أيمن الصفدي")]),
    "issued by a person after his title": ("وأصدر رئيس الوزراء العراقي مصطفى الكاظمي بيانا قال فيه إن الانتخابات ستجرى.",
                                           {"PER": ["مصطفى الكاظمي"]},
                                           [("indirect", "الانتخابات ستجرى", "مصطفى الكاظمي")]),
    "in accordance with instructions is no source": ("ويتم التوظيف وفقا لتعليمات وزارة الشؤون الاجتماعية.", {}, []),
    "according to what a source reported": ("وتراجعت الأسعار حسب ما أفاد به مصدر أمني.", {},
                                            [("indirect", "وتراجعت الأسعار", "مصدر أمني")]),
    "quoting": ("ونقلا عن شهود عيان، فإن الطائرة سقطت في البحر.", {},
                [("indirect", "الطائرة سقطت في البحر", "شهود عيان")]),
    "agency relays": ("ونقلت وكالة رويترز عن الوزير علي حسن قوله إن الإنتاج سيرتفع.",
                      {"ORG": ["رويترز"], "PER": ["علي حسن"]}, [("indirect", "الإنتاج سيرتفع", "علي حسن")]),
    "participle": ("وقال سامي فرج إن المصنع جاهز، مشيرا إلى أن الإنتاج يبدأ غدا.", {"PER": ["سامي فرج"]},
                   [("indirect", "المصنع جاهز", "سامي فرج"), ("indirect", "الإنتاج يبدأ غدا", "سامي فرج")]),
    "subject first": ("وزارة التعليم أعلنت أن المدارس ستفتح.", {"ORG": ["وزارة التعليم"]},
                      [("indirect", "المدارس ستفتح", "وزارة التعليم")]),
    "plain subject after the verb": ("وذكرت تقارير إعلامية أن الشركة ستطرح أسهمها.", {},
                                     [("indirect", "الشركة ستطرح أسهمها", "تقارير إعلامية")]),
    "statement from an organization": ("وأوضح بيان صادر عن وزارة الداخلية أن الحادث وقع ليلا.",
                                       {"ORG": ["وزارة الداخلية"]},
                                       [("indirect", "الحادث وقع ليلا", "وزارة الداخلية")]),
    "according to what": ("ووفقا لما ذكرته وزارة النقل، فإن القطار تأخر ساعتين.", {"ORG": ["وزارة النقل"]},
                          [("indirect", "القطار تأخر ساعتين", "وزارة النقل")]),
    "while another says": ("وقالت الحكومة البريطانية إن لندن ستفرض عقوبات، بينما قال الكرملين إن موسكو سترد.",
                           {"ORG": ["الحكومة البريطانية", "الكرملين"], "LOC": ["لندن", "موسكو"]},
                           [("indirect", "لندن ستفرض عقوبات", "الحكومة البريطانية"),
                            ("indirect", "موسكو سترد", "الكرملين")]),
    "name in quotes before the speech": ("وفي تصريح لصحيفة «الأهرام»، قال الوزير هاني سويلم إن النيل مطمئن.",
                                         {"ORG": ["الأهرام"], "PER": ["هاني سويلم"], "LOC": ["النيل"]},
                                         [("indirect", "النيل مطمئن", "هاني سويلم")]),
    "denial, direct object": ("ونفى الناطق باسم الحكومة خالد العمري الأنباء عن استقالته.", {"PER": ["خالد العمري"]},
                              [("indirect", "الأنباء عن استقالته", "خالد العمري")]),
    "source noun on behalf of": ("ونفت المتحدثة باسم الشرطة ما تداولته مواقع التواصل.", {},
                                 [("indirect", "ما تداولته مواقع التواصل", "المتحدثة باسم الشرطة")]),
    "call, with إلى": ("دعت الأمم المتحدة إلى هدنة فورية في السودان.", {"ORG": ["الأمم المتحدة"], "LOC": ["السودان"]},
                       [("indirect", "هدنة فورية في السودان", "الأمم المتحدة")]),
    "demand, glued ب": ("وطالب الاتحاد الأوروبي بالإفراج عن الصحفيين المحتجزين.", {"ORG": ["الاتحاد الأوروبي"]},
                        [("indirect", "الإفراج عن الصحفيين المحتجزين", "الاتحاد الأوروبي")]),
    "announcement, عن": ("أعلنت شركة سامر للطيران عن خط جديد إلى تونس.", {"ORG": ["شركة سامر للطيران"], "LOC": ["تونس"]},
                         [("indirect", "خط جديد إلى تونس", "شركة سامر للطيران")]),
    "warning, dropped subject": ("قال وزير الصحة سامي العلي إن الوضع مستقر. وحذر من التهاون في الإجراءات.",
                                 {"PER": ["سامي العلي"]},
                                 [("indirect", "الوضع مستقر", "سامي العلي"),
                                  ("indirect", "التهاون في الإجراءات", "سامي العلي")]),
    "call, the object before إلى": ("قال الرئيس عمر خالد إن الاتفاق تاريخي، ودعا الأطراف إلى احترامه.",
                                    {"PER": ["عمر خالد"]},
                                    [("indirect", "الاتفاق تاريخي", "عمر خالد"),
                                     ("indirect", "احترامه", "عمر خالد")]),
    "threat, opening quotation": ('وهدد الوزير ماهر سلوم بـ"محاسبة" المقصرين.', {"PER": ["ماهر سلوم"]},
                                  [("indirect", '"محاسبة" المقصرين', "ماهر سلوم")]),
    "title before the name, direct object": ("وفند الكاتب العام للنقابة فتحي الرويسي، ما أعلنته الوزارة.",
                                             {"PER": ["فتحي الرويسي"]},
                                             [("indirect", "ما أعلنته الوزارة", "فتحي الرويسي")]),
    "a feminine verb and its subject": ("وطالبت الرابطة بإيقاف المحاكمات فورا.", {},
                                        [("indirect", "إيقاف المحاكمات فورا", "الرابطة")]),
    "subject before an object verb": ("مصر تنفي تصريحات عن سد النهضة", {"LOC": ["مصر"]},
                                      [("indirect", "تصريحات عن سد النهضة", "مصر")]),
    "a name before a comma is no subject": ('قال المدرب خالد سعد إن الفريق جاهز. وعن منافسه، النادي الأهلي، قال: "سنحترمه".',
                                            {"PER": ["خالد سعد"], "ORG": ["النادي الأهلي"]},
                                            [("indirect", "الفريق جاهز", "خالد سعد"), ("direct", "سنحترمه", "خالد سعد")]),
    "went on to say": ('قال الوزير سالم حداد إن الخطة جاهزة. وتابع بالقول: "لا تراجع".', {"PER": ["سالم حداد"]},
                       [("indirect", "الخطة جاهزة", "سالم حداد"), ("direct", "لا تراجع", "سالم حداد")]),
    "the person a relative pronoun stands for": ('وتحدث حارس المرمى سامي نصر، والذي قال: "علينا أن نتحسن".',
                                                  {"PER": ["سامي نصر"]}, [("direct", "علينا أن نتحسن", "سامي نصر")]),
    "a number of officials": ("رجح 3 مسؤولين أميركيين أن الاتفاق قريب.", {},
                              [("indirect", "الاتفاق قريب", "3 مسؤولين أميركيين")]),
    "plural subject, direct object": ("واتهم منتقدون أردوغان بالتضييق على المعارضة.", {"PER": ["أردوغان"]},
                                      [("indirect", "أردوغان بالتضييق على المعارضة", "منتقدون")]),
    "كان … قد after a comma": ("وكانت رابطة الأمهات، قد كشفت أن السجون مكتظة.", {},
                               [("indirect", "السجون مكتظة", "رابطة الأمهات")]),
    "a relative clause ends the source": ("وقال المسؤولون الذين تحدثوا للشبكة إن الغارات مستمرة.", {},
                                          [("indirect", "الغارات مستمرة", "المسؤولون")]),
    "participle with a direct object": ("وقال المحامي سامر عوض إن المحكمة منحازة، واصفا الأحكام بالجائرة.",
                                        {"PER": ["سامر عوض"]},
                                        [("indirect", "المحكمة منحازة", "سامر عوض"),
                                         ("indirect", "الأحكام بالجائرة", "سامر عوض")]),
    "participle with إلى": ("وأكد المسؤولون أن الخطة جاهزة، مشيرين إلى تحسن الأداء.", {},
                            [("indirect", "الخطة جاهزة", "المسؤولون"), ("indirect", "تحسن الأداء", "المسؤولون")]),
    "a source noun and a definite object": ("ونفى المتحدث الاتهامات.", {}, [("indirect", "الاتهامات", "المتحدث")]),
    "a source noun, object, preposition": ("واتهم المتحدث الحكومة بالفساد.", {},
                                           [("indirect", "الحكومة بالفساد", "المتحدث")]),
    "a source with its adjective": ("ونفى مصدر أمني الاتهامات.", {}, [("indirect", "الاتهامات", "مصدر أمني")]),
    "a feminine subject, direct object": ("وفندت الوزارة هذه المزاعم.", {}, [("indirect", "هذه المزاعم", "الوزارة")]),
    "on behalf of an untagged ministry": ("ونفى المتحدث باسم وزارة الخارجية المصرية الأنباء.", {},
                                          [("indirect", "الأنباء", "المتحدث باسم وزارة الخارجية المصرية")]),
    "student is not a demand": ("طالب بجامعة القاهرة يفوز بجائزة دولية.", {"ORG": ["جامعة القاهرة"]}, []),
    "dateline is not a headline": ("بغداد: وصل الوفد إلى المطار صباح اليوم.", {"LOC": ["بغداد"]}, []),
    "scare quotes": ('وانطلقت عملية "درع الشمال" فجر الأحد.', {}, []),
    "book title": ("وصدر للكاتب منير عبود كتاب «ذاكرة المدينة» هذا العام.", {"PER": ["منير عبود"]}, []),
    "between is not a cue": ("وتقع المدينة بين نهري دجلة والفرات على بعد مئة كيلومتر.", {"LOC": ["دجلة", "الفرات"]}, []),
    "after بعد أن": ("وارتفعت البورصة بعد أن أعلن البنك المركزي خفض الفائدة.", {"ORG": ["البنك المركزي"]}, []),
    # 0.7.0, from batch 4's errors (own sentences)
    "told to the newspaper, then a quotation": ('وقال كريم داود للصحيفة "سنفتتح المصنع قريبا".', {"PER": ["كريم داود"]},
                                                [("direct", "سنفتتح المصنع قريبا", "كريم داود")]),
    "told to the journalists is no part of the speaker": ('وقال الوزير للصحفيين "الخطة جاهزة".', {},
                                                         [("direct", "الخطة جاهزة", "الوزير")]),
    "a magazine's quoted name is no quotation": ('ونشر في مجلة "الأفق" مقالا طويلا.', {"ORG": ["الأفق"]}, []),
    "announced a noun phrase": ("وأعلنت البلدية إغلاق الطريق الساحلي.", {},
                                [("indirect", "إغلاق الطريق الساحلي", "البلدية")]),
    "announced, the object ends at a comma": ("وأعلنت الشرطة توقيف ثلاثة أشخاص، إذ أشارت المصادر إلى أن التحقيق مستمر.", {},
                                              [("indirect", "توقيف ثلاثة أشخاص", "الشرطة"),
                                               ("indirect", "التحقيق مستمر", "المصادر")]),
    "until is no complementizer": ("وأعلنت الوزارة وقف الرحلات إلى أن يتحسن الطقس.", {},
                                   [("indirect", "وقف الرحلات إلى أن يتحسن الطقس", "الوزارة")]),
    "claimed responsibility": ("وأعلنت حركة الجهاد مسؤوليتها عن التفجير.", {},
                               [("indirect", "مسؤوليتها عن التفجير", "حركة الجهاد")]),
    "an evaluative adjective is no part of the speaker": ("وأعلنت هيئة الرباط الإرهابية أنها نفذت الهجوم.", {},
                                                          [("indirect", "نفذت الهجوم", "هيئة الرباط")]),
    "the same source": ("وقال مسؤول أمني إن الأشغال تأخرت. وأوضح المصدر ذاته أن المقاول انسحب.", {},
                        [("indirect", "الأشغال تأخرت", "مسؤول أمني"),
                         ("indirect", "المقاول انسحب", "مسؤول أمني")]),
    "according to what X confirmed": ("وأغلقت ثلاث مدارس في المدينة، وفق ما أكده مدير التعليم سامي عوض.", {"PER": ["سامي عوض"]},
                                      [("indirect", "وأغلقت ثلاث مدارس في المدينة", "سامي عوض")]),
    "in accordance with is no source": ("وتجري الانتخابات وفق القانون الجديد، ويصوت المواطنون يوم الأحد.", {}, []),
    "a definite title said again": ("وقال المتحدث باسم الجيش، العقيد سامر حداد، إن الهدوء عاد. "
                                    "وأكد المتحدث باسم الجيش الوطني أن الدوريات مستمرة. "
                                    "وقال المتحدث باسم الحرس البلدي إن الطرق مفتوحة.", {"PER": ["سامر حداد"]},
                                    [("indirect", "الهدوء عاد", "سامر حداد"), ("indirect", "الدوريات مستمرة", "سامر حداد"),
                                     ("indirect", "الطرق مفتوحة", "المتحدث باسم الحرس البلدي")]),  # whom he speaks for differs
    "another president's title is no antecedent": ("وقال الرئيس الفرنسي جان دوبوا إن الاتفاق جيد. وقال الرئيس الأمريكي إن الاتفاق سيئ.",
                                                   {"PER": ["جان دوبوا"]},
                                                   [("indirect", "الاتفاق جيد", "جان دوبوا"),
                                                    ("indirect", "الاتفاق سيئ", "الرئيس الأمريكي")]),
    "an untagged ministry before a relative clause": ("ورفض المحامي بيان وزارة العدل التونسية، التي أعلنت أن المحاكمة ستؤجل.", {},
                                                      [("indirect", "المحاكمة ستؤجل", "وزارة العدل التونسية")]),
    "a source in its place": ("وقال مسؤول محلي بمدينة حمص إن الطريق مغلق.", {"LOC": ["حمص"]},
                              [("indirect", "الطريق مغلق", "مسؤول محلي بمدينة حمص")]),
    "where a minister spoke is not part of the speaker": ("وقال الوزير في تونس إن الطريق مغلق.", {"LOC": ["تونس"]},
                                                           [("indirect", "الطريق مغلق", "الوزير")]),
    "said to an agency is no speaker": ("وقال سامي عوض إن الطريق مغلق. وأفاد في تصريح لوكالة الأنباء الرسمية، أن الأشغال ستبدأ.",
                                        {"PER": ["سامي عوض"], "ORG": ["الأنباء الرسمية"]},
                                        [("indirect", "الطريق مغلق", "سامي عوض"), ("indirect", "الأشغال ستبدأ", "سامي عوض")]),
    "according to what, in one word": ("وأغلقت المدارس، حسبما أفاد مصدر أمني.", {},
                                       [("indirect", "وأغلقت المدارس", "مصدر أمني")]),
    "more reporting verbs": ("وأورد المرصد أن القصف تواصل. ووجدت الدراسة أن التلوث زاد. ونبه الخبير إلى أن الأسعار سترتفع.", {},
                             [("indirect", "القصف تواصل", "المرصد"), ("indirect", "التلوث زاد", "الدراسة"),
                              ("indirect", "الأسعار سترتفع", "الخبير")]),
    "found and increased are no cues without an anchor": ("ووجدت الشرطة جثة في المنزل. وزاد عدد القتلى إلى عشرين.", {}, []),
    "our correspondent": ("ويقول مراسلنا إن الطرق مغلقة.", {}, [("indirect", "الطرق مغلقة", "مراسلنا")]),
    "a channel's correspondent": ("وأفاد مراسل الجزيرة بأن الطرق مغلقة.", {"ORG": ["الجزيرة"]},
                                  [("indirect", "الطرق مغلقة", "مراسل الجزيرة")]),
    "the subject of a relative clause is its antecedent": (
        "وكان النظام السوري الذي ينفي الاتهامات بالضلوع في الهجوم، دعا منظمة الصحة العالمية إلى زيارة المدينة.",
        {"ORG": ["منظمة الصحة العالمية"]},
        [("indirect", "الاتهامات بالضلوع في الهجوم", "النظام السوري"), ("indirect", "زيارة المدينة", "النظام السوري")]),
    "an indefinite title keeps the noun it governs": ("وأعلن رئيس الوزراء استقالة حكومته.", {},
                                                     [("indirect", "استقالة حكومته", "رئيس الوزراء")]),
    "an object ends before another statement": (
        "وأعلنت الوزارة إغلاق المدارس، وفي المساء قال مصدر حكومي إن القرار مؤقت.", {},
        [("indirect", "إغلاق المدارس", "الوزارة"), ("indirect", "القرار مؤقت", "مصدر حكومي")]),
    "a set-off object before a second complement": ("واتهم المجلس، شركات صرافة غير مرخصة، بالمضاربة.", {},
                                                    [("indirect", "شركات صرافة غير مرخصة، بالمضاربة", "المجلس")]),
    "the ministry warns the named person": ("وحذرت وزارة الدفاع الرئيس سامي عوض من التصعيد.", {"PER": ["سامي عوض"]},
                                            [("indirect", "التصعيد", "وزارة الدفاع")]),
    "another title's governed noun": ("وقال رئيس الوزراء العراقي سامي عوض إن الانتخابات ستجرى. "
                                      "وقال الرئيس العراقي إن الدستور واضح.", {"PER": ["سامي عوض"]},
                                      [("indirect", "الانتخابات ستجرى", "سامي عوض"),
                                       ("indirect", "الدستور واضح", "الرئيس العراقي")]),
    "a cue with its object pronoun": ("ووصفته الصحيفة بأنه أغنى رجل في البلاد.", {},
                                      [("indirect", "أغنى رجل في البلاد", "الصحيفة")]),
    "a present verb describing a common noun is no statement": (
        "وصدر قانون جديد يشدد على حماية البيانات. ومصدر أمني يؤكد أن التحقيق مستمر.", {},
        [("indirect", "التحقيق مستمر", "مصدر أمني")]),
    "a complementizer inside a name is no anchor": ("وقالت شبكة سي إن إن إن الهجوم فشل.", {"ORG": ["سي إن إن"]},
                                                    [("indirect", "الهجوم فشل", "سي إن إن")]),
}


@pytest.mark.parametrize("name", CASES)
def test_pattern(qnlp, name):
    text, names, expected = CASES[name]
    assert quotes_of(qnlp, text, names)[1] == expected


@pytest.mark.parametrize("verb, speaker", [("وأضاف", "حسن المهدي"), ("وأضافت", "رشا النمر")])
def test_dropped_subject_agrees_in_gender(qnlp, verb, speaker):
    text = (f"وقال حسن المهدي إن المحصول وفير. وقالت رشا النمر إن الدعم سيستمر. "
            f"{verb} أن الأسعار ستنخفض.")
    _, quotes = quotes_of(qnlp, text, {"PER": ["حسن المهدي", "رشا النمر"]})
    assert quotes[-1] == ("indirect", "الأسعار ستنخفض", speaker)


def test_plural_dropped_subject_takes_the_earlier_subject(qnlp):
    text = "وقال الوزيران إن البلدين سيوقعان اتفاقية. وأضافا أن المفاوضات استمرت عامين."
    _, quotes = quotes_of(qnlp, text, {})
    assert quotes[-1] == ("indirect", "المفاوضات استمرت عامين", "الوزيران")


@pytest.mark.parametrize("group", ["المزارعون", "الناس", "السكان"])
def test_singular_dropped_subject_passes_over_a_group(qnlp, group):
    # The verb before a plural subject stays singular (ويقول المزارعون), so the group is plural
    # and a later «وأضاف» goes back to the person.
    text = (f"وقال سليم العتيبي إن السد سيكتمل. ويقول {group} إن الماء لا يكفي. "
            "وأضاف أن العمل سيستأنف في الربيع.")
    doc, quotes = quotes_of(qnlp, text, {"PER": ["سليم العتيبي"]})
    assert quotes[1][2] == group and doc._.quotes[1].gender == "pl"
    assert quotes[-1] == ("indirect", "العمل سيستأنف في الربيع", "سليم العتيبي")


@pytest.mark.parametrize("text, names, speaker", [
    # subject–verb order: what follows the verb is its object, not its subject
    ("نادر الزين اتهم الحكومة المصرية بالتقصير في دعم الفلاحين.", {"PER": ["نادر الزين"], "ORG": ["الحكومة المصرية"]},
     "نادر الزين"),
    ("وزارة الزراعة نفت الشائعات حول نقص القمح.", {"ORG": ["وزارة الزراعة"]}, "وزارة الزراعة"),
    ("مجلة العربي الجديد وصفت القرار بالمتسرع.", {"ORG": ["العربي الجديد"]}, "العربي الجديد"),  # the name
    ("صحيفة المساء المغربية قالت إن البرلمان سيصوت غدا.", {}, "المساء المغربية"),  # no name tagged: the words after the noun
])
def test_subject_before_its_verb(qnlp, text, names, speaker):
    _, quotes = quotes_of(qnlp, text, names)
    assert [q[2] for q in quotes] == [speaker]


def test_statement_to_an_agency_keeps_the_verbs_speaker(qnlp):
    # «في تصريح لوكالة Y»: where the words were said; Y is the addressee, not the speaker
    text = ("وقال كريم الشامي، المدير التنفيذي لهيئة تنظيم قطاع الاتصالات في المملكة، "
            "في تصريح لوكالة الأنباء الألمانية إن الشبكة الجديدة ستعمل قريبا. وأضاف أن الأسعار ستنخفض.")
    _, quotes = quotes_of(qnlp, text, {"PER": ["كريم الشامي"], "ORG": ["الأنباء الألمانية"]})
    assert [q[2] for q in quotes] == ["كريم الشامي", "كريم الشامي"]


def test_relayed_words_after_a_colon(qnlp):
    # «عن X قوله، …: "…"»: the relay noun takes a colon; «حسب الله» in a name is no source word
    text = ('ونقلت الصحيفة عن النائب عادل حسب الله قوله، خلال ندوة في الجامعة: "المشروع سيقدم للبرلمان الشهر المقبل". '
            'وأضاف "سنطلب جلسة طارئة".')
    _, quotes = quotes_of(qnlp, text, {"PER": ["عادل حسب الله"]})
    assert quotes == [("direct", "المشروع سيقدم للبرلمان الشهر المقبل", "عادل حسب الله"),
                      ("direct", "سنطلب جلسة طارئة", "عادل حسب الله")]


@pytest.mark.parametrize("text, speaker", [
    ('وذكرت مجلة "الأفق" الأسبوعية أن الانتخابات ستؤجل.', "الأفق"),  # a medium's noun is a title (media_names)
    ("وقالت شركة «نور للطاقة» إن المحطة ستعمل صيفا.", "شركة «نور للطاقة»"),
])
def test_source_noun_keeps_the_name_in_quotation_marks(qnlp, text, speaker):
    _, quotes = quotes_of(qnlp, text, {})
    assert [q[2] for q in quotes] == [speaker]


@pytest.mark.parametrize("text, names, speaker", [
    ("وأكد تقرير لمنظمة الصحة العالمية أن التلوث يقتل الملايين.", {"ORG": ["منظمة الصحة العالمية"]},
     "منظمة الصحة العالمية"),  # a document speaks for its author (0.5: the whole «تقرير لـ …»)
    ("وقالت مصادر مقربة من الرئاسة إن الحكومة ستستقيل.", {}, "مصادر مقربة من الرئاسة"),
    ("وقال مسؤول أمني لوكالة الأنباء الألمانية إن الطريق مغلق.", {"ORG": ["الأنباء الألمانية"]},
     "مسؤول أمني"),  # «ل X» after a person: whom it was said to
])
def test_whom_the_source_belongs_to(qnlp, text, names, speaker):
    _, quotes = quotes_of(qnlp, text, names)
    assert [q[2] for q in quotes] == [speaker]


@pytest.mark.parametrize("text, names, speaker", [
    # a dropped subject inside a sentence: the person its first clause names
    ("وفي زيارة رئيس الوزراء كمال داود للمصنع، قال إن الإنتاج سيتضاعف.", {"PER": ["كمال داود"]}, "كمال داود"),
    # … not one named after the first comma, nor one after a preposition
    ("وبعد فوزه بالسباق على منافسه، الإيطالي ماركو بيلا، قال إن الطريق كان صعبا.", {"PER": ["ماركو بيلا"]}, None),
    ("وخلال لقائه مع الوزير كمال داود قال إن التعاون سيستمر.", {"PER": ["كمال داود"]}, None),
])
def test_dropped_subject_inside_a_sentence(qnlp, text, names, speaker):
    _, quotes = quotes_of(qnlp, text, names)
    assert [q[2] for q in quotes] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("واتهمت هيئة الرقابة الإدارية الشركة بإخفاء الأرباح.", "هيئة الرقابة الإدارية"),  # verb, institution, object
    ("وطالب مجلس النواب بفتح تحقيق عاجل.", "مجلس النواب"),
    ("ودعا الحكومة إلى فتح تحقيق عاجل.", None),  # «دعا» does not agree with «الحكومة»: its object
    ("وأعربت الممثلة المصرية الشهيرة عن سعادتها بالجائزة.", "الممثلة المصرية الشهيرة"),  # with its adjectives
    ("لكن المصادر قالت إن الاتفاق قريب.", "المصادر"),  # a source noun before its verb
    ("والسلطات المحلية أعلنت أن الطريق سيفتح غدا.", "السلطات المحلية"),
])
def test_unnamed_institution_or_source_as_subject(qnlp, text, speaker):
    _, quotes = quotes_of(qnlp, text, {})
    assert [q[2] for q in quotes] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("وقالت وزارة الزراعة والري في بيان إن المحصول وفير.", "وزارة الزراعة والري"),
    ("وأكدت هيئة الطاقة الذرية والبحث العلمي أن المفاعل آمن.", "هيئة الطاقة الذرية والبحث العلمي"),
    # two unnamed sources are one speaker (the annotation guidelines: «محاميان ومصدر قضائي»)
    ("وقال مسؤول محلي وشاهد عيان إن الطريق مغلق.", "مسؤول محلي وشاهد عيان"),
    ("وقال مسؤول محلي وسكان الحي إن الطريق مغلق.", "مسؤول محلي وسكان الحي"),
])
def test_unnamed_source_with_a_conjoined_noun(qnlp, text, speaker):
    _, quotes = quotes_of(qnlp, text, {})
    assert quotes[0][2] == speaker


@pytest.mark.parametrize("text, names, expected", [
    # «ذكر» (also "male") reaches a far anchor when a subject follows it
    ("وذكر مراقبون، في تقارير نشرت على مواقع مختلفة أمس، أن الانتخابات كانت نزيهة.", {},
     [("indirect", "الانتخابات كانت نزيهة", "مراقبون")]),
    ("وذكر، في تقارير نشرت على مواقع مختلفة أمس وأول أمس، أن الانتخابات كانت نزيهة.", {}, []),
    # … but never past a participle, whose anchor it is
    ("ودعت منظمة الصليب الأحمر إلى وقف القتال، مؤكدة أن المدنيين يدفعون الثمن.", {"ORG": ["الصليب الأحمر"]},
     [("indirect", "وقف القتال", "الصليب الأحمر"), ("indirect", "المدنيين يدفعون الثمن", "الصليب الأحمر")]),
])
def test_ambiguous_cue_with_its_subject(qnlp, text, names, expected):
    assert quotes_of(qnlp, text, names)[1] == expected


def test_a_person_in_quotation_marks_gives_way_to_one_outside(qnlp):
    text = 'وقال مدير شركة "نوفا" سليم حداد إن المصنع جاهز.'
    _, quotes = quotes_of(qnlp, text, {"PER": ["نوفا", "سليم حداد"]})  # the tagger took the company for a person
    assert [q[2] for q in quotes] == ["سليم حداد"]


def test_a_repeated_title_is_the_person_named_after_it(qnlp):
    text = ("قال مدير الهيئة العامة للموانئ، سالم الكعبي إن الميناء سيتوسع. "
            "وأكد مدير الهيئة العامة أن العمل سيبدأ قريبا.")
    _, quotes = quotes_of(qnlp, text, {"PER": ["سالم الكعبي"]})
    assert [q[2] for q in quotes] == ["سالم الكعبي", "سالم الكعبي"]


def test_a_title_before_someone_else_is_no_antecedent(qnlp):
    # «السيدة الأولى» stands before a name the tagger missed, not before the president named later
    text = ("التقت السيدة الأولى ليندا مور، السبت، الرئيس كمال داود في القصر. "
            "وأعربت السيدة الأولى عن سعادتها بالزيارة.")
    _, quotes = quotes_of(qnlp, text, {"PER": ["كمال داود"]})
    assert [q[2] for q in quotes] == ["السيدة الأولى"]


def test_headline_statement_ends_with_its_sentence(qnlp):
    # an article as one line: the title, " . ", then the body
    text = "الناتو: نعمل مع العراق . اجتمع وزراء دفاع الحلف في بروكسل أمس."
    _, quotes = quotes_of(qnlp, text, {"ORG": ["الناتو"], "LOC": ["العراق", "بروكسل"]})
    assert quotes == [("direct", "نعمل مع العراق", "الناتو")]


def test_a_stray_closing_mark_does_not_pair_later_marks_wrongly(qnlp):
    text = ('وقال سامي عادل إن الخطة "ستنجح" ولكن بعد موافقة الجميع". '
            'ثم قال سامي عادل "لن نتراجع عن الخطة".')
    _, quotes = quotes_of(qnlp, text, {"PER": ["سامي عادل"]})
    assert quotes[-1] == ("direct", "لن نتراجع عن الخطة", "سامي عادل")


def test_dropped_subject_without_antecedent_has_no_speaker(qnlp):
    _, quotes = quotes_of(qnlp, "وأضاف أن الأسعار ستنخفض.", {})
    assert quotes == [("indirect", "الأسعار ستنخفض", None)]


def test_independent_attribution_ends_the_content(qnlp):
    text = "وقال علي الراشد إن المصنع سيوظف ألف عامل، وأكدت هالة منصور أن الإنتاج سيبدأ في الخريف."
    _, quotes = quotes_of(qnlp, text, {"PER": ["علي الراشد", "هالة منصور"]})
    assert quotes == [("indirect", "المصنع سيوظف ألف عامل", "علي الراشد"),
                      ("indirect", "الإنتاج سيبدأ في الخريف", "هالة منصور")]


def test_anonymous_speaker_has_no_entity_and_targets_resolve_through_clusters(qnlp):
    text = "قال حلف شمال الأطلنطى (ناتو) إنه باق. وقال مصدر دبلوماسي إن الحلف سيبقى في العراق."
    doc, _ = quotes_of(qnlp, text, {"ORG": ["حلف شمال الأطلنطى", "ناتو"], "LOC": ["العراق"]})
    q = doc._.quotes[-1]
    assert q.speaker.text == "مصدر دبلوماسي" and q.speaker_entity is None
    assert [t._.cluster.name for t in q.targets] == ["حلف شمال الأطلنطى", "العراق"]
    _, _, quotes = to_schema(doc)
    assert quotes[-1].speaker.entity is None and quotes[-1].targets == ("e1", "e3")


def test_to_schema_offsets_into_the_original_text(qnlp):
    piece = "وقال يانس ستولينبيرج إن الحلف سيعمل مع العراق."
    text = "مقدمة\n" + piece
    doc = annotate(qnlp, piece, find_names(qnlp, piece, {"PER": ["يانس ستولينبيرج"], "LOC": ["العراق"]}))
    entities, clusters, quotes = to_schema(doc, text, offset=6, start=(1, 1, 1))
    (q,) = quotes
    assert q.id == "q2" and q.kind == "indirect" and q.cue.text == "قال"
    for span in (q.content, q.cue, q.speaker, *entities):
        assert text[span.start:span.end] == span.text
    assert q.speaker.entity == "e2" and q.speaker.cluster == "c2" and q.targets == ("e3",)
    assert q.to_dict()["speaker"]["entity"] == "e2"


def test_quotes_survive_serialization(qnlp):
    text = "وقال مصدر حكومي إن الموازنة جاهزة."
    doc, quotes = quotes_of(qnlp, text, {})
    copy = Doc(qnlp.vocab).from_bytes(doc.to_bytes())
    assert [(q.kind, q.content.text, q.speaker.text) for q in copy._.quotes] == quotes


def test_cue_lexicon_is_normalized_data():
    data = json.loads(CUES_PATH.read_text(encoding="utf-8"))
    forms = [f for genders in data["verbs"].values() for fs in genders.values() for f in fs]
    forms += [f for fs in data["participles"].values() for f in fs] + data["nouns"] + data["complementizers"]
    assert len(forms) > 400
    assert all(normalize(f).text == f for f in forms)
    assert all(set(g) == {"m", "f", "pl"} for g in data["verbs"].values())
    assert {"قال", "قالت", "قالوا", "يقول", "تقول", "يقولون"} <= set(data["verbs"]["قال"]["m"] + data["verbs"]["قال"]["f"]
                                                               + data["verbs"]["قال"]["pl"])


def test_dev_set(qnlp):
    lines = DEV_SET.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 60
    scores = evaluate(DEV_SET, nlp=qnlp)
    assert scores["attribution"] >= 0.90, scores
    assert scores["recall"] >= 0.90 and scores["precision"] >= 0.90, scores
    assert scores["target_recall"] >= 0.80, scores


def test_dev_set_end_to_end():
    """The same set with the shipped NER instead of gold entities: a floor under the figures
    measured when this test was written (recall 0.95, attribution 0.86, target recall 0.84)."""
    scores = evaluate(DEV_SET, gold_entities=False)
    assert scores["recall"] >= 0.90 and scores["precision"] >= 0.90, scores
    assert scores["attribution"] >= 0.80 and scores["target_recall"] >= 0.75, scores


SEED_NAMES = {
    "PER": ["يانس ستولينبيرج", "ستولينبيرج", "ستوليبنبيرج", "مصطفى الكاظمى", "جمعه سعدون", "فؤاد حسين"],
    "ORG": ["الناتو", "ناتو", "حلف شمال الأطلنطى", "حلف شمال الاطلنطي", "حلف شمال الاطلنطى", "داعش",
            "الحكومة العراقية", "الأمم المتحدة", "الاتحاد الأوروبي", "مجلس شمال الأطلنطى"],
    "LOC": ["العراق", "بروكسل", "الشرق الاوسط", "أستراليا", "فنلندا", "السويد", "بغداد", "الاردن"],
}


@pytest.fixture(scope="module", params=["gold entities", "model"])
def seed_doc(request, qnlp, seed_text):
    """The seed with hand-set entities, then through the whole shipped pipeline."""
    if request.param == "model":
        return load()(seed_text)
    return annotate(qnlp, seed_text, find_names(qnlp, seed_text, SEED_NAMES))


def seed_quote(doc, start):
    """The quote whose content starts with ``start``."""
    matches = [q for q in doc._.quotes if q.content.text.startswith(start)]
    assert matches, [q.content.text[:30] for q in doc._.quotes]
    return matches[0]


def stoltenberg(doc):
    return next(c for c in doc._.clusters if c.name == "يانس ستولينبيرج")


def names(spans):
    """Cluster names of ``spans``, folded (normalized, no ال) as the dev-set scorer compares them."""
    return {fold(t._.cluster.name) for t in spans}


def test_seed_stoltenberg_is_one_cluster(seed_doc):
    texts = [m.text for m in stoltenberg(seed_doc).mentions]
    assert {"يانس ستولينبيرج", "ستولينبيرج", "ستوليبنبيرج"} == set(texts)
    assert len([e for e in seed_doc.ents if "ستولي" in e.text]) == len(texts)


@pytest.mark.parametrize("start, cue, speaker, targets", [
    ("نعمل على تعزيز شراكتنا", None, "الناتو", {"العراق", "داعش"}),
    ("الحلف سيعمل على تعزيز", "قال", "stoltenberg", {"العراق", "داعش", "حلف شمال الأطلنطى"}),
    ("بعثة الناتو في العراق", "أكد", "stoltenberg", {"العراق", "حلف شمال الأطلنطى"}),
    ("لقد أجريت مباحثات", "قال", "stoltenberg", {"مصطفى الكاظمى", "جمعه سعدون", "فؤاد حسين"}),
    ("لقد شرفت بزيارة", "أضاف", "stoltenberg", {"العراق", "بروكسل"}),
    ("القادة العراقيين قد شاركوا", "قال", "stoltenberg", {"العراق", "داعش"}),
])
def test_seed_quotes(request, seed_doc, start, cue, speaker, targets):
    if request.node.callspec.params["seed_doc"] == "model":
        targets = targets - MODEL_MISSES
    q = seed_quote(seed_doc, start)
    assert (q.cue.text if q.cue is not None else None) == cue
    if speaker == "stoltenberg":
        assert q.speaker_entity is not None and q.speaker._.cluster.id == stoltenberg(seed_doc).id
    else:
        assert q.speaker.text == speaker
    assert {fold(t) for t in targets} <= names(q.targets)


MODEL_MISSES = {"جمعه سعدون"}  # «ووزيرا دفاعه جمعه سعدون»: جمعه is also "his meeting"; no context names him


@pytest.mark.xfail(strict=True, reason="the shipped model misses جمعه سعدون (issue 3)")
def test_seed_model_finds_every_minister(seed_text):
    doc = load()(seed_text)
    assert MODEL_MISSES <= {e.text for e in doc.ents if e.label_ == "PER"}


def test_seed_scare_quotes_are_not_quotes(seed_doc):
    assert not [q for q in seed_doc._.quotes if q.content.text.startswith(("بعثة غير قتالية", "شريك", "تدريب المدربين",
                                                                          "آلية للتشاور", "غير القتالية"))]
    assert seed_quote(seed_doc, "بعثة الناتو في العراق").kind == "mixed"


@pytest.mark.parametrize("text", ['"نعم" قال', "قال الوزير:  وأضاف أن الحلف مستعد",
                                  "الناتو:   وأكد الأمين العام أن الحلف مستعد", '"" قال الوزير'])
def test_edge_cases_give_no_empty_content(qnlp, text):
    doc = qnlp(text)
    assert all(q.content.text.strip() for q in doc._.quotes)


@pytest.mark.parametrize("text", ["بغداد: نائب الرئيس العراقي يزور طهران", "بغداد: سنوات من الحرب تركت آثارها"])
def test_a_dateline_before_a_noun_is_no_headline_quote(qnlp, text):
    doc = annotate(qnlp, text, find_names(qnlp, text, {"LOC": ["بغداد", "طهران"]}))
    assert not doc._.quotes


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["قال", "الوزير", "«", "»", '"', "\n", ".", "العراق", "إن", ":"]), max_size=40),
       st.data())
def test_the_finder_context_answers_as_a_scan_would(qnlp, words, data):
    from spacy.tokens import Span

    from arabic_extract.lexicons.cues import load_cues
    from arabic_extract.quotes.context import Context

    doc = qnlp.make_doc(" ".join(words))
    doc = qnlp.get_pipe("arabic_sentences")(doc)
    starts = sorted(data.draw(st.sets(st.integers(0, max(len(doc) - 1, 0)), max_size=4))) if len(doc) else []
    doc.ents = [Span(doc, s, s + 1, label="PER") for s in starts]
    ctx = Context(doc, load_cues())
    n = len(doc)
    for i in range(n + 1):
        assert ctx.line_end(i) == next((k for k in range(i, n) if "\n" in doc[k].text), max(i, n))
    for i in range(n):
        assert ctx.in_region(i) == any(o < i < c for o, c in ctx.regions.items())
    for a in range(n + 1):
        for b in range(a, n + 1):
            assert ctx.region_within(a, b) == any(a <= o and c < b for o, c in ctx.regions.items())
            assert ctx.entity_at(a, b) == [e for e in ctx.ents if a <= e.start and e.end <= b]


def test_unbalanced_quotation_marks_keep_quote_finding_linear():
    nlp = load(fast=True)
    base = 'قال الوزير إن "الحكومة ستعمل مع العراق وأضاف أن «الحلف سيبقى '

    def seconds(n):
        text = (base * (n // len(base) + 1))[:n]
        best = float("inf")
        for _ in range(2):
            started = time.perf_counter()
            nlp(text)
            best = min(best, time.perf_counter() - started)
        return best

    # 4x the text: about 4x the time (5x here, 13x when each quote scanned to the line's end)
    assert seconds(100_000) / seconds(25_000) < 9


# Real news (tests/data/quotes_news.jsonl) ---------------------------------------------------------

NEWS = ROOT / "tests" / "data" / "quotes_news.jsonl"
CORPUS = ROOT.parent / "shared" / "data" / "corpus"


def test_news_annotations_are_well_formed():
    from arabic_extract.training.evaluate_quotes import is_news

    records = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]
    assert is_news(NEWS) and len(records) >= 40
    held = [r for r in records if r["split"] == "heldout"]
    assert len(held) * 3 >= len(records)
    for r in records:
        for q in r["quotes"]:
            for t in q["targets"]:
                assert q["content"][0] <= t["start"] < t["end"] <= q["content"][1]
            assert q["speaker_type"] in ("PER", "ORG", "LOC", "anonymous") and q["gender"] in ("m", "f", "pl", None)
            assert not q["dropped_subject"] or q["speaker"] is None


def test_news_matching_takes_half_of_the_shorter_span_one_to_one():
    from arabic_extract.training.evaluate_quotes import match_quotes

    class P:  # a predicted quote: only its content's character offsets matter
        def __init__(self, s, e):
            self.content = type("C", (), {"start_char": s, "end_char": e})

    gold = [{"content": [0, 100]}, {"content": [100, 110]}]
    # 0-40 lies inside gold 1 (40 of its 40 characters); 95-104 shares 4 of 9 with gold 2 (too few) and
    # 5 of 9 with gold 1, which is taken already
    assert match_quotes(gold, [P(0, 40), P(95, 104)]) == {0: 0}
    assert match_quotes(gold, [P(0, 200)]) == {0: 0}  # one prediction, one gold
    assert match_quotes(gold, [P(103, 108), P(0, 60)]) == {0: 1, 1: 0}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/data/corpus is absent")
def test_news_dev_scores_and_checksums(tmp_path):
    from arabic_extract.training.evaluate_quotes import evaluate_news, read_news

    scores = evaluate_news(NEWS, CORPUS, "dev", details=True)
    assert scores["articles"] >= 30 and scores["quotes"] >= 150
    # measured at the first run (2026-12-02): precision 0.97, recall 0.65; a floor against regressions
    assert scores["precision"] >= 0.9 and scores["recall"] >= 0.6, scores
    assert all(e["error"] in ("missed", "spurious", "speaker wrong", "speaker partial")
               for errors in scores["errors"].values() for e in errors)
    tampered = tmp_path / "news.jsonl"
    first = json.loads(NEWS.read_text(encoding="utf-8").splitlines()[0])
    tampered.write_text(json.dumps(dict(first, line=first["line"] + 1)) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not the annotated article"):
        read_news(tampered, CORPUS)
    batch2 = read_news(NEWS, CORPUS, "dev", batch=2)  # evaluate-quotes --batch 2 (texts only, nothing scored)
    assert len(batch2) == 16 and {(r["batch"], r["split"]) for r, _ in batch2} == {(2, "dev")}


def test_news_matching_serves_required_statements_before_borderline_ones():
    from arabic_extract.training.evaluate_quotes import match_quotes

    class P:
        def __init__(self, s, e):
            self.content = type("C", (), {"start_char": s, "end_char": e})

    gold = [{"content": [0, 10], "borderline": "nested"}, {"content": [0, 50], "borderline": None}]
    assert match_quotes(gold, [P(0, 10)]) == {1: 0}
    assert match_quotes(gold, [P(0, 10), P(0, 50)]) == {1: 1, 0: 0}


def test_dropped_subject_passes_over_a_nested_quote():
    from arabic_extract.quotes.context import Found
    from arabic_extract.quotes.speakers import resolve_dropped_subjects

    outer = Found("direct", (2, 20), (0, 1), "m", anchor=1, speaker=(30, 31), speaker_is_entity=True)
    nested = Found("indirect", (8, 12), (6, 7), "m", anchor=7, speaker=(40, 41))  # someone quoted inside it
    dropped = Found("direct", (24, 28), (22, 23), "m", anchor=23)
    resolve_dropped_subjects([outer, nested, dropped])
    assert dropped.speaker == (30, 31)


@pytest.mark.parametrize("text, names, genders", [
    ("قالت الوزيرة هند سالم إن الموازنة جاهزة. وأضافت أن العجز سينخفض.", {"PER": ["هند سالم"]}, ["f", "f"]),
    ("قال المدير سامر عوض إن المصنع جاهز.", {"PER": ["سامر عوض"]}, ["m"]),
    ("وقالت وزارة الصحة إن الإصابات تراجعت.", {"ORG": ["وزارة الصحة"]}, [None]),  # an organization has none
    ("وقالت الوزارة إن الإصابات تراجعت.", {}, [None]),  # … nor has an institution noun
    ("وقالت المتحدثة إن الإصابات تراجعت.", {}, ["f"]),
    ("وقالت هند سالم إن الحكومة ستعمل، مشيرا إلى انتشار الوباء.", {"PER": ["هند سالم"]}, ["f", "f"]),
    ("وقال مصدر أمني إن الطريق مغلق.", {}, ["m"]),
    ("وأكد المحتجون أنهم باقون في الساحة.", {}, ["pl"]),
    ("رجح 3 مسؤولين أميركيين أن الاتفاق قريب.", {}, ["pl"]),
    ("الناتو: نعمل مع العراق\nبروكسل", {"ORG": ["الناتو"], "LOC": ["العراق", "بروكسل"]}, [None]),
])
def test_speaker_gender_from_the_cue(qnlp, text, names, genders):
    doc, _ = quotes_of(qnlp, text, names)
    assert [q.gender for q in doc._.quotes] == genders
    _, _, quotes = to_schema(doc)
    assert [q.speaker.gender if q.speaker else None for q in quotes] == genders


def test_currencies_units_and_pronoun_words_are_no_targets(qnlp):
    text = "وقال الوزير سامي خالد إن ضلوعهم في رفع سعر الدولار إلى 15 جنيها في مصر ثابت."
    doc, _ = quotes_of(qnlp, text, {"PER": ["سامي خالد", "ضلوعهم"], "MISC": ["الدولار", "جنيها"], "LOC": ["مصر"]})
    q, = doc._.quotes
    assert [t.text for t in q.targets] == ["مصر"]
    doc, _ = quotes_of(qnlp, "وقال سامي خالد إن الدولار الأمريكي وشركة بنها للطيران تراجعا.",
                       {"PER": ["سامي خالد"], "MISC": ["الدولار الأمريكي"], "ORG": ["بنها"]})
    assert [t.text for t in doc._.quotes[0].targets] == ["الدولار الأمريكي", "بنها"]  # a name is kept


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30), st.integers(0, 60)), max_size=12))
def test_nested_quotes_is_the_pairwise_definition(raw):
    from arabic_extract.quotes.context import Found
    from arabic_extract.quotes.speakers import nested_quotes

    found = []
    for start, length, cue in raw:
        if start <= cue < start + length:  # a quote's own content never holds its cue
            continue
        found.append(Found("indirect", (start, start + length), (cue, cue + 1), None, anchor=cue))
    pairwise = {id(q) for q in found if any(p is not q and p.content[0] <= q.cue[0] < p.content[1] for p in found)}
    assert nested_quotes(found) == pairwise


@pytest.mark.parametrize("contrast", ["إلا أن", "غير أن", "رغم أن", "كما أن"])
def test_however_is_no_complementizer_of_the_cue_before_it(qnlp, contrast):
    """«إلا أن» (and غير أن، رغم أن، كما أن) opens a clause of its own: what follows is nobody's statement."""
    text = f"وأكد الوزير سامي فؤاد دعمه للمبادرة في اجتماع الأمس، {contrast} المعارضة رفضتها."
    _, quotes = quotes_of(qnlp, text, {"PER": ["سامي فؤاد"]})
    assert all(not content.startswith("المعارضة") for _, content, _ in quotes), quotes


def test_pointing_to_a_noun_phrase_is_a_statement(qnlp):
    text = "وأشار الوزير سامي فؤاد إلى أهمية الحوار بين الأطراف."
    _, quotes = quotes_of(qnlp, text, {"PER": ["سامي فؤاد"]})
    assert [(content, speaker) for _, content, speaker in quotes] == [("أهمية الحوار بين الأطراف", "سامي فؤاد")]


def test_because_is_no_complementizer_of_the_cue_before_it(qnlp):
    text = "وأكد الوزير سامي فؤاد في اجتماع الأمس دعمه للخطة لأنها تخدم الناس."
    _, quotes = quotes_of(qnlp, text, {"PER": ["سامي فؤاد"]})
    assert all(not content.startswith("تخدم") for _, content, _ in quotes), quotes


@pytest.mark.parametrize("text, names, speaker", [
    ("الرئيس الأمريكي سامي فؤاد سبق له أن أكد أنه لن يتراجع.", {"PER": ["سامي فؤاد"]}, "سامي فؤاد"),
    ("وزارة الصحة سبق أن أعلنت أن الوضع مستقر.", {"ORG": ["وزارة الصحة"]}, "وزارة الصحة"),
])
def test_subject_before_had_already(qnlp, text, names, speaker):
    """«X سبق له أن أكد»: the subject ends before «سبق (له) أن»."""
    _, quotes = quotes_of(qnlp, text, names)
    assert [s for _, _, s in quotes] == [speaker]


@pytest.mark.parametrize("text, names, speaker", [
    ("وكتبت صحيفة لوموند الفرنسية أن الحكومة تواجه أزمة.", {"ORG": ["لوموند"]}, "لوموند"),
    ('ووفقا لموقع "ميديابارت"، فإن التحقيق سيستمر.', {}, "ميديابارت"),
    ("وقالت قناة النهار إن الطريق مغلق.", {}, "قناة النهار"),  # a channel's name only when tagged or quoted
    ("وقالت صحيفة محلية إن الطريق مغلق.", {}, "صحيفة محلية"),  # an adjective, no name
    ("وقالت وكالة الاستخبارات المركزية إن التهديد قائم.", {}, "وكالة الاستخبارات المركزية"),
    ("وقالت صحيفة الشروق إن الطريق مغلق.", {}, "الشروق"),
    ("وذكرت وكالة الأنباء الألمانية أن الطريق مغلق.", {}, "وكالة الأنباء الألمانية"),  # news words: the name whole
    ("وقالت الصحيفة البريطانية إن الطريق مغلق.", {}, "الصحيفة البريطانية"),  # a description, no name after a title
])
def test_a_media_noun_is_a_title_before_the_name(qnlp, text, names, speaker):
    _, quotes = quotes_of(qnlp, text, names)
    assert [q[2] for q in quotes] == [speaker]


def test_a_target_named_again_is_the_same_target():
    from arabic_extract.training.evaluate_quotes import same_target

    text = "زار الوفد تونس ثم عاد إلى تونس وليبيا"
    first, second, libya = (10, 14), (26, 30), (32, 37)
    assert text[slice(*first)] == text[slice(*second)] == "تونس" and text[slice(*libya)] == "ليبيا"
    assert same_target(text, first, second) and same_target(text, first, (11, 13))
    assert not same_target(text, first, libya)


def test_gold_speaker_names_follow_the_antecedent_chain():
    from arabic_extract.training.evaluate_quotes import gold_speaker_names

    text = "قال مصدر أمني إن أ. وأكد نفس المصدر أن ب. وأضاف المصدر ذاته أن ج."
    span = lambda s: [text.index(s), text.index(s) + len(s)]  # noqa: E731
    first = {"speaker": span("مصدر أمني"), "antecedent": None, "name": None}
    second = {"speaker": span("نفس المصدر"), "antecedent": span("مصدر أمني"), "name": None}
    third = {"speaker": span("المصدر ذاته"), "antecedent": span("نفس المصدر"), "name": None}
    assert gold_speaker_names(text, third, [first, second, third]) == {"مصدر ذاته", "نفس المصدر", "مصدر امني"}
    assert gold_speaker_names(text, third) == {"مصدر ذاته", "نفس المصدر"}  # without the article's statements
