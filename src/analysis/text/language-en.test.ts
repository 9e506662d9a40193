import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";

/** English examples, including English as written by Finnish speakers. None of these is in the seed text. */
const ENGLISH: readonly string[] = [
  "My bill is too high this month",
  "Why was I charged twice for the subscription?",
  "The app crashes every time I open it",
  "Thanks for the great service, very happy",
  "The package has still not arrived",
  "Can I pay the invoice in instalments?",
  "The agent was extremely rude on the phone",
  "I want to switch to a cheaper plan",
  "My order was cancelled without any reason",
  "Is the store open tomorrow on the holiday?",
  "The power went out in the whole building yesterday",
  "Insurance did not cover my broken phone",
  "The bus did not stop even though I waved",
  "Renewing my prescription online was really easy",
  "How long does processing a return take?",
  "The refund was on my account the next day",
  "How do I change my online banking password?",
  "The product was broken when I opened the box",
  "The technician did not show up at the agreed time",
  "Nobody has answered my loan application",
  "Ordering a tax card online was quick",
  "I queued two hours at the emergency room",
  "The hotel room was dirty and cleaning was poor",
  "do you still have winter tyres in stock",
  "never had such bad service in my life",
  "my internet has been down for three days",
  "can you send the receipt to my email",
  "your app is absolutely terrible",
  "ok it works again, thanks for the help",
  "not a very friendly welcome I must say",
  "I dont know what I am supposed to do",
  "I have not received any message from you",
  "really nice salesperson and good deals",
  "terribly slow delivery, would not recommend",
  "why do you never answer emails",
  "I am waiting already two weeks for my package",
  "I have problem with login to your web shop",
  "please help me, the card is not working in shop",
  "I want to ask about my invoice, it is wrong",
  "we are moving and need to change the address for contract",
  "the electricity price is much more than promised",
  "where I can see my order status",
  "The billing has been a mess for two months now",
  "The driver was kind and helped me with the bags",
  "The taxi was late and took the wrong route",
  "The ATM swallowed my card, what should I do now?",
  "My flight was cancelled and I got no compensation",
  "The return instructions were clear and I got my money",
  "It took forever to get an answer",
  "I have been waiting for a call for a week",
  "Good service but the prices are too high",
  "Everything worked perfectly, thank you so much",
  "The water bill is several times higher than last year",
  "The library website does not show my loans",
  "The school bus did not come at all this morning",
  "The landlord has not fixed the leaking tap",
  "Could I speak to a supervisor about this",
  "This is the third time the same fault comes back",
  "You cannot freeze the gym membership online",
  "My child's clinic appointment moved without notice",
  "Please cancel my membership with immediate effect",
  "Great job, the issue was solved in minutes",
];

describe("detectLanguage on English", () => {
  it("recognises at least 95% of English texts of four or more words", () => {
    const long = ENGLISH.filter((t) => t.trim().split(/\s+/).length >= 4);
    expect(long.length).toBeGreaterThanOrEqual(60);
    const wrong = long.filter((t) => detectLanguage(t).lang !== "en");
    const accuracy = 1 - wrong.length / long.length;
    console.log(
      `language-id en: ${(accuracy * 100).toFixed(1)}% of ${long.length}; wrong: ${JSON.stringify(wrong)}`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it("reads English written by Finnish speakers as English", () => {
    expect(detectLanguage("I have problem with login to your web shop").lang).toBe("en");
    expect(detectLanguage("where I can see my order status").lang).toBe("en");
  });
});
