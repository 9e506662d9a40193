import type { ProblemCode } from "../../../../src/domain/problem-codes.ts";

/**
 * Why an imported row was rejected, by the problem's code (src/domain/problem-codes.ts), merged into
 * en.ts and fi.ts. The English texts are the importer's own sentences (import-reasons.test.ts checks
 * that each gives back the importer's text), so the type makes both languages word every code the
 * importer can give. `{name}` is a parameter of the problem; the `import.reasonWord.*` entries word
 * the parameters that name a kind of value (components/import-reasons.ts).
 */
type ReasonMessages = Record<`import.reason.${ProblemCode}`, string>;

/** The kinds of value a JSON field expects (ingest/value-coercion.ts), the ones it got, and JSON types. */
type WordMessages = Record<
  | `import.reasonWord.type.${"id" | "name" | "text" | "instant" | "decimal" | "integer" | "seconds" | "boolean" | "channel" | "speaker" | "surveyKind" | "period"}`
  | `import.reasonWord.given.${"boolean" | "list" | "object" | "number"}`
  | `import.reasonWord.json.${"null" | "array" | "string" | "number" | "boolean"}`
  | `import.reasonWord.control.${"NUL" | "BEL" | "backspace" | "vertical tab" | "form feed" | "SUB (end of file)" | "ESC" | "DEL"}`
  | `import.reasonField.${"line" | "lineField" | "cue" | "cueAt" | "file" | "json" | "record" | "speaker"}`,
  string
>;

const reasonsEn = {
  "import.reason.required": "is required",
  "import.reason.empty": "is empty",
  "import.reason.not_empty": "must not be empty",
  "import.reason.too_long": "must be at most {max} characters",
  "import.reason.too_many": "must be at most {max} items",
  "import.reason.too_big": "must be at most {max}",
  "import.reason.too_small": "must be at least {min}",
  "import.reason.one_of": "must be one of: {values}",
  "import.reason.type_list": "must be a list",
  "import.reason.type_text": "must be text",
  "import.reason.type_other": "must be a {expected}",
  "import.reason.type_mismatch": "must be {type}, not {given}",
  "import.reason.format_invalid": "is not a valid {format}",
  "import.reason.datetime_invalid": "is not a valid date and time",
  "import.reason.invalid": "is not valid",
  "import.reason.no_spaces": "must not contain spaces",
  "import.reason.month_format": "must be a month as YYYY-MM",
  "import.reason.range": "must be {min}–{max}",
  "import.reason.score_range": "must be {min}–{max} for {kind} (got {got})",
  "import.reason.whole_number": "must be a whole number",
  "import.reason.whole_number_got": "must be a whole number (got {value})",
  "import.reason.before_start": "must not be before started_at",
  "import.reason.name_control_character":
    "must not contain control characters (found {char} at character {position})",
  "import.reason.time_zone_unknown": "unknown time zone {zone}",
  "import.reason.time_invalid": "{value} is not a valid time",
  "import.reason.date_invalid": "{value} is not a valid date",
  "import.reason.date_unreadable":
    "{value} is not a date; use ISO 8601 (2025-03-04T10:15:00+02:00) or d.m.yyyy HH:MM",
  "import.reason.number_invalid": "{value} is not a number",
  "import.reason.finite_number": "must be a finite number",
  "import.reason.boolean_invalid": "{value} is not a yes/no value; use true/false, kyllä/ei or 1/0",
  "import.reason.boolean_number": "must be true or false (got {value})",
  "import.reason.speaker_unknown": "{value} is not a known speaker; use one of: {allowed}",
  "import.reason.survey_kind_unknown": "{value} is not a known survey kind; use one of: {allowed}",
  "import.reason.seconds_invalid": "{value} is not a number of seconds or a time like 01:23",
  "import.reason.negative": "must not be negative (got {value})",
  "import.reason.month_invalid": "{value} is not a valid month",
  "import.reason.month_unreadable": "{value} is not a month; use YYYY-MM, e.g. 2025-03",
  "import.reason.control_character":
    "contains a control character ({char}) at character {position}; remove it and import the row again",
  "import.reason.control_character_in":
    "{field} contains a control character ({char}) at character {position}; remove it and import the row again",
  "import.reason.cell_count":
    'has {cells} cells but the header has {width}; check for a missing or extra delimiter or an unquoted "{delimiter}"',
  "import.reason.quote_unclosed":
    'a quoted value starting here is never closed (missing "); this line and everything after it could not be read',
  "import.reason.csv_unparsable": "the file could not be parsed from this line on: {detail}",
  "import.reason.beyond_header":
    "has a value in column {column}, beyond the {width} columns of the header row",
  "import.reason.json_invalid": "is not valid JSON: {detail}",
  "import.reason.json_not_object": "must be a JSON object ({...}), got {jsonType}",
  "import.reason.encounter_id_required": "is required: every row needs the id of its encounter",
  "import.reason.encounter_field_differs":
    '"{value}" differs from "{first}" on line {line}; an encounter has one {field}',
  "import.reason.seq_repeated": "{seq} is also used on line {line}",
  "import.reason.turns_required": "is required (use [] for an encounter without a transcript)",
  "import.reason.turns_not_list": "must be a list of turns",
  "import.reason.turn_not_object": "must be an object with speaker and text",
  "import.reason.at_needs_start": "is a date, but started_at is missing or invalid",
  "import.reason.at_before_start": "{value} is before started_at",
  "import.reason.cue_no_timing": "has no timing line like 00:00:05.000 --> 00:00:08.000",
  "import.reason.note_not_pair":
    '{word} is not a key=value pair: quote a value with spaces, as in started_at="3.3.2025 9.02"',
  "import.reason.note_unknown_key": "is not an encounter field; known: {known}",
  "import.reason.cue_start_unreadable": "has an unreadable start time: {inner}",
  "import.reason.cue_end_unreadable": "has an unreadable end time: {inner}",
  "import.reason.speaker_label_missing":
    'has no speaker label; start its text with "Asiakas:" / "Customer:" or "Agentti:" / "Agent:", or use a <v Agent> voice tag',
  "import.reason.speaker_label_unknown":
    'speaker "{label}" is neither customer, agent nor bot; name the role (e.g. "Agentti {label}") or map the name in the transcript options',
  "import.reason.started_at_vtt":
    "is required for a transcript: pass it as an import option or add a header line like NOTE started_at=2025-03-01T10:00:00+02:00 to the VTT file",
  "import.reason.started_at_speech":
    'is required for a transcript: pass it as an import option or put {"started_at": "2025-03-01T10:00:00+02:00"} in a sidecar file <name>.meta.json',
  "import.reason.speech_none": "{file} holds no recognised speech",
  "import.reason.speech_not_diarised":
    'has no speaker in {file}: the transcript is not diarised. Use a diarised output (WhisperX "speaker", AWS ShowSpeakerLabels, Azure diarizationEnabled) or give unlabelled speech a role, e.g. --speakers "*=customer"',
  "import.reason.speaker_not_mapped":
    "in {file} (first heard at {where}, {at}) is not in the speaker mapping ({listed}); add it, e.g. --speakers {identity}=customer, or map everyone else with *=customer",
  "import.reason.speaker_third_voice":
    "in {file} (first heard at {where}, {at}) is a third voice: by default the first voice heard is the agent and the second the customer; name every speaker's role, e.g. --speakers spk_0=agent,spk_1=customer,{identity}=agent",
  "import.reason.seconds_type": "must be a number of seconds",
  "import.reason.seconds_text": 'must be seconds like "4.87" (got {value})',
  "import.reason.seconds_like": 'must be seconds like "4.87"',
  "import.reason.not_negative": "must not be negative",
  "import.reason.text_or_number": "must be text or a number",
  "import.reason.aws_item_type": 'must be "pronunciation" or "punctuation"',
  "import.reason.alternatives_empty": "must hold at least one alternative",
  "import.reason.ticks_type": "must be a number of ticks (100 ns)",
  "import.reason.nbest_list": "must be a list of recognition alternatives",
  "import.reason.pronunciation_untimed": "is a pronunciation item without start_time and end_time",
  "import.reason.punctuation_first": "is punctuation before any word",
  "import.reason.word_backwards":
    "is {start} s, before {before} at {beforeStart} s: times must not go backwards",
  "import.reason.no_offset":
    'has no readable offset (offsetInTicks, offsetMilliseconds or offset like "PT1.2S")',
  "import.reason.no_text": "has no recognised text (nBest[0].display)",
  "import.reason.beyond_day": "has a time beyond {limit} s (a day): not an offset in a call",
  "import.reason.ends_before_start": "ends ({end} s) before it starts ({start} s)",
  "import.reason.starts_backwards":
    "starts at {start} s, before {before} at {beforeStart} s: times must not go backwards",
  "import.reason.more_problems": "and {count} more problems of the same kinds",
  "import.reason.id_repeated": "is repeated by item {index} of this batch; only the last one is stored",
} as const satisfies ReasonMessages;

const wordsEn = {
  "import.reasonWord.type.id": "a text identifier",
  "import.reasonWord.type.name": "a name",
  "import.reasonWord.type.text": "text",
  "import.reasonWord.type.instant": "a date as text (ISO 8601 or d.m.yyyy HH:MM)",
  "import.reasonWord.type.decimal": "a number",
  "import.reasonWord.type.integer": "a whole number",
  "import.reasonWord.type.seconds": "a number of seconds",
  "import.reasonWord.type.boolean": "true or false",
  "import.reasonWord.type.channel": "a channel name",
  "import.reasonWord.type.speaker": "customer, agent or bot",
  "import.reasonWord.type.surveyKind": "nps, csat or ces",
  "import.reasonWord.type.period": "a month as YYYY-MM",
  "import.reasonWord.given.boolean": "true/false",
  "import.reasonWord.given.list": "a list",
  "import.reasonWord.given.object": "an object",
  "import.reasonWord.given.number": "a number",
  "import.reasonWord.json.null": "null",
  "import.reasonWord.json.array": "an array",
  "import.reasonWord.json.string": "a string",
  "import.reasonWord.json.number": "a number",
  "import.reasonWord.json.boolean": "a boolean",
  "import.reasonWord.control.NUL": "NUL",
  "import.reasonWord.control.BEL": "BEL",
  "import.reasonWord.control.backspace": "backspace",
  "import.reasonWord.control.vertical tab": "vertical tab",
  "import.reasonWord.control.form feed": "form feed",
  "import.reasonWord.control.SUB (end of file)": "SUB (end of file)",
  "import.reasonWord.control.ESC": "ESC",
  "import.reasonWord.control.DEL": "DEL",
  "import.reasonField.line": "line {line}",
  "import.reasonField.lineField": "line {line}: {field}",
  "import.reasonField.cue": "cue {cue} (line {line})",
  "import.reasonField.cueAt": "cue {cue} (line {line}, {at})",
  "import.reasonField.file": "file",
  "import.reasonField.json": "json",
  "import.reasonField.record": "record",
  "import.reasonField.speaker": "speaker {speaker}",
} as const satisfies WordMessages;

export const importReasonsEn = { ...reasonsEn, ...wordsEn };

export const importReasonsFi: Record<keyof typeof importReasonsEn, string> = {
  "import.reason.required": "pakollinen tieto puuttuu",
  "import.reason.empty": "on tyhjä",
  "import.reason.not_empty": "ei saa olla tyhjä",
  "import.reason.too_long": "saa olla enintään {max} merkkiä pitkä",
  "import.reason.too_many": "saa sisältää enintään {max} kohdetta",
  "import.reason.too_big": "saa olla enintään {max}",
  "import.reason.too_small": "on oltava vähintään {min}",
  "import.reason.one_of": "on oltava jokin näistä: {values}",
  "import.reason.type_list": "on oltava luettelo",
  "import.reason.type_text": "on oltava tekstiä",
  "import.reason.type_other": "on oltava tyyppiä {expected}",
  "import.reason.type_mismatch": "on oltava {type} eikä {given}",
  "import.reason.format_invalid": "ei ole kelvollinen {format}",
  "import.reason.datetime_invalid": "ei ole kelvollinen päivämäärä ja kellonaika",
  "import.reason.invalid": "ei kelpaa",
  "import.reason.no_spaces": "ei saa sisältää välilyöntejä",
  "import.reason.month_format": "on oltava kuukausi muodossa VVVV-KK",
  "import.reason.range": "on oltava {min}–{max}",
  "import.reason.score_range": "{kind}-arvon on oltava {min}–{max} (oli {got})",
  "import.reason.whole_number": "on oltava kokonaisluku",
  "import.reason.whole_number_got": "on oltava kokonaisluku (oli {value})",
  "import.reason.before_start": "ei saa olla ennen alkuaikaa (started_at)",
  "import.reason.name_control_character":
    "ei saa sisältää ohjausmerkkejä (merkki {char} kohdassa {position})",
  "import.reason.time_zone_unknown": "tuntematon aikavyöhyke {zone}",
  "import.reason.time_invalid": "{value} ei ole kelvollinen kellonaika",
  "import.reason.date_invalid": "{value} ei ole kelvollinen päivämäärä",
  "import.reason.date_unreadable":
    "{value} ei ole päivämäärä; käytä muotoa ISO 8601 (2025-03-04T10:15:00+02:00) tai p.k.vvvv HH:MM",
  "import.reason.number_invalid": "{value} ei ole luku",
  "import.reason.finite_number": "on oltava äärellinen luku",
  "import.reason.boolean_invalid": "{value} ei ole kyllä/ei-arvo; käytä arvoja kyllä/ei, true/false tai 1/0",
  "import.reason.boolean_number": "on oltava tosi tai epätosi (oli {value})",
  "import.reason.speaker_unknown": "{value} ei ole tunnettu puhuja; käytä jotakin näistä: {allowed}",
  "import.reason.survey_kind_unknown":
    "{value} ei ole tunnettu kyselytyyppi; käytä jotakin näistä: {allowed}",
  "import.reason.seconds_invalid": "{value} ei ole sekuntimäärä eikä kellonaika kuten 01:23",
  "import.reason.negative": "ei saa olla negatiivinen (oli {value})",
  "import.reason.month_invalid": "{value} ei ole kelvollinen kuukausi",
  "import.reason.month_unreadable": "{value} ei ole kuukausi; käytä muotoa VVVV-KK, esim. 2025-03",
  "import.reason.control_character":
    "sisältää ohjausmerkin ({char}) kohdassa {position}; poista se ja tuo rivi uudelleen",
  "import.reason.control_character_in":
    "kentässä {field} on ohjausmerkki ({char}) kohdassa {position}; poista se ja tuo rivi uudelleen",
  "import.reason.cell_count":
    'rivillä on {cells} solua mutta otsikkorivillä {width}; tarkista, puuttuuko erotinmerkki tai onko sitä liikaa tai onko arvossa "{delimiter}" ilman lainausmerkkejä',
  "import.reason.quote_unclosed":
    'tästä alkavaa lainausmerkeissä olevaa arvoa ei suljeta (puuttuva "); tätä riviä ja sen jälkeisiä ei voitu lukea',
  "import.reason.csv_unparsable": "tiedostoa ei voitu lukea tästä rivistä alkaen: {detail}",
  "import.reason.beyond_header":
    "sarakkeessa {column} on arvo, mutta otsikkorivillä on vain {width} saraketta",
  "import.reason.json_invalid": "ei ole kelvollista JSONia: {detail}",
  "import.reason.json_not_object": "on oltava JSON-objekti ({...}), nyt {jsonType}",
  "import.reason.encounter_id_required":
    "pakollinen tieto puuttuu: jokaisella rivillä on oltava kohtaamisensa tunniste",
  "import.reason.encounter_field_differs":
    '"{value}" poikkeaa rivin {line} arvosta "{first}"; kohtaamisella on vain yksi {field}-arvo',
  "import.reason.seq_repeated": "{seq} on käytössä myös rivillä {line}",
  "import.reason.turns_required":
    "pakollinen tieto puuttuu (käytä arvoa [], jos kohtaamisella ei ole litterointia)",
  "import.reason.turns_not_list": "on oltava luettelo puheenvuoroista",
  "import.reason.turn_not_object": "on oltava objekti, jossa on puhuja (speaker) ja teksti (text)",
  "import.reason.at_needs_start": "on päivämäärä, mutta alkuaika (started_at) puuttuu tai on virheellinen",
  "import.reason.at_before_start": "{value} on ennen alkuaikaa (started_at)",
  "import.reason.cue_no_timing": "ajoitusrivi puuttuu (esim. 00:00:05.000 --> 00:00:08.000)",
  "import.reason.note_not_pair":
    '{word} ei ole muotoa avain=arvo: laita välilyönnin sisältävä arvo lainausmerkkeihin, esim. started_at="3.3.2025 9.02"',
  "import.reason.note_unknown_key": "ei ole kohtaamisen kenttä; tunnetut: {known}",
  "import.reason.cue_start_unreadable": "alkuaikaa ei voi lukea: {inner}",
  "import.reason.cue_end_unreadable": "loppuaikaa ei voi lukea: {inner}",
  "import.reason.speaker_label_missing":
    'puhujaa ei ole merkitty; aloita teksti sanalla "Asiakas:" / "Customer:" tai "Agentti:" / "Agent:" tai käytä puhujatunnistetta <v Agent>',
  "import.reason.speaker_label_unknown":
    'puhuja "{label}" ei ole asiakas, asiakaspalvelija eikä botti; kerro rooli (esim. "Agentti {label}") tai liitä nimi rooliin litteroinnin asetuksissa',
  "import.reason.started_at_vtt":
    "on pakollinen litteroinnille: anna se tuonnin asetuksena tai lisää VTT-tiedoston alkuun rivi kuten NOTE started_at=2025-03-01T10:00:00+02:00",
  "import.reason.started_at_speech":
    'on pakollinen litteroinnille: anna se tuonnin asetuksena tai kirjoita {"started_at": "2025-03-01T10:00:00+02:00"} erilliseen tiedostoon <nimi>.meta.json',
  "import.reason.speech_none": "tiedostossa {file} ei ole tunnistettua puhetta",
  "import.reason.speech_not_diarised":
    'tiedostossa {file} ei ole puhujatietoja: litterointia ei ole eroteltu puhujittain. Käytä puhujat erottelevaa tulostetta (WhisperX "speaker", AWS ShowSpeakerLabels, Azure diarizationEnabled) tai anna tunnistamattomalle puheelle rooli, esim. --speakers "*=customer"',
  "import.reason.speaker_not_mapped":
    "tiedostossa {file} (kuultu ensin kohdassa {where}, {at}) puuttuu puhujien rooleista ({listed}); lisää se, esim. --speakers {identity}=customer, tai anna kaikille muille rooli: *=customer",
  "import.reason.speaker_third_voice":
    "tiedostossa {file} (kuultu ensin kohdassa {where}, {at}) on kolmas ääni: oletuksena ensimmäinen kuultu ääni on asiakaspalvelija ja toinen asiakas; kerro jokaisen puhujan rooli, esim. --speakers spk_0=agent,spk_1=customer,{identity}=agent",
  "import.reason.seconds_type": "on oltava sekuntimäärä",
  "import.reason.seconds_text": 'on oltava sekunteja muodossa "4.87" (oli {value})',
  "import.reason.seconds_like": 'on oltava sekunteja muodossa "4.87"',
  "import.reason.not_negative": "ei saa olla negatiivinen",
  "import.reason.text_or_number": "on oltava tekstiä tai luku",
  "import.reason.aws_item_type": 'on oltava "pronunciation" tai "punctuation"',
  "import.reason.alternatives_empty": "on oltava vähintään yksi vaihtoehto",
  "import.reason.ticks_type": "on oltava tick-määrä (100 ns)",
  "import.reason.nbest_list": "on oltava luettelo tunnistusvaihtoehdoista",
  "import.reason.pronunciation_untimed":
    "on sana (pronunciation) ilman alku- ja loppuaikaa (start_time, end_time)",
  "import.reason.punctuation_first": "on välimerkki ennen ensimmäistä sanaa",
  "import.reason.word_backwards":
    "on {start} s, siis ennen kohtaa {before} ({beforeStart} s): ajat eivät saa kulkea taaksepäin",
  "import.reason.no_offset":
    'alkukohtaa ei voi lukea (offsetInTicks, offsetMilliseconds tai offset, esim. "PT1.2S")',
  "import.reason.no_text": "tunnistettua tekstiä ei ole (nBest[0].display)",
  "import.reason.beyond_day": "aika on yli {limit} s (vuorokausi), joten se ei voi olla kohta puhelussa",
  "import.reason.ends_before_start": "päättyy ({end} s) ennen kuin alkaa ({start} s)",
  "import.reason.starts_backwards":
    "alkaa kohdassa {start} s, siis ennen kohtaa {before} ({beforeStart} s): ajat eivät saa kulkea taaksepäin",
  "import.reason.more_problems": "ja {count} muuta samanlaista ongelmaa",
  "import.reason.id_repeated": "toistuu tämän erän kohdassa {index}; vain viimeinen tallennetaan",
  "import.reasonWord.type.id": "tekstimuotoinen tunniste",
  "import.reasonWord.type.name": "nimi",
  "import.reasonWord.type.text": "tekstiä",
  "import.reasonWord.type.instant": "päivämäärä tekstinä (ISO 8601 tai p.k.vvvv HH:MM)",
  "import.reasonWord.type.decimal": "luku",
  "import.reasonWord.type.integer": "kokonaisluku",
  "import.reasonWord.type.seconds": "sekuntimäärä",
  "import.reasonWord.type.boolean": "tosi tai epätosi",
  "import.reasonWord.type.channel": "kanavan nimi",
  "import.reasonWord.type.speaker": "customer, agent tai bot",
  "import.reasonWord.type.surveyKind": "nps, csat tai ces",
  "import.reasonWord.type.period": "kuukausi muodossa VVVV-KK",
  "import.reasonWord.given.boolean": "tosi/epätosi",
  "import.reasonWord.given.list": "luettelo",
  "import.reasonWord.given.object": "objekti",
  "import.reasonWord.given.number": "luku",
  "import.reasonWord.json.null": "null",
  "import.reasonWord.json.array": "taulukko",
  "import.reasonWord.json.string": "merkkijono",
  "import.reasonWord.json.number": "luku",
  "import.reasonWord.json.boolean": "totuusarvo",
  "import.reasonWord.control.NUL": "NUL",
  "import.reasonWord.control.BEL": "BEL",
  "import.reasonWord.control.backspace": "askelpalautin",
  "import.reasonWord.control.vertical tab": "pystysarkain",
  "import.reasonWord.control.form feed": "sivunvaihto",
  "import.reasonWord.control.SUB (end of file)": "SUB (tiedoston loppu)",
  "import.reasonWord.control.ESC": "ESC",
  "import.reasonWord.control.DEL": "DEL",
  "import.reasonField.line": "rivi {line}",
  "import.reasonField.lineField": "rivi {line}: {field}",
  "import.reasonField.cue": "tekstitysjakso {cue} (rivi {line})",
  "import.reasonField.cueAt": "tekstitysjakso {cue} (rivi {line}, {at})",
  "import.reasonField.file": "tiedosto",
  "import.reasonField.json": "JSON",
  "import.reasonField.record": "tietue",
  "import.reasonField.speaker": "puhuja {speaker}",
};
