import type { CommentBank } from "./text-types.ts";

/** English survey comments per theme and tone, with the same negation/mixed/sarcasm traps as Finnish. */
export const EN_COMMENTS: CommentBank = {
  waiting: {
    pos: ["No queue at all this time, great!", "Got through surprisingly quickly."],
    neg: [
      "Waited {wait} minutes. That's not normal.",
      "Thanks a lot, {wait} minutes on hold was just wonderful.",
      "Queues are far too long, I called three times.",
      "The waiting time was unreasonable.",
    ],
  },
  callback: {
    pos: ["The callback came on time, thank you.", "Good that you called back so quickly."],
    neg: [
      "The promised callback never came.",
      "I asked for a callback twice and nobody called.",
      "Waited all day for a callback for nothing.",
    ],
  },
  billing: {
    pos: [
      "The billing error was fixed right away, good service.",
      "The refund came quickly and was clearly explained.",
    ],
    neg: [
      "My invoice was wrong again, third time now.",
      "Wrong invoice plus a reminder fee on top. Not good.",
      "Your billing is a mess, I don't trust any invoice anymore.",
      "Paid on time and still got a debt collection warning.",
    ],
  },
  prices: {
    pos: ["Got a cheaper package, thanks for the good advice.", "The price is fair."],
    neg: [
      "The price increase is unreasonable.",
      "Offers for new customers, price hikes for loyal ones.",
      "Too expensive for what you get.",
    ],
  },
  delivery: {
    pos: ["Delivered the next day, excellent.", "The parcel was found and arrived quickly."],
    neg: [
      "Delivery was a week late and nobody told me.",
      "The parcel got lost and sorting it out took forever.",
      "Still no delivery.",
    ],
  },
  returns_refunds: {
    pos: ["The return was easy and the money came back fast.", "Refund handled without any problems."],
    neg: [
      "Waited over a month for my refund.",
      "Returns are made far too complicated.",
      "Still haven't got my money back.",
    ],
  },
  product_defect: {
    pos: ["The faulty device was replaced straight away.", "Fixed remotely, didn't have to go anywhere."],
    neg: [
      "The device is still broken.",
      "Brand new device and faulty right away. Quality is not okay.",
      "Two weeks of repair and no replacement device.",
    ],
  },
  app_login: {
    pos: ["Logging in works again, thanks for the help.", "The app problem was solved quickly."],
    neg: [
      "Since the app update I can't log in, and there's still no fix.",
      "The app doesn't work after the update. Do you test anything?",
      "Bank ID login doesn't work.",
    ],
  },
  website: {
    pos: [
      "Found everything I needed on the website in the end.",
      "The order went through once the site was fixed.",
    ],
    neg: [
      "The website is confusing, you can't find anything.",
      "Checkout doesn't work and I couldn't order.",
      "My Pages crashes all the time.",
    ],
  },
  staff_friendliness: {
    pos: [
      "{agent} was really friendly and patient.",
      "The agent was nice and polite.",
      "Lovely customer service person, thanks!",
    ],
    neg: ["The agent was rude.", "Felt like the agent couldn't care less.", "Not very friendly service."],
  },
  staff_competence: {
    pos: [
      "Knowledgeable service, {agent} knew immediately what the issue was.",
      "Competent agent who explained things clearly.",
    ],
    neg: [
      "The agent couldn't answer my questions.",
      "Got three different answers from three different people.",
      "No idea what they were talking about.",
    ],
  },
  first_contact_resolution: {
    pos: ["Sorted in one go, no need to call again.", "Everything was handled in a single call."],
    neg: [
      "This is the fourth time I've had to call about this.",
      "Not resolved, now I have to wait again.",
      "Bounced from one team to another.",
    ],
  },
  information: {
    pos: ["Got clear answers to all my questions.", "Good, clear advice."],
    neg: [
      "I got contradictory information.",
      "The information was out of date.",
      "Didn't answer my question at all.",
    ],
  },
  contract_cancellation: {
    pos: ["Cancelling was easy.", "Contract ended quickly without a sales pitch."],
    neg: [
      "Cancelling is deliberately made difficult.",
      "I cancelled but invoices keep coming.",
      "They just tried to sell me more when I wanted to leave.",
    ],
  },
  opening_hours: {
    pos: ["Good that chat is open on Saturdays too."],
    neg: [
      "Opening hours are too short for people who work.",
      "The store was closed although the website said open.",
    ],
  },
  chatbot: {
    pos: ["The bot pointed me to the right place.", "The chatbot was surprisingly helpful."],
    neg: [
      "The chatbot is completely useless.",
      "The bot understood nothing and reaching a human was hard.",
      "Wasted fifteen minutes with the bot.",
    ],
  },
  mixed: [
    "Okay service, nothing special.",
    "It got sorted, but took too long.",
    "Friendly agent, but the issue is still half open.",
    "There was no problem, but nothing especially good either.",
    "Fine, though I had to explain everything twice.",
  ],
  longWait: ["The queue was long.", "I waited far too long.", "The waiting drove me mad."],
  recovered: [
    "I was really angry at first, but {agent} calmed things down and fixed everything. Big thanks!",
    "Bad start, but the agent sorted it all out. Wish service was always like this.",
    "I called in a rage, but it was handled so well that I completely changed my mind.",
  ],
};
