import type { ThemeLines } from "./text-types.ts";

/** English building blocks for the digital, contract and general-information themes. */
export const EN_THEMES_B = {
  app_login: {
    problem: [
      "I forgot my password and can't log in to the app.",
      "The app asks for strong authentication, but my bank credentials don't work.",
      "I changed phones and now the app doesn't recognise me.",
    ],
    detail: [
      "It just shows error code E401.",
      "I'm on an iPhone and the app is the latest version.",
      "I tried uninstalling and reinstalling, didn't help.",
      "The bank ID step goes through, but then the app goes back to the start.",
    ],
    action: [
      "This is a known issue in the latest app version, and a fix is on the way.",
      "I've reset your login on our side. Could you try again now?",
      "As a workaround you can log in to My Pages in a browser, everything works there.",
    ],
    fix: [
      "Logging in works again now, great!",
      "Clearing the app cache did it, the authentication went through. You should be fine now.",
      "Your account is unlocked and you can log in.",
    ],
    pending: [
      "The fix comes in the next app update. Until then I'd recommend the browser.",
      "I've passed your case to the developers, and you'll be notified when the fix is out.",
    ],
    email: [
      "I cannot log in to the mobile app. I have tried both my password and bank ID. Please help me restore access.",
    ],
    short: ["can't log in", "forgot password", "authentication not working"],
    emerging: {
      problem: [
        "Since the app update I can't log in at all.",
        "I updated your app yesterday and now it keeps logging me out.",
        "After the new update, the strong authentication just spins forever.",
        "Since the update I can't get into the app anymore, it just says my session has expired.",
        "The update broke logging in, the bank ID step never returns to the app.",
      ],
      email: [
        "Since your app was updated I have not been able to log in. Bank ID authentication succeeds, but the app returns to the login page. Please fix this.",
        "Since the latest update, the app does not accept my login. I cannot check my invoices or contract.",
      ],
      short: ["can't log in after update", "app won't let me in after update", "login broken after update"],
    },
  },
  website: {
    problem: [
      "Your web shop checkout doesn't work, the payment just hangs.",
      "I can't find anywhere on your site how to change my billing address.",
      "The site crashes every time I try to download my invoice as a PDF.",
      "My Pages shows completely wrong information about my contract.",
    ],
    detail: [
      "I'm using Chrome on a laptop, and the same happens on my phone.",
      "The error just says something went wrong.",
      "I tried on {date} and again today.",
    ],
    action: [
      "The payment service had an outage this morning, it's fixed now.",
      "You can change the address under My Details on My Pages, but it's hidden on mobile, unfortunately.",
      "I've emailed you the invoice PDF and reported the site issue.",
    ],
    fix: [
      "I've placed the order for you, and the confirmation will come by email.",
      "I've updated the details, they'll show on My Pages tomorrow.",
      "It should work now, could you try once more?",
    ],
    pending: [
      "The developers are looking into it, the site should be fixed in a few days.",
      "I've passed the feedback to the web team.",
    ],
    email: [
      "Your web shop checkout does not accept my payment even though my card is fine. I tried to order on {date}. Please advise.",
      "The contract details on My Pages are incorrect. Please correct them.",
    ],
    short: ["website not working", "checkout broken", "my pages error"],
  },
  information: {
    problem: [
      "I need a certificate of my contract for my landlord.",
      "I'd just like to know what my current contract actually is.",
      "I'm moving next month, how do I move my subscription to the new address?",
      "Can I get my invoice as an e-invoice?",
      "I'm wondering whether my contract is fixed-term or not.",
      "I want to update my contact details, my new number is {phone}.",
    ],
    detail: [
      "The moving date is {future}.",
      "My email these days is {email}.",
      "I have two subscriptions, this is about the other one.",
    ],
    action: [
      "You have an open-ended contract, and the monthly fee is {amount}.",
      "You can report the move on My Pages, or I can do it for you right now.",
      "You can set up e-invoicing in your online bank, it's quite quick.",
    ],
    fix: [
      "I've updated your details and you'll get a confirmation by email.",
      "The move is registered, the service moves to your new address on {future}.",
      "Everything is in order now, nothing else to do.",
    ],
    pending: ["This needs a signature, so I'll send you a form.", "I'll check and get back to you by email."],
    email: [
      "I am moving on {future} and would like to transfer my services to the new address. What do I need to do?",
      "Please update my contact details. My new phone number is {phone} and my email is {email}.",
    ],
    short: ["moving house", "update contact details", "e-invoice"],
  },
  contract_cancellation: {
    problem: [
      "I want to cancel my contract.",
      "I tried to cancel my contract online but it doesn't work.",
      "I cancelled my contract a month ago but invoices keep coming.",
      "Why do I have to cancel by phone when I could sign up online?",
      "I'm moving abroad and need to end all my services.",
    ],
    detail: [
      "I cancelled it on {date}, I still have the confirmation.",
      "The contract was made two years ago, so the fixed term is over.",
      "Invoice {invoice} came after I cancelled.",
    ],
    action: [
      "I can see your cancellation, but it wasn't processed all the way, unfortunately. I'll fix that now.",
      "The notice period is two weeks, so the contract ends on {future}.",
      "Before I cancel, I could offer you a cheaper option. Would you be interested?",
    ],
    fix: [
      "The cancellation is done, and you'll get a confirmation by email.",
      "I've credited the invoice that came after the cancellation, {amount}, you don't need to pay it.",
      "The contract ends on the date you asked, and return instructions for the device will come by post.",
    ],
    pending: [
      "The cancellation still needs strong authentication, I'll send you a link by text.",
      "Cancelling a fixed-term contract needs approval, which takes a couple of days.",
    ],
    email: [
      "I hereby cancel my contract effective {future}. Please confirm the cancellation by email.",
      "I cancelled my contract on {date}, but I have continued to receive invoices. Please credit invoice {invoice}.",
    ],
    short: ["cancel contract", "contract cancellation", "end subscription"],
  },
  opening_hours: {
    problem: [
      "Just asking, when is your shop open on Saturday?",
      "Why does your customer service close at four already? I'm at work then.",
      "Are you open on public holidays at all?",
      "I came to your store and there was a sign saying closed.",
    ],
    detail: [
      "It was the city centre store.",
      "I checked the hours online and it said open.",
      "I need to come in on {future}.",
    ],
    action: [
      "Phone service is open weekdays 8–18, chat weekdays 8–20 and Saturdays 10–16.",
      "The city centre store was closed for stocktaking, and the website wasn't updated.",
      "On public holidays we only serve through the chatbot and My Pages.",
    ],
    fix: [
      "I can handle your matter right now, so you don't need to visit the store.",
      "I've also sent you the opening hours by text message.",
      "All done now, thanks for your patience.",
    ],
    pending: ["I'll pass your feedback on opening hours along.", "I'll report the website error."],
    email: [
      "I visited your store on {date}, but it was closed even though your website said it would be open. Please keep the information up to date.",
    ],
    short: ["opening hours", "when are you open", "is the store open"],
  },
  chatbot: {
    problem: [
      "I tried your chatbot first, but it didn't understand anything.",
      "That bot just keeps sending me round in circles.",
      "Why do I have to talk to a bot before I can reach a human?",
      "The bot said it would transfer me to an agent, but the chat just ended.",
    ],
    detail: [
      "I typed several times that I want to talk to a person.",
      "It gave me a link that had nothing to do with my question.",
      "My question was about invoice {invoice}.",
    ],
    action: [
      "Sorry, the bot can't handle invoice corrections yet. Let's look at it here.",
      "There was a handover glitch today and some chats were cut off. Good that you got back in touch.",
      "I'll log your feedback for the bot team.",
    ],
    fix: [
      "I've handled it here, no need to go back to the bot.",
      "It's sorted now.",
      "All done. Next time you can just type 'agent' to the bot.",
    ],
    pending: [
      "This needs more investigation, I'll get back to you by email.",
      "I've opened a ticket and a specialist will contact you.",
    ],
    email: [
      "I tried to handle my matter through your chatbot, but it did not understand my question or transfer me to an agent. Please have someone contact me.",
    ],
    short: ["bot doesn't help", "agent", "human please"],
  },
} satisfies Record<string, ThemeLines>;
