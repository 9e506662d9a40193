import type { FileErrorCode } from "../../../../src/domain/file-error-codes.ts";

/**
 * Why the importer refuses a file as a whole, by the error's code (src/domain/file-error-codes.ts),
 * merged into en.ts and fi.ts; the type makes both languages word every code. Shown after "The file
 * could not be read:", "The file cannot be imported like this:" or "The import stopped:". Unlike a
 * rejected row's reasons, the English here is the page's own: the importer's message may quote what
 * it found in the file (the columns of a header row that may be data) and speaks of the command
 * line's options, which the page has as fields. `{kind}` and `{format}` are worded by
 * components/import-file-errors.ts (`import.kind.*`, `import.fileFormat.*`), `{inner}` is a
 * reason of import-reasons.ts.
 */
type FileErrorMessages = Record<`import.fileError.${FileErrorCode}`, string>;

/** The formats a file error names: the call transcripts'. */
type FormatMessages = Record<
  `import.fileFormat.${"vtt" | "srt" | "whisper" | "aws-transcribe" | "azure-speech"}`,
  string
>;

const fileErrorsEn = {
  "import.fileError.file_missing": "the file does not exist.",
  "import.fileError.file_unreadable": "it could not be read ({detail}).",
  "import.fileError.file_directory": "it is a directory, not a file.",
  "import.fileError.file_not_regular": "it is not a regular file.",
  "import.fileError.file_empty": "the file is empty.",
  "import.fileError.file_binary":
    "it looks like binary data, not text ({percent}% of its first bytes are control characters such as NUL). Choose a CSV, JSONL, XLSX, VTT or SRT file; a spreadsheet or a database dump can be saved or exported as CSV (UTF-8).",
  "import.fileError.file_zip":
    "it is a ZIP archive, not text. An Excel workbook (.xlsx) is one: choose the format XLSX, or detect it automatically. Any other archive: unpack it and import the file inside.",
  "import.fileError.file_xls":
    "it is an old-style Excel (.xls) or other Microsoft Office file. Open it in Excel, save it as an Excel workbook (.xlsx) or as CSV UTF-8, and import that.",
  "import.fileError.file_pdf":
    "it is a PDF document. Export the data from the system that made it as CSV, XLSX or JSONL.",
  "import.fileError.file_gzip": "it is gzip-compressed. Decompress it first and import the file inside.",
  "import.fileError.file_image": "it is a {image} image, not a data file.",
  "import.fileError.file_sqlite":
    "it is an SQLite database. Export the table as CSV (e.g. sqlite3 -csv -header) and import that.",
  "import.fileError.file_archive": "it is a {archive} archive. Unpack it and import the file inside.",
  "import.fileError.jsonl_array": "it is a JSON array. Write one JSON object per line (JSON Lines) instead.",
  "import.fileError.no_header": "it has no header row (the file has no data).",
  "import.fileError.no_rows": "the file has no rows after its header.",
  "import.fileError.columns_missing":
    "required column(s) missing ({kind}): {missing}. Rename the columns in the file, or choose the field of a column in the column mapping; docs/formats.md lists the accepted names.",
  "import.fileError.mapping_not_field":
    'the column mapping maps a column to "{field}", which is not a field of this kind of file ({kind}).',
  "import.fileError.mapping_field_twice":
    'the column mapping maps two columns to "{field}"; map only one column to it.',
  "import.fileError.xlsx_unreadable":
    "it is not an Excel workbook that can be read. Open it in Excel and save it again as .xlsx, or save the sheet as CSV UTF-8.",
  "import.fileError.transcript_kind":
    "a transcript file ({format}) can only be imported as encounters (conversations).",
  "import.fileError.transcript_too_large": "it is too large for a call transcript.",
  "import.fileError.vtt_header": "it is not a WebVTT file: the first line must be WEBVTT.",
  "import.fileError.cues_none": 'no cues found; expected timed cues like "00:00:01.000 --> 00:00:04.000".',
  "import.fileError.speech_too_large":
    "it is {size} MB; a speech-to-text transcript may be at most {max} MB.",
  "import.fileError.speech_json_invalid": "it is not valid JSON: {detail} (read as {format}).",
  "import.fileError.speech_json_invalid_at":
    "it is not valid JSON at line {line}, column {column}: {detail} (read as {format}).",
  "import.fileError.speech_not_object":
    "it is not a transcript in the format {format}: it must be a JSON object.",
  "import.fileError.speech_part_not_object": '"{field}" must be a JSON object (read as {format}).',
  "import.fileError.speech_list_missing":
    '"{field}" is missing: a transcript read as {format} lists its timed speech there. Check that the format is right.',
  "import.fileError.speech_not_list": '"{field}" must be a list (read as {format}).',
  "import.fileError.speech_no_words":
    '"results.items" is missing or empty: the transcript has no words (read as {format}).',
  "import.fileError.sidecar_invalid": "its metadata file (.meta.json) is not valid JSON.",
  "import.fileError.sidecar_not_object":
    "its metadata file (.meta.json) must hold one JSON object of encounter fields.",
  "import.fileError.sidecar_speakers":
    'its metadata file (.meta.json): "speakers" must map labels to customer, agent or bot, like {"spk_0": "agent"}.',
  "import.fileError.speakers_pair": 'speakers: "{pair}" must look like spk_0=agent.',
  "import.fileError.speakers_role": "speakers: {speaker}: {inner}.",
} as const satisfies FileErrorMessages;

const formatsEn = {
  "import.fileFormat.vtt": "WebVTT",
  "import.fileFormat.srt": "SRT",
  "import.fileFormat.whisper": "Whisper JSON",
  "import.fileFormat.aws-transcribe": "AWS Transcribe JSON",
  "import.fileFormat.azure-speech": "Azure Speech JSON",
} as const satisfies FormatMessages;

export const importFileErrorsEn = { ...fileErrorsEn, ...formatsEn };

export const importFileErrorsFi: Record<keyof typeof importFileErrorsEn, string> = {
  "import.fileError.file_missing": "tiedostoa ei ole olemassa.",
  "import.fileError.file_unreadable": "sitä ei voitu lukea ({detail}).",
  "import.fileError.file_directory": "se on kansio eikä tiedosto.",
  "import.fileError.file_not_regular": "se ei ole tavallinen tiedosto.",
  "import.fileError.file_empty": "tiedosto on tyhjä.",
  "import.fileError.file_binary":
    "se näyttää binääridatalta eikä tekstiltä ({percent} % sen ensimmäisistä tavuista on ohjausmerkkejä, kuten NUL). Valitse CSV-, JSONL-, XLSX-, VTT- tai SRT-tiedosto; taulukon tai tietokannan vedoksen voi tallentaa tai viedä CSV-muodossa (UTF-8).",
  "import.fileError.file_zip":
    "se on ZIP-arkisto eikä tekstiä. Excel-työkirja (.xlsx) on sellainen: valitse muodoksi XLSX tai automaattinen tunnistus. Muu arkisto: pura se ja tuo sen sisältämä tiedosto.",
  "import.fileError.file_xls":
    "se on vanhanmallinen Excel-tiedosto (.xls) tai muu Microsoft Office -tiedosto. Avaa se Excelissä, tallenna se Excel-työkirjana (.xlsx) tai CSV UTF-8 -muodossa ja tuo se.",
  "import.fileError.file_pdf":
    "se on PDF-asiakirja. Vie tiedot sen tehneestä järjestelmästä CSV-, XLSX- tai JSONL-muodossa.",
  "import.fileError.file_gzip": "se on gzip-pakattu. Pura se ensin ja tuo sen sisältämä tiedosto.",
  "import.fileError.file_image": "se on {image}-kuva eikä datatiedosto.",
  "import.fileError.file_sqlite":
    "se on SQLite-tietokanta. Vie taulu CSV-muotoon (esim. sqlite3 -csv -header) ja tuo se.",
  "import.fileError.file_archive": "se on {archive}-arkisto. Pura se ja tuo sen sisältämä tiedosto.",
  "import.fileError.jsonl_array":
    "se on JSON-taulukko. Kirjoita sen sijaan yksi JSON-objekti riviä kohden (JSON Lines).",
  "import.fileError.no_header": "siinä ei ole otsikkoriviä (tiedostossa ei ole tietoja).",
  "import.fileError.no_rows": "tiedostossa ei ole rivejä otsikkorivin jälkeen.",
  "import.fileError.columns_missing":
    "pakollisia sarakkeita puuttuu ({kind}): {missing}. Nimeä sarakkeet tiedostossa uudelleen tai valitse sarakkeen kenttä sarakkeiden vastaavuudesta; hyväksytyt nimet luetellaan ohjeessa docs/formats.md.",
  "import.fileError.mapping_not_field":
    'sarakkeiden vastaavuudessa sarake on yhdistetty kenttään "{field}", jota ei ole tämän tyyppisessä tiedostossa ({kind}).',
  "import.fileError.mapping_field_twice":
    'sarakkeiden vastaavuudessa kenttään "{field}" on yhdistetty kaksi saraketta; yhdistä siihen vain yksi sarake.',
  "import.fileError.xlsx_unreadable":
    "se ei ole Excel-työkirja, jonka voisi lukea. Avaa se Excelissä ja tallenna se uudelleen .xlsx-muodossa, tai tallenna taulukko CSV UTF-8 -muodossa.",
  "import.fileError.transcript_kind":
    "litterointitiedoston ({format}) voi tuoda vain kohtaamisina (keskusteluina).",
  "import.fileError.transcript_too_large": "se on liian suuri puhelun litteroinniksi.",
  "import.fileError.vtt_header": "se ei ole WebVTT-tiedosto: ensimmäisen rivin on oltava WEBVTT.",
  "import.fileError.cues_none":
    'siitä ei löytynyt tekstitysjaksoja; odotettiin ajoitettuja jaksoja, kuten "00:00:01.000 --> 00:00:04.000".',
  "import.fileError.speech_too_large":
    "sen koko on {size} Mt; puheentunnistuksen litterointi saa olla enintään {max} Mt.",
  "import.fileError.speech_json_invalid":
    "se ei ole kelvollista JSONia: {detail} (luettu muodossa {format}).",
  "import.fileError.speech_json_invalid_at":
    "se ei ole kelvollista JSONia (rivi {line}, sarake {column}): {detail} (luettu muodossa {format}).",
  "import.fileError.speech_not_object":
    "se ei ole litterointi muodossa {format}: tiedoston on oltava JSON-objekti.",
  "import.fileError.speech_part_not_object":
    'kentän "{field}" on oltava JSON-objekti (luettu muodossa {format}).',
  "import.fileError.speech_list_missing":
    'kenttä "{field}" puuttuu; muodossa {format} luetussa litteroinnissa ajoitettu puhe on siinä. Tarkista, että muoto on oikea.',
  "import.fileError.speech_not_list": 'kentän "{field}" on oltava luettelo (luettu muodossa {format}).',
  "import.fileError.speech_no_words":
    '"results.items" puuttuu tai on tyhjä: litteroinnissa ei ole sanoja (luettu muodossa {format}).',
  "import.fileError.sidecar_invalid": "sen tietotiedosto (.meta.json) ei ole kelvollista JSONia.",
  "import.fileError.sidecar_not_object":
    "sen tietotiedostossa (.meta.json) on oltava yksi JSON-objekti, jossa on kohtaamisen kentät.",
  "import.fileError.sidecar_speakers":
    'sen tietotiedosto (.meta.json): "speakers"-kentän on yhdistettävä puhujatunnukset rooleihin customer, agent tai bot, esim. {"spk_0": "agent"}.',
  "import.fileError.speakers_pair": 'puhujat: "{pair}" on kirjoitettava muodossa spk_0=agent.',
  "import.fileError.speakers_role": "puhujat: {speaker}: {inner}.",
  "import.fileFormat.vtt": "WebVTT",
  "import.fileFormat.srt": "SRT",
  "import.fileFormat.whisper": "Whisper JSON",
  "import.fileFormat.aws-transcribe": "AWS Transcribe JSON",
  "import.fileFormat.azure-speech": "Azure Speech JSON",
};
