import type { RecordKind } from "../domain/index.ts";

/**
 * The alias data behind column-aliases.ts: what Finnish and English exports call each input field.
 * Kept apart from the matching logic because it grows with every new export people bring.
 * Aliases are written naturally ("avoin palaute"); matching folds case, accents and punctuation.
 */

export interface FieldTable {
  /** Canonical input fields, in documentation order. */
  readonly fields: readonly string[];
  /** Fields whose column must be present in a file header. */
  readonly required: readonly string[];
  readonly aliases: Readonly<Record<string, readonly string[]>>;
}

const CHANNEL = ["kanava", "yhteyskanava", "palvelukanava", "medium", "source channel"];
const TEAM = ["tiimi", "ryhmä", "yksikkö", "osasto", "jono", "queue", "group", "department", "unit"];
const AGENT = [
  "agentti",
  "asiakaspalvelija",
  "käsittelijä",
  "virkailija",
  "palvelija",
  "agent_id",
  "advisor",
];
const CUSTOMER_ID = [
  "asiakasnumero",
  "asiakas_id",
  "asiakastunnus",
  "asiakas",
  "customer",
  "customer_no",
  "customer_number",
  "client_id",
];
const ENCOUNTER_ID = [
  "kontakti_id",
  "kontakti",
  "yhteydenotto_id",
  "tiketti",
  "tiketti_id",
  "ticket",
  "ticket_id",
  "case_id",
  "tapaus",
  "conversation_id",
  "keskustelu_id",
  "call_id",
  "puhelu_id",
  "contact_id",
  "interaction_id",
];
const TOUCHPOINT = ["kosketuspiste", "palvelupiste", "aihe", "asiointi", "journey", "palvelu", "service"];
const COMMENT = [
  "kommentti",
  "palaute",
  "avoin palaute",
  "vapaa sana",
  "vapaa palaute",
  "perustelu",
  "feedback",
  "verbatim",
  "open feedback",
  "comments",
  "text",
];
const SURVEY_KIND = ["tyyppi", "kyselytyyppi", "mittari", "metric", "survey", "survey_type", "type"];
const SCORE = ["pisteet", "arvosana", "arvio", "suosittelu", "nps", "csat", "ces", "rating", "value", "arvo"];

export const FIELD_TABLES: Record<RecordKind, FieldTable> = {
  responses: {
    fields: [
      "id",
      "answered_at",
      "kind",
      "score",
      "comment",
      "channel",
      "touchpoint",
      "team",
      "agent",
      "customer_id",
      "encounter_id",
    ],
    required: ["id", "answered_at", "kind", "score"],
    aliases: {
      id: ["vastaus_id", "vastausnumero", "response_id", "tunniste", "tunnus"],
      answered_at: [
        "vastausaika",
        "vastattu",
        "vastauspäivä",
        "pvm",
        "päivämäärä",
        "aika",
        "date",
        "timestamp",
        "answered",
        "submitted_at",
        "response_date",
      ],
      kind: SURVEY_KIND,
      score: SCORE,
      comment: COMMENT,
      channel: CHANNEL,
      touchpoint: TOUCHPOINT,
      team: TEAM,
      agent: AGENT,
      customer_id: CUSTOMER_ID,
      encounter_id: ENCOUNTER_ID,
    },
  },
  encounters: {
    fields: [
      "encounter_id",
      "seq",
      "speaker",
      "text",
      "at",
      "channel",
      "touchpoint",
      "started_at",
      "ended_at",
      "team",
      "agent",
      "customer_id",
      "wait_seconds",
      "transfers",
      "resolved",
    ],
    required: ["encounter_id", "speaker", "text", "channel", "started_at"],
    aliases: {
      encounter_id: ["id", ...ENCOUNTER_ID],
      seq: ["järjestys", "järjestysnumero", "nro", "vuoro", "turn", "turn_no", "index", "order", "sequence"],
      speaker: ["puhuja", "lähettäjä", "rooli", "role", "sender", "author", "from"],
      text: ["teksti", "viesti", "sisältö", "repliikki", "message", "content", "body", "utterance"],
      at: ["offset", "offset_seconds", "aikaleima", "ajankohta", "time", "timestamp", "sent_at", "sekunnit"],
      channel: CHANNEL,
      touchpoint: TOUCHPOINT,
      started_at: [
        "alkoi",
        "alkuaika",
        "aloitettu",
        "aloitusaika",
        "pvm",
        "päivämäärä",
        "start",
        "start_time",
        "date",
      ],
      ended_at: ["päättyi", "loppuaika", "lopetettu", "end", "end_time"],
      team: TEAM,
      agent: AGENT,
      customer_id: CUSTOMER_ID,
      wait_seconds: ["odotusaika", "jonotusaika", "jonoaika", "odotus", "wait", "wait_time", "queue_time"],
      transfers: ["siirrot", "siirtoja", "siirretty", "transferred", "transfer_count"],
      resolved: ["ratkaistu", "ratkesi", "ratkaisu", "fcr", "solved", "ensikontaktilla ratkaistu"],
    },
  },
  invitations: {
    fields: ["id", "sent_at", "channel", "kind", "customer_id", "encounter_id"],
    required: ["id", "sent_at", "channel"],
    aliases: {
      id: ["kutsu_id", "invitation_id", "tunniste", "tunnus"],
      sent_at: ["lähetetty", "lähetysaika", "lähetyspäivä", "pvm", "päivämäärä", "aika", "date", "sent"],
      channel: CHANNEL,
      kind: SURVEY_KIND,
      customer_id: CUSTOMER_ID,
      encounter_id: ENCOUNTER_ID,
    },
  },
  pulse: {
    fields: ["id", "team", "period", "score", "comment"],
    required: ["id", "team", "period", "score"],
    aliases: {
      id: ["vastaus_id", "response_id", "tunniste", "tunnus"],
      team: TEAM,
      period: ["kuukausi", "kausi", "jakso", "ajanjakso", "month", "kk"],
      score: [...SCORE, "enps"],
      comment: COMMENT,
    },
  },
  customers: {
    fields: ["id", "segment", "yearly_value_eur"],
    required: ["id"],
    aliases: {
      id: CUSTOMER_ID,
      segment: ["segmentti", "asiakasryhmä", "asiakassegmentti", "ryhmä", "tier", "luokka"],
      yearly_value_eur: [
        "vuosiarvo",
        "vuosiarvo_eur",
        "arvo_eur",
        "vuosimyynti",
        "liikevaihto",
        "yearly_value",
        "annual_value",
        "annual_value_eur",
        "value_eur",
        "revenue",
      ],
    },
  },
  agents: {
    fields: ["id", "name", "team"],
    required: ["id"],
    aliases: {
      id: ["agentti", "agent", "agent_id", "käyttäjätunnus", "tunnus", "username"],
      name: ["nimi", "koko nimi", "full_name", "display_name"],
      team: TEAM,
    },
  },
};
