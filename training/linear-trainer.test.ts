import { describe, expect, it } from "vitest";
import { LinearModel } from "../src/analysis/model/linear-model.ts";
import { type Example, type TrainOptions, trainLinear } from "./linear-trainer.ts";

// "lasku" always says billing and "jono" waiting; "väärin" leans to billing (8 of 10 times) and
// "odotin" to waiting (8 of 10), but never decides anything the first two have not already decided.
const examples: Example[] = Array.from({ length: 40 }, (_, i) => {
  const billing = i % 2 === 0;
  const lean = i % 10 < 8 === billing;
  return {
    features: [billing ? "lasku" : "jono", lean ? "väärin" : "odotin", `filler${i % 7}`],
    labels: [billing ? 0 : 1],
  };
});
const options: TrainOptions = {
  name: "t",
  kind: "softmax",
  labels: ["billing", "waiting"],
  bits: 12,
  epochs: 10,
};

describe("trainLinear feature dropout", () => {
  it("is off unless asked for: dropout 0 trains exactly the model trained without the option", () => {
    const plain = trainLinear(examples, options);
    const zero = trainLinear(examples, { ...options, dropout: 0 });
    expect([...zero.weights]).toEqual([...plain.weights]);
    expect([...zero.bias]).toEqual([...plain.bias]);
  });

  it("makes each word carry the label on its own, and still fits the training data", () => {
    const plain = new LinearModel(trainLinear(examples, options));
    const dropped = new LinearModel(trainLinear(examples, { ...options, dropout: 0.4 }));
    for (const e of examples) {
      const p = dropped.predict(e.features);
      expect(p[e.labels[0] as number]).toBeGreaterThan(0.9);
    }
    // Trained without dropout, the deciding words take the weight and the leaning words get little;
    // with dropout the deciding word is sometimes missing, so the leaning word learns to speak alone.
    expect(dropped.predict(["väärin"])[0]).toBeGreaterThan(plain.predict(["väärin"])[0] as number);
    expect(dropped.predict(["odotin"])[1]).toBeGreaterThan(plain.predict(["odotin"])[1] as number);
  });
});
