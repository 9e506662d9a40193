import type { ThemeLines } from "./text-types.ts";

/** Finnish building blocks for the digital, contract and general-information themes. */
export const FI_THEMES_B = {
  app_login: {
    problem: [
      "Mä unohdin salasanan enkä pääse kirjautumaan sovellukseen.",
      "Sovellus pyytää vahvaa tunnistautumista, mut pankkitunnukset ei kelpaa.",
      "Mä vaihdoin puhelimen, ja nyt sovellus ei tunnista mua.",
    ],
    detail: [
      "Se näyttää vaan virhekoodin E401.",
      "Mulla on Android, ja sovellus on uusin versio.",
      "Kokeilin poistaa ja asentaa uudestaan, ei auttanu.",
      "Pankkitunnuksilla tunnistautuminen menee läpi, mut sit sovellus palaa alkuun.",
    ],
    action: [
      "Tämä on tunnettu ongelma viimeisimmässä sovellusversiossa, ja korjaus on tulossa.",
      "Nollasin kirjautumisesi taustajärjestelmästä. Kokeilisitko nyt uudestaan?",
      "Kiertotienä voit kirjautua selaimella Oma-sivuille, siellä kaikki toiminnot ovat käytössä.",
    ],
    fix: [
      "Nyt kirjautuminen toimii taas, hienoa!",
      "Kun tyhjensit sovelluksen välimuistin, tunnistautuminen meni läpi. Nyt pitäisi olla kunnossa.",
      "Tunnuksesi on nyt avattu uudelleen, ja pääset sisään.",
    ],
    pending: [
      "Korjaus tulee seuraavassa sovelluspäivityksessä. Siihen asti suosittelen selainta.",
      "Välitin tapauksesi kehittäjille, ja saat ilmoituksen, kun korjaus on julkaistu.",
    ],
    email: [
      "En pääse kirjautumaan mobiilisovellukseen. Olen kokeillut sekä salasanaa että pankkitunnuksia. Pyydän apua tunnusten palauttamiseen.",
    ],
    short: ["en pääse kirjautumaan", "salasana unohtunut", "tunnistautuminen ei toimi"],
    emerging: {
      problem: [
        "Sovelluspäivityksen jälkeen en pääse kirjautumaan ollenkaan.",
        "Päivitin teidän sovelluksen eilen, ja nyt se heittää mut koko ajan ulos.",
        "Uuden päivityksen jälkeen vahva tunnistautuminen jää pyörimään ikuisesti.",
        "Päivityksen jälkeen mä en pääse enää sovellukseen, se vaan sanoo et istunto on vanhentunut.",
        "Päivitys rikkoi kirjautumisen, pankkitunnuksilla tunnistautuminen ei palaa sovellukseen.",
        "Onks teillä joku vika, kun päivityksen jälkeen sovellus ei päästä sisään?",
      ],
      email: [
        "Sovelluksenne päivityksen jälkeen en ole päässyt kirjautumaan. Vahva tunnistautuminen pankkitunnuksilla onnistuu, mutta sovellus palaa kirjautumissivulle. Pyydän korjaamaan vian.",
        "Viimeisimmän päivityksen jälkeen sovellus ei hyväksy kirjautumistani. En pysty tarkistamaan laskujani tai sopimustani.",
      ],
      short: [
        "päivityksen jälkeen en pääse kirjautumaan",
        "sovellus ei päästä sisään päivityksen jälkeen",
        "kirjautuminen ei toimi päivityksen jälkeen",
      ],
    },
  },
  website: {
    problem: [
      "Teidän verkkokaupan kassa ei toimi, maksu jää jumiin.",
      "Mä en löydä teidän sivuilta mistään, miten laskutusosoitteen voi vaihtaa.",
      "Sivusto kaatuu aina, kun mä yritän ladata laskun PDF:nä.",
      "Verkkokaupassa luki et tuote on varastossa, mut tilausvahvistuksessa sanottiin et ei oo.",
      "Oma-sivuilla näkyy ihan väärät tiedot mun sopimuksesta.",
    ],
    detail: [
      "Mä käytän Chromea tietokoneella, ja sama juttu puhelimella.",
      "Virheilmoitus sanoo vaan et jotain meni vikaan.",
      "Mä yritin sitä {date} ja tänään uudestaan.",
    ],
    action: [
      "Maksupalvelussa oli häiriö aamupäivällä, se on nyt korjattu.",
      "Osoitteen voi vaihtaa Oma-sivuilla kohdasta Omat tiedot, mutta näkymä on valitettavasti piilossa mobiilissa.",
      "Lähetin laskun PDF:n sinulle sähköpostiin, ja tein vikailmoituksen sivustosta.",
    ],
    fix: [
      "Tein tilauksen puolestasi, ja vahvistus tulee sähköpostiisi.",
      "Päivitin tiedot järjestelmään, ja ne näkyvät Oma-sivuilla huomenna.",
      "Nyt pitäisi toimia, kokeilisitko vielä kerran?",
    ],
    pending: [
      "Kehittäjät selvittävät vikaa, ja sivusto pitäisi korjaantua muutamassa päivässä.",
      "Välitin palautteen verkkotiimille.",
    ],
    email: [
      "Verkkokauppanne kassa ei hyväksy maksuani, vaikka kortissa on katetta. Yritin tehdä tilauksen {date}. Pyydän ohjeita.",
      "Oma-sivuillanne näkyvät tiedot sopimuksestani ovat virheelliset. Pyydän korjaamaan tiedot.",
    ],
    short: ["sivusto ei toimi", "kassa ei toimi", "oma-sivut virhe"],
  },
  information: {
    problem: [
      "Mä tarviin todistuksen mun sopimuksesta asuntolainaa varten.",
      "Miten mä saan mun pojan liittymän siirrettyä hänen omiin nimiin?",
      "Mä vaan haluisin tietää, mikä mun nykyinen sopimus oikein on.",
      "Mä muutan ensi kuussa, miten mä siirrän liittymän uuteen osoitteeseen?",
      "Voiks mun laskun saada e-laskuna?",
      "Mä mietin, onks mun sopimuksessa määräaika vai ei.",
      "Mä haluun vaihtaa mun yhteystiedot, uusi numero on {phone}.",
      "Mistä mä nään, paljonko mä oon käyttäny dataa?",
    ],
    detail: [
      "Muuttopäivä on {future}.",
      "Mun sähköposti on nykyään {email}.",
      "Mulla on kaks liittymää, tää koskee sitä toista.",
    ],
    action: [
      "Sinulla on toistaiseksi voimassa oleva sopimus, ja kuukausimaksu on {amount}.",
      "Muuton voi ilmoittaa Oma-sivuilla, tai voin tehdä sen nyt puolestasi.",
      "E-laskun voit tilata verkkopankistasi, se on aika nopea homma.",
    ],
    fix: [
      "Päivitin tiedot, ja saat vahvistuksen sähköpostiisi.",
      "Muuttoilmoitus on tehty, palvelu siirtyy uuteen osoitteeseen {future}.",
      "Kaikki on nyt kunnossa, muuta ei tarvitse tehdä.",
    ],
    pending: [
      "Tähän tarvitaan vielä allekirjoitus, joten lähetän sinulle lomakkeen.",
      "Tarkistan asian ja palaan sinulle sähköpostitse.",
    ],
    email: [
      "Olen muuttamassa {future} ja haluaisin siirtää palvelut uuteen osoitteeseen. Mitä minun tulee tehdä?",
      "Pyydän päivittämään yhteystietoni. Uusi puhelinnumeroni on {phone} ja sähköpostini {email}.",
    ],
    short: ["muutto", "yhteystietojen päivitys", "e-lasku"],
  },
  contract_cancellation: {
    problem: [
      "Mun isä kuoli viime kuussa, ja mun pitää lopettaa hänen sopimukset.",
      "Jos mä irtisanon nyt, joudunks mä maksaan jotain lisää?",
      "Mä haluun irtisanoa mun sopimuksen.",
      "Mä yritin irtisanoa sopimuksen netissä, mut se ei onnistu.",
      "Mä irtisanoin sopimuksen jo kuukausi sitten, mut laskuja tulee edelleen.",
      "Miks sopimuksen irtisanominen pitää tehdä puhelimessa, kun tilaus onnistu netissä?",
      "Mä muutan ulkomaille, ja mun pitää lopettaa kaikki palvelut.",
    ],
    detail: [
      "Irtisanoin sen {date}, mulla on vielä vahvistusviesti.",
      "Sopimus tehtiin kaks vuotta sitten, eli määräaika on ohi.",
      "Lasku {invoice} tuli irtisanomisen jälkeen.",
    ],
    action: [
      "Näen irtisanomisesi, mutta sitä ei ole valitettavasti käsitelty loppuun. Korjaan sen nyt.",
      "Irtisanomisaika on kaksi viikkoa, eli sopimus päättyy {future}.",
      "Ennen kuin teen irtisanomisen, voisin tarjota edullisempaa vaihtoehtoa. Kiinnostaisiko?",
    ],
    fix: [
      "Irtisanominen on nyt tehty, ja saat vahvistuksen sähköpostiisi.",
      "Hyvitin irtisanomisen jälkeen tulleen laskun {amount}, sitä ei tarvitse maksaa.",
      "Sopimus päättyy pyytämänäsi päivänä, ja laitteen palautusohjeet tulevat postissa.",
    ],
    pending: [
      "Irtisanominen vaatii vielä tunnistautumisen, lähetän linkin tekstiviestinä.",
      "Määräaikaisen sopimuksen irtisanominen pitää hyväksyttää, tämä kestää pari päivää.",
    ],
    email: [
      "Irtisanon sopimukseni päättymään {future}. Pyydän vahvistuksen irtisanomisesta sähköpostitse.",
      "Irtisanoin sopimukseni jo {date}, mutta olen edelleen saanut laskuja. Pyydän hyvittämään laskun {invoice}.",
    ],
    short: ["irtisano sopimus", "sopimuksen irtisanominen", "lopeta liittymä"],
  },
  opening_hours: {
    problem: [
      "Mä vaan kysyn, millon teidän myymälä on auki lauantaina?",
      "Miks teidän asiakaspalvelu sulkeutuu jo neljältä? Mä oon silloin töissä.",
      "Onks teillä pyhäpäivinä auki ollenkaan?",
      "Mä tulin teidän liikkeeseen, ja siellä oli lappu et suljettu.",
    ],
    detail: [
      "Se oli se keskustan myymälä.",
      "Mä tarkistin ajat netistä, ja siellä luki et auki.",
      "Mulla on asiaa {future}.",
    ],
    action: [
      "Puhelinpalvelu on auki arkisin 8–18, ja chat arkisin 8–20 ja lauantaisin 10–16.",
      "Keskustan myymälä oli suljettu inventaarion vuoksi, ja tieto ei ollut päivittynyt sivuille.",
      "Pyhäpäivinä palvelemme vain chatbotin ja Oma-sivujen kautta.",
    ],
    fix: [
      "Voin hoitaa asiasi nyt saman tien, niin ei tarvitse käydä myymälässä.",
      "Lähetin aukioloajat myös tekstiviestinä.",
      "Nyt asia on hoidettu, kiitos kärsivällisyydestä.",
    ],
    pending: ["Välitän palautteen aukioloajoista eteenpäin.", "Ilmoitan sivuston virheestä eteenpäin."],
    email: [
      "Kävin myymälässänne {date}, mutta se oli suljettu, vaikka verkkosivujen mukaan sen piti olla auki. Toivon, että tiedot pidetään ajan tasalla.",
    ],
    short: ["aukioloajat", "milloin auki", "onko myymälä auki"],
  },
  chatbot: {
    problem: [
      "Mä yritin ensin teidän chatbotin kanssa, mut se ei ymmärtäny mitään.",
      "Se botti vaan pyörittää mua samassa kehässä.",
      "Miks mun pitää ensin jutella botin kanssa ennen kuin pääsee ihmiselle?",
      "Botti lupas siirtää mut asiakaspalvelijalle, mut keskustelu vaan katkes.",
    ],
    detail: [
      "Mä kirjotin monta kertaa et haluun puhua ihmiselle.",
      "Se anto mulle linkin, joka ei liittyny mun asiaan mitenkään.",
      "Kysymys oli siitä laskusta {invoice}.",
    ],
    action: [
      "Pahoittelen, botti ei vielä osaa käsitellä laskujen oikaisuja. Katsotaan asia tässä.",
      "Siirtymässä oli tänään häiriö, ja osa keskusteluista katkesi. Hyvä kun otit uudelleen yhteyttä.",
      "Kirjaan palautteesi botin kehitykseen.",
    ],
    fix: [
      "Hoidin asian nyt tässä, eikä sinun tarvitse palata bottiin.",
      "Asia on nyt kunnossa.",
      "Nyt on selvitetty. Jatkossa voit kirjoittaa botille suoraan asiakaspalvelija.",
    ],
    pending: [
      "Asia vaatii vielä selvittelyä, palaan asiaan sähköpostitse.",
      "Tein tiketin, ja asiantuntija ottaa yhteyttä.",
    ],
    email: [
      "Yritin hoitaa asiani chatbotin kautta, mutta se ei ymmärtänyt kysymystäni eikä ohjannut minua asiakaspalvelijalle. Pyydän, että joku ottaa yhteyttä.",
    ],
    short: ["botti ei auta", "asiakaspalvelija", "ihminen kiitos"],
  },
} satisfies Record<string, ThemeLines>;
