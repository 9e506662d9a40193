/**
 * Classification metrics for the evaluation report. Macro-F1 = the unweighted mean over classes
 * of F1 = 2·P·R / (P + R), so a rare class counts as much as a common one (Sokolova & Lapalme 2009).
 */
export interface ClassScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export function f1Scores(
  labels: readonly string[],
  gold: readonly string[],
  predicted: readonly string[],
): { macroF1: number; accuracy: number; perClass: ClassScore[] } {
  const perClass = labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (g === label && p === label) tp++;
      else if (p === label) fp++;
      else if (g === label) fn++;
    });
    return score(label, tp, fp, fn);
  });
  const present = perClass.filter((c) => c.support > 0);
  const macroF1 = present.reduce((s, c) => s + c.f1, 0) / Math.max(1, present.length);
  const accuracy = gold.filter((g, i) => g === predicted[i]).length / Math.max(1, gold.length);
  return { macroF1, accuracy, perClass };
}

/** Macro-F1 over labels of a multi-label task (each label a yes/no decision per example). */
export function multilabelF1(
  labels: readonly string[],
  gold: string[][],
  predicted: string[][],
): { macroF1: number; microF1: number; perClass: ClassScore[] } {
  let TP = 0;
  let FP = 0;
  let FN = 0;
  const perClass = labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const inGold = g.includes(label);
      const inPred = (predicted[i] ?? []).includes(label);
      if (inGold && inPred) tp++;
      else if (inPred) fp++;
      else if (inGold) fn++;
    });
    TP += tp;
    FP += fp;
    FN += fn;
    return score(label, tp, fp, fn);
  });
  const present = perClass.filter((c) => c.support > 0);
  return {
    macroF1: present.reduce((s, c) => s + c.f1, 0) / Math.max(1, present.length),
    microF1: TP === 0 ? 0 : (2 * TP) / (2 * TP + FP + FN),
    perClass,
  };
}

function score(label: string, tp: number, fp: number, fn: number): ClassScore {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { label, precision, recall, f1, support: tp + fn };
}
