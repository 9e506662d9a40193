/**
 * Hand-written language profiles for language.ts: a small seed text per language (customer-service and
 * everyday register, written for this project) from which the character-trigram tables are counted at
 * module load, and a list of function words that settle very short texts. German and Estonian seeds only
 * exist so that those languages land in "other" instead of being forced into Swedish or Finnish.
 *
 * The seeds are deliberately not the sentences the accuracy tests use (language-*.test.ts).
 */

export type ProfileLang = "fi" | "en" | "sv" | "de" | "et";

export const SEED_TEXT: Readonly<Record<ProfileLang, string>> = {
  fi: `
Hei, minulla on ongelma laskun kanssa, koska sama maksu veloitettiin tililtäni kahteen kertaan.
Asiakaspalvelu vastasi nopeasti ja asia saatiin kuntoon heti ensimmäisellä soitolla, kiitos siitä.
Odotin jonossa yli puoli tuntia eikä kukaan vastannut, tämä on aivan käsittämätöntä palvelua.
Tilasin paketin viime viikolla mutta toimitus on edelleen myöhässä eikä seurantakoodi toimi.
Haluaisin irtisanoa sopimukseni ensi kuun alusta, miten se onnistuu ja tuleeko siitä kuluja?
Sähkösopimuksen hinta nousi yllättäen vaikka minulle luvattiin kiinteä hinta koko vuodeksi.
Kirjautuminen sovellukseen ei onnistu pankkitunnuksilla, saan vain virheilmoituksen joka kerta.
Myyjä oli todella ystävällinen ja osaava, sain hyvät neuvot ja tuote sopi juuri minun tarpeisiini.
Voitteko tarkistaa, onko korvaushakemukseni jo käsitelty, lähetin liitteet kaksi viikkoa sitten.
Nettiyhteys katkeilee jatkuvasti iltaisin, olen jo käynnistänyt modeemin uudelleen monta kertaa.
Lääkäriajan varaaminen oli helppoa ja vastaanotolla kaikki sujui hyvin ja ajallaan.
Juna oli taas myöhässä eikä asemalla kerrottu mitään, lippua ei voinut palauttaa sovelluksessa.
Kortti hylättiin kaupassa vaikka tilillä oli rahaa, mistä tämä johtuu ja mitä minun pitää tehdä?
Palautin tuotteen kuukausi sitten mutta rahoja ei ole vieläkään näkynyt tililläni.
Kiitos nopeasta avusta, olitte todella avuliaita ja ongelma ratkesi saman päivän aikana.
Vakuutusyhtiö ei ole vastannut viesteihini, ja korvauspäätöstä on odotettu jo pitkään.
Osoitteenmuutos ei päivittynyt järjestelmään, joten lasku meni väärään osoitteeseen.
Henkilökunta oli kohteliasta mutta odotusaika oli liian pitkä ja tiedotus puutteellista.
Miksi en saa tekstiviestiä tunnistautumista varten, puhelinnumeroni on oikein tiedoissa.
Toivoisin että asiakaspalvelu olisi auki myös viikonloppuisin, arkena en ehdi soittaa.
mä en saa tätä sovellusta toimimaan vaikka oon yrittäny koko aamun
moi, onks teillä vielä sitä tarjousta voimassa vai loppuks se jo
ei toimi taas, tää on ihan hanurista, mitä te oikein teette siellä
kiitti paljon, homma hoitu tosi nopeesti ja asiakaspalvelija oli tosi mukava
mul tuli joku outo lasku mitä mä en oo tilannu, voitteks te kattoo sen
ootteks te jo korjannu sen vian, netti pätkii edelleen joka ilta
en mä jaksa enää soittaa uudestaan kun kukaan ei ikinä vastaa
sain just viestin et paketti on noudettavissa mut ei se ollu siellä
no nyt vihdoin toimii, kiitos ku jaksoitte auttaa
miks mun pitää aina odottaa tunti jonossa ennen ku joku vastaa
onko mahdollista saada hyvitys kun palvelu ei toiminut koko viikkoon
tervetuloa, miten voin auttaa teitä tänään? kerrotteko asiakasnumeronne
valitettavasti emme voi palauttaa rahoja ennen kuin tuote on saapunut varastolle
olemme pahoillamme viivästyksestä ja korjaamme asian mahdollisimman pian
laskussa on virhe, siinä on veloitettu palvelusta jota en ole koskaan käyttänyt
pitäisikö minun täyttää lomake uudelleen vai riittääkö että lähetän sähköpostia
kuljettaja oli töykeä eikä auttanut kantamaan laatikoita sisään
hinta on liian kova siihen nähden mitä saa, kilpailija tarjoaa saman halvemmalla
en ole tyytyväinen, koska kukaan ei soittanut takaisin vaikka niin luvattiin
tuote rikkoutui heti ensimmäisellä käyttökerralla, haluan uuden tilalle tai rahat takaisin
`,
  en: `
Hello, I have a problem with my invoice because the same payment was charged twice from my account.
The customer service team answered quickly and the issue was fixed during the first call, thank you.
I waited in the queue for over half an hour and nobody answered, this is completely unacceptable.
I ordered a parcel last week but the delivery is still late and the tracking code does not work.
I would like to cancel my contract from the beginning of next month, how do I do that and are there fees?
The price of my electricity contract went up even though I was promised a fixed price for the whole year.
I cannot log in to the app with my bank credentials, I just get an error message every time.
The sales assistant was really friendly and knowledgeable, I got good advice and the product fits my needs.
Could you check whether my claim has already been processed, I sent the attachments two weeks ago.
The internet connection keeps dropping in the evenings, I have restarted the modem many times already.
Booking a doctor's appointment was easy and everything went smoothly and on time at the clinic.
The train was late again and nobody told us anything at the station, and the ticket could not be refunded.
My card was declined at the shop even though there was money on the account, why does this happen?
I returned the item a month ago but the money still hasn't shown up on my account.
Thanks for the quick help, you were really helpful and the problem was solved on the same day.
The insurance company has not replied to my messages and I have been waiting for a decision for ages.
My change of address was not updated in the system, so the bill went to the wrong address.
The staff were polite but the waiting time was far too long and the information was poor.
Why don't I get the text message for identification, my phone number is correct in your records.
I wish customer support would be open at weekends too, on weekdays I don't have time to call.
hi, is the offer still valid or has it already ended? can you let me know asap
it doesn't work again, this is ridiculous, what are you guys even doing over there
thanks a lot, it was sorted out really fast and the agent was super nice
i got some weird bill for something i never ordered, could you please look into it
have you fixed the fault yet, the connection still cuts out every night
I have problem with my bill, it is too big and I don't understand why
my internet is not working since monday and nobody is helping me
welcome, how can I help you today? could you tell me your customer number please
unfortunately we cannot refund the money before the item has arrived at our warehouse
we are sorry for the delay and we will fix this as soon as possible
there is a mistake in the invoice, it charges for a service I have never used
should I fill in the form again or is it enough that I send an email
the driver was rude and did not help carry the boxes inside
the price is way too high for what you get, the competitor offers the same for less
I am not satisfied because nobody called me back although that was promised
the product broke the first time I used it, I want a new one or my money back
`,
  sv: `
Hej, jag har ett problem med min faktura eftersom samma betalning drogs två gånger från mitt konto.
Kundtjänsten svarade snabbt och ärendet löstes redan under första samtalet, tack för det.
Jag väntade i kön i över en halvtimme och ingen svarade, det här är helt oacceptabelt.
Jag beställde ett paket förra veckan men leveransen är fortfarande försenad och spårningskoden fungerar inte.
Jag skulle vilja säga upp mitt avtal från början av nästa månad, hur gör jag och kostar det något?
Priset på mitt elavtal höjdes fast jag blev lovad ett fast pris för hela året.
Jag kan inte logga in i appen med mina bankkoder, jag får bara ett felmeddelande varje gång.
Säljaren var väldigt trevlig och kunnig, jag fick bra råd och produkten passar mina behov.
Kan ni kolla om min skadeanmälan redan har behandlats, jag skickade bilagorna för två veckor sedan.
Internetuppkopplingen bryts hela tiden på kvällarna, jag har redan startat om modemet många gånger.
Att boka läkartid var enkelt och allt gick smidigt och i tid på mottagningen.
Tåget var försenat igen och ingen sa något på stationen, biljetten kunde inte återbetalas i appen.
Mitt kort nekades i butiken fast det fanns pengar på kontot, varför händer det här?
Jag returnerade varan för en månad sedan men pengarna har fortfarande inte kommit in på mitt konto.
Tack för den snabba hjälpen, ni var verkligen hjälpsamma och problemet löstes samma dag.
Försäkringsbolaget har inte svarat på mina meddelanden och jag har väntat på ett beslut länge.
Min adressändring uppdaterades inte i systemet, så räkningen gick till fel adress.
Personalen var artig men väntetiden var alldeles för lång och informationen var bristfällig.
Varför får jag inget sms för identifiering, mitt telefonnummer är rätt i era uppgifter.
Jag önskar att kundtjänsten också var öppen på helgerna, på vardagar hinner jag inte ringa.
hej, gäller erbjudandet fortfarande eller har det redan tagit slut?
det funkar inte igen, det här är löjligt, vad håller ni på med egentligen
tack så mycket, det ordnade sig jättesnabbt och handläggaren var supertrevlig
jag fick en konstig räkning för något som jag aldrig har beställt, kan ni titta på det
har ni lagat felet än, uppkopplingen försvinner fortfarande varje kväll
välkommen, hur kan jag hjälpa dig idag? kan du berätta ditt kundnummer
tyvärr kan vi inte betala tillbaka pengarna innan varan har kommit till vårt lager
vi ber om ursäkt för förseningen och vi åtgärdar det så snart som möjligt
det finns ett fel på fakturan, den tar betalt för en tjänst som jag aldrig har använt
ska jag fylla i blanketten igen eller räcker det att jag skickar ett mejl
chauffören var otrevlig och hjälpte inte till att bära in lådorna
priset är alldeles för högt för vad man får, konkurrenten erbjuder samma sak billigare
jag är inte nöjd eftersom ingen ringde tillbaka fast det var utlovat
produkten gick sönder första gången jag använde den, jag vill ha en ny eller pengarna tillbaka
`,
  de: `
Hallo, ich habe ein Problem mit meiner Rechnung, weil die gleiche Zahlung zweimal abgebucht wurde.
Der Kundendienst hat schnell geantwortet und das Problem wurde sofort gelöst, vielen Dank dafür.
Ich habe über eine halbe Stunde in der Warteschleife gewartet und niemand hat sich gemeldet.
Die Lieferung ist immer noch nicht angekommen und die Sendungsverfolgung funktioniert nicht.
Ich möchte meinen Vertrag zum nächsten Monat kündigen, wie geht das und kostet das etwas?
`,
  et: `
Tere, mul on probleem arvega, sest sama makse võeti minu kontolt kaks korda maha.
Klienditeenindus vastas kiiresti ja probleem lahendati kohe esimese kõne ajal, aitäh selle eest.
Ootasin järjekorras üle poole tunni ja keegi ei vastanud, see on täiesti vastuvõetamatu.
Tellisin paki eelmisel nädalal, aga tarne hilineb endiselt ja jälgimiskood ei tööta.
Soovin lepingu järgmise kuu algusest lõpetada, kuidas seda teha ja kas see maksab midagi?
`,
};

/**
 * Words whose presence is strong evidence for a language in a short text, as extra log-odds (nats)
 * added per occurrence. Words shared across languages ("on", "en", "se", "i") get smaller weights in each.
 */
export const FUNCTION_WORDS: Readonly<Record<"fi" | "en" | "sv", string>> = {
  fi: `ja ei en et emme ette eivät eivat on oli ole ollut olen olet ovat ovat se ne tämä tämän tätä tää tän tätä
    tama taman tata ta että etta jos kun ku kuin mutta mut vaan niin nyt vielä viela jo myös myos koska kanssa
    minä mä mä mulla mulle mun minun minulla minulle sinä sä sulla sun teillä teille te me meillä mikä mitä mita
    miten miksi miks missä missa milloin onko onks oliko voiko voitteko voitteks ei eikä eika eikö eiko oo oon
    ollu olis olisi pitää pitäisi pitaisi kiitos kiitti moi hei heippa terve joo juu kyllä kylla tosi ihan aivan
    todella vähän vahan paljon siitä siita siinä siina tästä tasta sitten sit myöhässä ole vaikka eli joka jota`,
  en: `the a an and or but not no is are was were be been am i you he she it we they my your our their me us
    this that these those there here what why how when where who which do does did don't doesn't didn't can't
    cannot won't isn't wasn't have has had of to in on at for with from by about please thanks thank hi hello
    would could should will just very really too so if because still again any some all never nothing nobody`,
  sv: `och inte är var har hade jag du han hon vi ni de det den detta dessa ett en att som på för med till från
    av om men eller så kan ska skulle vill måste min mitt mina din ditt era vår vårt hur varför vad när var vem
    ingen inget inga aldrig också redan fortfarande igen tack hej bara mycket väldigt nu då här där mig dig oss`,
};

/** Weight (nats) of a function word; words listed for two languages get `SHARED_WEIGHT` in each. */
export const FUNCTION_WORD_WEIGHT = 1.6;
export const SHARED_WEIGHT = 0.4;
