/**
 * Employee pulse comments, mostly Finnish with some English (international staff). The "strain"
 * set is what the lead team writes after its eNPS drop, so the cause is readable in the comments.
 */
export const PULSE_COMMENTS = {
  fi: {
    low: [
      "Liikaa kiirettä, ei aikaa tauoille.",
      "Jonot on jatkuvasti pitkät ja asiakkaat vihaisia, se kuormittaa.",
      "Järjestelmät on hitaita, puhelun aikana joutuu odottamaan ruutua.",
      "Tuntuu, ettei esihenkilö ehdi tukea.",
      "Vuorosuunnittelu ei toimi, samat ihmiset tekee aina iltavuorot.",
    ],
    mid: [
      "Ihan ok kuukausi, mutta kiireisiä päiviä oli paljon.",
      "Tiimi on hyvä, työkalut vois olla parempia.",
      "Perehdytys uusille vois olla pidempi.",
      "Palaverit vie välillä liikaa aikaa asiakastyöltä.",
    ],
    high: [
      "Hyvä tiimihenki, kaikki auttaa toisiaan.",
      "Esihenkilö on tukena ja kuuntelee.",
      "Mukava fiilis, asiakkaat ollut pääosin tyytyväisiä.",
      "Uusi tietopankki helpottaa työtä paljon.",
    ],
    strain: [
      "Kaksi kokenutta lähti, ja jonot kasvaa koko ajan.",
      "Uusi tikettijärjestelmä on hidas, ja tiketit katoaa välillä.",
      "Ylitöitä joka viikko, jaksaminen on lopussa.",
      "Ei ehdi perehdyttää uusia, kun kaikki vastaa puheluihin.",
      "Samoja vikoja selvitetään yhä uudelleen, koska tietoa ei jaeta.",
    ],
  },
  en: {
    low: [
      "Too much rush, no time for breaks.",
      "Systems are slow and customers are frustrated.",
      "Hard to get support from my lead.",
    ],
    mid: ["Okay month, busy at times.", "Good team, tools could be better."],
    high: ["Great team spirit.", "My lead is supportive.", "Nice month overall."],
    strain: [
      "Two senior colleagues left and the queue keeps growing.",
      "The new ticket system is slow.",
      "Overtime every week, I'm exhausted.",
    ],
  },
} as const;
