import type { CommonLines } from "./text-types.ts";

/**
 * English conversation glue: many of the centre's English-speaking customers live in Finland, so
 * the register is everyday international English, with a formal variant for email.
 */
export const EN_COMMON: CommonLines = {
  agentGreetingPhone: [
    "Customer service, this is {agent}, how can I help?",
    "Hello, {agent} speaking. What can I do for you today?",
    "Hi, you're through to {agent}. Thanks for waiting!",
    "Good morning, {agent} here from customer service.",
  ],
  agentGreetingChat: [
    "Hi! You're chatting with {agent} from customer service. How can I help?",
    "Hello, {agent} here. What can I help you with today?",
    "Hi there, my name is {agent}. Tell me what's on your mind.",
  ],
  agentGreetingVisit: [
    "Hello, welcome! How can I help?",
    "Hi, what can I do for you today?",
    "Next please, hi, how can I help?",
  ],
  customerHello: [
    "Hi, ",
    "Hello, ",
    "Hey, ",
    "Hi there, ",
    "Good morning, ",
    "Afternoon, ",
    "Hiya, ",
    "Hello there, ",
    "",
  ],
  customerIntro: [
    "This is {fullname}, hi.",
    "Hi, {customer} here.",
    "Hello, my name is {fullname}.",
    "Good afternoon, {fullname} speaking.",
  ],
  situation: [
    "This is the second time I'm calling this week.",
    "I'm a bit short on time, but let's try.",
    "I've never contacted you before.",
    "I'm calling on behalf of my wife, the contract is in her name.",
    "I'm helping my father with this, he doesn't speak Finnish or English well.",
    "I run a small business and this is about the company subscription.",
    "I've been your customer for ten years.",
    "I noticed this last night.",
    "I'm at work, so I'll be quick.",
    "A friend told me to contact you directly.",
    "I tried to sort it out myself first but got nowhere.",
    "My Finnish isn't great, so I hope English is fine.",
  ],
  askSuffix: [
    "Can you help?",
    "What should I do now?",
    "What can be done about it?",
    "Is this a problem on your end?",
    "Can we sort this out now?",
    "Who can look at this?",
    "How do we fix this?",
    "Has anyone else had this?",
  ],
  fillers: ["Yeah, ", "Okay, ", "Well, ", "Right, ", "So, ", "Um, "],
  agentAsk: [
    "Sure, let me look into that. Could you give me your customer number or date of birth?",
    "Thanks. Could you tell me a bit more about what happened?",
    "I see. When did you first notice this?",
    "Okay, I'll check. Do you have the order or invoice number handy?",
    "Sorry to hear that. Can I have your name and postcode to find your account?",
  ],
  waitComplaint: [
    "By the way, I was in the queue for {wait} minutes.",
    "First of all, {wait} minutes on hold, seriously?",
    "It took me {wait} minutes to get through to you.",
    "I've been waiting {wait} minutes just to talk to someone.",
  ],
  angry: [
    "I'm honestly really annoyed right now.",
    "This is completely unacceptable.",
    "I've called three times already and nothing happens!",
    "I'm running out of patience here.",
    "I can't believe I have to deal with this again.",
  ],
  calming: [
    "I completely understand why you're frustrated, and I'm really sorry. Let's get this sorted together now.",
    "You're right, this shouldn't have happened. I'll take personal ownership of it.",
    "I'm sorry you've had to go through so much trouble. I'll see this through to the end.",
    "I can hear this has been really frustrating. Let me tell you exactly what I'll do next.",
  ],
  calmed: [
    "Okay, thank you. Good that someone finally listens.",
    "Sorry I got a bit heated, it's not your fault.",
    "Alright, let's go with that.",
    "Okay, that sounds better already.",
  ],
  stillAngry: [
    "Yeah, that's what they promised last time too.",
    "I'll believe it when I see it.",
    "Whatever, I'm just fed up with this.",
    "Great. More waiting then.",
  ],
  transfer: [
    "This belongs to another team, I'll transfer you. Just a moment.",
    "Let me connect you to a specialist who can look at this in more detail.",
    "I'll pass you to a colleague who has the right access for this.",
  ],
  customerOk: ["Okay.", "Right, thanks.", "Ah, okay, I see.", "Sure, that works.", "Good to know."],
  customerDoubt: [
    "Hmm, we'll see.",
    "So I just have to wait?",
    // Sarcastic doubt without a topic word (a form is the website theme's word; see the Finnish bank).
    "Oh great, another hoop to jump through.",
    "Okay… but why couldn't this be fixed right away?",
  ],
  thanksGood: [
    "Thank you so much, glad that's sorted!",
    "Brilliant, thanks for your help!",
    "Thanks, you were really helpful.",
    "Great, thanks and have a nice day!",
    "Thanks, that was easier than I expected.",
  ],
  thanksBad: [
    "Well, we'll see. Bye.",
    "Okay. That didn't go very well.",
    "Yeah. Thanks, I guess.",
    "I hope this actually gets done this time. Bye.",
  ],
  agentBye: [
    "Thanks, and have a great day!",
    "You're welcome! If anything else comes up, just get in touch.",
    "Thanks for contacting us, have a good rest of the week!",
    "Thank you for your patience, and have a nice day!",
  ],
  botGreeting: [
    "Hi! I'm the virtual assistant. Tell me briefly what you need help with.",
    "Welcome! I'm a chatbot and happy to help. What is your question about?",
  ],
  botFallback: [
    "Sorry, I didn't understand that. Could you rephrase?",
    "I couldn't find an answer. Did you mean one of these: Invoices, Orders, Contracts?",
    "Hmm, I'm not sure what you mean. Try describing it in a few words.",
  ],
  botAnswer: [
    "This might help: you'll find instructions under FAQ on My Pages.",
    "I found an article about this. Did it help?",
    "You can also do this yourself on My Pages. Would you like a link?",
  ],
  wantHuman: [
    "I want to talk to a person",
    "that didn't help. agent please",
    "can I get a real human",
    "human please",
  ],
  botHandoff: [
    "I'll transfer you to a customer service agent. The estimated wait is about {queue} minutes.",
    "Okay, I'm connecting you to an agent. Please wait a moment.",
  ],
  botSolved: ["Glad to hear it! Anything else I can help with?", "Great that it's sorted. Have a nice day!"],
  autoReply: [
    "Thank you for your message! We have received your request and will reply within two working days.",
    "Your request has been received. We handle requests in the order they arrive.",
  ],
  emailOpen: ["Dear customer service,", "Hello,", "Dear Sir or Madam,", "Hi,"],
  emailClose: ["Kind regards", "Best regards", "Regards", "Thank you in advance"],
  emailAgentOpen: [
    "Hi {customer},\n\nThank you for your message.",
    "Dear {customer},\n\nThank you for contacting us, and apologies for the delay in replying.",
    "Hello {customer},\n\nThanks for getting in touch.",
  ],
  emailAgentClose: [
    "Kind regards\n{agent}\nCustomer Service",
    "Best wishes\n{agent}\nCustomer Service",
    "Regards\n{agent}",
  ],
  emailFollowUpGood: [
    "Thank you for the quick reply, everything is fine now.",
    "Thanks, that's all I needed.",
    "Thank you for clearing this up. Have a good day.",
  ],
  emailFollowUpBad: [
    "Unfortunately your reply does not solve the problem. I am still waiting for an explanation.",
    "I'm not satisfied with this answer. Please escalate this to a supervisor.",
    "I have asked this same question before and never received an answer.",
  ],
  contactDetails: [
    "My number is {phone} if you need it.",
    "You can call me on {phone}.",
    "Please email me at {email}.",
    "My email is {email}.",
  ],
};
