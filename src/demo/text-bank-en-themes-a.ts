import type { ThemeLines } from "./text-types.ts";

/** English building blocks for the service, money and goods themes (the first half of the bank). */
export const EN_THEMES_A = {
  waiting: {
    problem: [
      "I tried calling three times yesterday and every time the queue was over half an hour.",
      "Why are your queues always this long? I can't sit on the phone all day.",
      "I just want to say that the waiting times are ridiculous.",
      "The chat said the wait was five minutes, but it took at least forty-five.",
      "I have a tiny question and I had to wait forever to ask it.",
    ],
    detail: [
      "I called at eight in the morning and again after nine, same thing both times.",
      "The call dropped while I was in the queue and I had to start over.",
      "My whole lunch break went on waiting.",
    ],
    action: [
      "I'm sorry about the wait. We've had an unusually high number of contacts this week.",
      "I understand the frustration. Mondays are the busiest, afternoons tend to be quieter.",
      "I'll log your feedback about the waiting times, it goes straight to our service manager.",
    ],
    fix: [
      "I've finished your request now, so you don't need to call again.",
      "It's all done. Next time you can also do this on My Pages without queuing.",
      "All sorted now. And thanks again for your patience.",
    ],
    pending: [
      "I can't shorten the queues myself, but I'll pass your feedback on.",
      "I've logged the feedback. Next time it might be worth trying the callback option.",
    ],
    email: [
      "I tried to reach you by phone on {date}, but the waiting time was over 40 minutes and I eventually gave up. I hope you will look into your waiting times.",
      "I would like to give feedback about how hard it is to reach you. Today I waited {wait} minutes and the call still did not connect.",
    ],
    short: ["waiting time too long", "why is the queue so long", "how long is the wait"],
  },
  callback: {
    problem: [
      "I left a callback request on {date} and nobody has called.",
      "You promised to call me back yesterday but I heard nothing.",
      "I asked for a callback, you rang while I was in a meeting, and nobody tried again.",
      "I waited by the phone all day because you said you'd call.",
    ],
    detail: [
      "The number I gave was {phone}, it's correct.",
      "The system said you'd call within two hours.",
      "I still have the same issue open that I originally called about.",
    ],
    action: [
      "I can see your request. Unfortunately it was never handled, I'm sorry.",
      "I checked, and one attempt was logged but no second attempt was made. That shouldn't happen.",
      "I'll take this on myself now so you don't have to wait for another call.",
    ],
    fix: [
      "I've handled your original issue right here, so no callback is needed.",
      "Your original issue is fixed and the callback request is closed.",
      "All done, and I've also logged feedback about the callback.",
    ],
    pending: [
      "I've made a new urgent callback request, a specialist will call you before four today.",
      "I've escalated this and marked it urgent.",
    ],
    email: [
      "I left a callback request on {date}, but nobody has contacted me. Please handle my case promptly. You can reach me at {phone}.",
      "I was promised a call back within two working days. It has now been a week.",
    ],
    short: ["no callback", "callback request", "nobody called back"],
  },
  billing: {
    problem: [
      "My e-invoice shows a different amount than My Pages, which one is right?",
      "I got an invoice for {amount}, but my monthly fee is {amount2}.",
      "The latest invoice is just wrong, I've been charged twice.",
      "I already paid that invoice, but now I got a payment reminder.",
      "There's an add-on on my invoice that I never ordered.",
      "Why did I get two invoices for the same month?",
      "Invoice {invoice} is incorrect, it still has the old price even though my contract changed.",
    ],
    detail: [
      "The invoice number is {invoice} and it's due on {date}.",
      "I paid it on {date}, I have the receipt.",
      "It says {amount} when it should be {amount2}.",
      "It's invoice {invoice}, there's a line called Extra Service Plus.",
    ],
    action: [
      "I looked at invoice {invoice}, and yes, there's an error: the same period was charged twice.",
      "I can see your payment on {date}, it was just matched to the wrong invoice. I'll fix that.",
      "The add-on was activated by mistake with your order. I'll remove it and refund the charges.",
      "I checked your contract, and the new price should have been applied last month already.",
    ],
    fix: [
      "I've credited {amount}, you'll see it on your next invoice. I've cancelled the reminder too.",
      "I've corrected the invoice and emailed you a new one. The due date moves by two weeks.",
      "The error is fixed and the extra charge will be refunded to your account within five banking days.",
    ],
    pending: [
      "I've sent a review request to the billing team, you'll hear back within a week. The due date is on hold.",
      "I can't correct this myself, so I've opened a ticket. Please don't pay until you get the corrected invoice.",
    ],
    email: [
      "I received invoice {invoice} for {amount}. According to my contract the monthly price should be {amount2}. Please correct the invoice and send me a new one.",
      "I paid invoice {invoice} on {date}, but I still received a reminder with a €5.00 fee. Please remove the reminder fee.",
      "My invoice includes a charge for a service I never ordered. Please remove it and refund the amounts already paid.",
    ],
    short: ["invoice is wrong", "incorrect bill", "reminder but I paid", "charged twice"],
  },
  prices: {
    problem: [
      "I got a letter saying my monthly fee is going up to {amount2}. Why?",
      "That price increase is pretty steep, is there anything cheaper?",
      "I saw an offer on your website, but I was told it's not for existing customers.",
      "Is there a discount if I have several subscriptions?",
    ],
    detail: [
      "The price is {amount} now and goes up next month.",
      "I've had the same contract for over five years.",
      "The offer was valid until {date}, and I was in time.",
    ],
    action: [
      "The price change is due to rising costs and was announced according to the contract terms.",
      "I looked at the options: a lighter package would be {amount}, with the same speed you use now.",
      "The offer was only for new customers, unfortunately, but I can give you a loyalty discount.",
    ],
    fix: [
      "I've moved you to the cheaper package, starting from the next billing period.",
      "I've added a loyalty discount, so your price stays the same for the next 12 months.",
      "I combined your subscriptions into one package, you'll save about {amount2} a month.",
    ],
    pending: [
      "I can't reverse the price change, but you can cancel the contract without fees.",
      "I've passed your request to sales, they'll contact you with an offer.",
    ],
    email: [
      "I received notice of a price increase. I have been a customer for a long time and find the increase unreasonable. Is there any benefit you can offer?",
      "Your website advertises a package for {amount}. Can I switch my current contract to that price?",
    ],
    short: ["price increase", "cheaper package", "why did the price go up"],
  },
  delivery: {
    problem: [
      "The courier left a note saying they couldn't reach me, but I was home all day.",
      "My order {order} was supposed to arrive on {date}, but there's no sign of it.",
      "Tracking says the parcel was delivered, but I never got it.",
      "I ordered a new phone two weeks ago and haven't heard anything.",
      "The parcel went to the wrong pickup point, on the other side of town.",
      "My router delivery is late and I work from home.",
    ],
    detail: [
      "The order number is {order}.",
      "Tracking has said 'in processing' for a week.",
      "The address is right, I checked the order confirmation.",
    ],
    action: [
      "I checked order {order}: the shipment got stuck at the distribution centre.",
      "According to the courier, the parcel went to a pickup point on {date}. Let me check which one.",
      "The device was temporarily out of stock, a new batch arrives this week.",
    ],
    fix: [
      "I've ordered a new express shipment, it'll be there tomorrow.",
      "The parcel has been redirected to the right pickup point, you'll get a text when it's ready.",
      "It ships today, and I've refunded the delivery fee of {amount2} because of the delay.",
    ],
    pending: [
      "I've opened an investigation with the courier, you'll hear back within three working days.",
      "I can't speed up the delivery, unfortunately, but I'll keep an eye on it.",
    ],
    email: [
      "My order {order} should have arrived on {date}, but I have not received it. The tracking code shows no updates. Please look into this.",
      "The shipment is marked as delivered, but I have not received the parcel. I would appreciate a quick investigation.",
    ],
    short: ["where is my order", "parcel late", "delivery didn't arrive"],
  },
  returns_refunds: {
    problem: [
      "I returned the headphones three weeks ago, but I haven't got my money back.",
      "How do I return this device? It didn't suit me.",
      "I got a refund, but {amount2} was missing.",
      "The return label doesn't work, the post office said the code is invalid.",
    ],
    detail: [
      "I sent the parcel back on {date}, I have the receipt.",
      "The order number is {order}.",
      "The refund should have been {amount}, but it was less.",
    ],
    action: [
      "The warehouse received your return on {date}, but the refund got stuck in processing.",
      "A handling fee for an opened package was deducted. Let me check whether that applies here.",
      "I'll create a new return code for you, it'll come by text message.",
    ],
    fix: [
      "I've approved the refund of {amount}, it'll be in your account in about five banking days.",
      "The new return code has been sent. The return is free of charge.",
      "The handling fee was a mistake, I've refunded that too.",
    ],
    pending: [
      "The refund needs a warehouse inspection first, which takes about a week.",
      "I've sent a request to our finance team, they'll get back to you by email.",
    ],
    email: [
      "I returned order {order} on {date}, but I still haven't received the refund of {amount}. Please let me know when it will be paid.",
      "I would like to cancel order {order} under the 14-day right of withdrawal. Please send me return instructions.",
    ],
    short: ["return", "refund not received", "how to return"],
  },
  product_defect: {
    problem: [
      "My phone screen started flickering yesterday out of nowhere.",
      "My router keeps dropping out, the internet cuts off several times a day.",
      "My new phone won't charge anymore, and I've only had it a month.",
      "The TV box restarts by itself in the middle of programmes.",
      "The dongle lights are blinking red and the internet doesn't work at all.",
    ],
    detail: [
      "I've already tried restarting it many times.",
      "I bought it on {date}, so it's still under warranty.",
      "The problem started after the device got some update.",
      "I already changed the cables, didn't help.",
    ],
    action: [
      "I ran a remote test and it shows an unstable connection. Let's try a factory reset first.",
      "That sounds like a hardware fault. It's under warranty, so the replacement is free.",
      "I've updated the firmware remotely, could you restart it?",
    ],
    fix: [
      "A new device is on its way today, and you can return the old one in the same box.",
      "The connection looks stable now. If it drops again, call this number directly.",
      "After the factory reset everything works again, great.",
    ],
    pending: [
      "I've filed a fault report and a technician will contact you within two working days.",
      "The device needs to go in for repair, which takes about two weeks.",
    ],
    email: [
      "The device I bought has been faulty since the day of purchase, {date}. The connection keeps dropping. Please replace it under warranty.",
      "My phone stopped charging after a month of use. Please advise how to get it repaired under warranty.",
    ],
    short: ["device not working", "internet keeps dropping", "fault report"],
  },
} satisfies Record<string, ThemeLines>;
