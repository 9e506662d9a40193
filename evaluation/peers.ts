/**
 * The peers the evaluation prints beside Kohtaamo, each mapped to three tone classes the way its
 * authors recommend: VADER's compound ≥ 0.05 positive, ≤ −0.05 negative (Hutto & Gilbert 2014);
 * AFINN-based scores (sentiment, multilang-sentiment, @nlpjs/sentiment) by their sign.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

type ToneLabel = "negative" | "neutral" | "positive";

export interface Peer {
  name: string;
  langs: ("fi" | "en")[];
  tone(text: string, lang: "fi" | "en"): Promise<ToneLabel>;
}

const bySign = (score: number): ToneLabel => (score > 0 ? "positive" : score < 0 ? "negative" : "neutral");

const vader = require("vader-sentiment") as {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
};
const Sentiment = require("sentiment") as new () => { analyze(text: string): { score: number } };
const afinn = new Sentiment();
const multilang = require("multilang-sentiment") as (text: string, lang: string) => { score: number };
const { Container } = require("@nlpjs/core") as { Container: new () => { use(x: unknown): void } };
const { LangFi } = require("@nlpjs/lang-fi") as { LangFi: unknown };
const { SentimentAnalyzer } = require("@nlpjs/sentiment") as {
  SentimentAnalyzer: new (o: {
    container: unknown;
  }) => {
    process(i: { locale: string; text: string }): Promise<{ sentiment: { score: number } }>;
  };
};
const container = new Container();
container.use(LangFi);
const nlpjs = new SentimentAnalyzer({ container });

export const PEERS: Peer[] = [
  {
    name: "vader-sentiment",
    langs: ["en"],
    tone: async (text) => {
      const c = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
      return c >= 0.05 ? "positive" : c <= -0.05 ? "negative" : "neutral";
    },
  },
  { name: "sentiment (AFINN)", langs: ["en"], tone: async (text) => bySign(afinn.analyze(text).score) },
  {
    name: "@nlpjs/sentiment",
    langs: ["fi"],
    tone: async (text) => bySign((await nlpjs.process({ locale: "fi", text })).sentiment.score),
  },
  { name: "multilang-sentiment", langs: ["fi"], tone: async (text) => bySign(multilang(text, "fi").score) },
];
