import type { ThemeLines } from "./text-types.ts";

/** Finnish building blocks for the service, money and goods themes (the first half of the bank). */
export const FI_THEMES_A = {
  waiting: {
    problem: [
      "Mä yritin eilen soittaa kolme kertaa ja joka kerta jono oli yli puol tuntia.",
      "Miks teillä on aina näin pitkät jonot? Mä en ehdi istua puhelimessa koko päivää.",
      "Mä vaan haluun sanoa, et toi jonotus on ihan kohtuutonta.",
      "Chatissa luki et jonotusaika on viis minuuttia, mut meni ainakin kolme vartti.",
      "Mulla on ihan pieni asia, mut mä jouduin odottaan ikuisuuden.",
    ],
    detail: [
      "Soitin aamulla kasilta ja taas ysin jälkeen, molemmilla kerroilla sama juttu.",
      "Puhelu katkes kesken jonon, ja sit piti aloittaa alusta.",
      "Mulla oli lounastauko ja se meni kokonaan jonottaessa.",
    ],
    action: [
      "Pahoittelen odotusta. Meillä on ollut tällä viikolla poikkeuksellisen paljon yhteydenottoja.",
      "Ymmärrän turhautumisen. Kiireisintä on yleensä maanantaiaamuisin, iltapäivisin jonot ovat lyhyemmät.",
      "Kirjaan palautteesi jonotusajoista, se menee suoraan palvelupäällikölle.",
    ],
    fix: [
      "Hoidin nyt tämän asian valmiiksi, joten sinun ei tarvitse soittaa uudestaan.",
      "Asia on nyt kunnossa. Jatkossa voit hoitaa tämän myös Oma-sivuilla ilman jonotusta.",
      "Nyt on hoidettu. Ja kiitos vielä kärsivällisyydestä.",
    ],
    pending: [
      "En valitettavasti pysty lyhentämään jonoja, mutta välitän palautteen eteenpäin.",
      "Kirjasin palautteen. Seuraavalla kerralla kannattaa kokeilla takaisinsoittoa.",
    ],
    email: [
      "Yritin tavoittaa teitä puhelimitse {date}, mutta jonotusaika oli yli 40 minuuttia ja lopulta luovuin. Toivoisin, että jonotusaikoihin kiinnitettäisiin huomiota.",
      "Haluan antaa palautetta palvelunne saavutettavuudesta. Jonotin tänään {wait} minuuttia, eikä puhelu siltikään yhdistynyt.",
    ],
    short: ["jonotusaika liian pitkä", "miksi jono on niin pitkä", "kuinka kauan jonossa menee"],
  },
  callback: {
    problem: [
      "Mä jätin takaisinsoittopyynnön jo {date}, eikä kukaan oo soittanu.",
      "Teiltä luvattiin soittaa mulle takasin eilen, mut mitään ei kuulunu.",
      "Jätin soittopyynnön, ja kun te soititte, mä olin palaverissa. Ei tullu uutta yritystä.",
      "Mä odotin koko päivän puhelinta, kun te lupasitte soittaa.",
      "Mikä tää takaisinsoitto oikein on, kun se ei ikinä toimi?",
    ],
    detail: [
      "Mä annoin numeroks {phone}, se on ihan oikein.",
      "Järjestelmä sano et soitatte kahen tunnin sisällä.",
      "Mulla on vieläkin se sama asia auki, mistä mä alun perin soitin.",
    ],
    action: [
      "Näen pyyntösi järjestelmässä. Se on valitettavasti jäänyt käsittelemättä, pahoittelen.",
      "Tarkistin, ja soittoyritys oli kirjattu, mutta uutta yritystä ei tehty. Näin ei kuuluisi käydä.",
      "Otan asian nyt suoraan hoitooni, niin ei tarvitse odottaa uutta soittoa.",
    ],
    fix: [
      "Hoidin alkuperäisen asiasi nyt tässä samalla, joten soittoa ei enää tarvita.",
      "Alkuperäinen asia on nyt kunnossa ja soittopyyntö suljettu.",
      "Nyt on hoidettu, ja kirjasin samalla palautteen takaisinsoitosta.",
    ],
    pending: [
      "Tein uuden soittopyynnön kiireellisenä, asiantuntija soittaa tänään ennen neljää.",
      "Välitin asian eteenpäin ja merkitsin sen kiireelliseksi.",
    ],
    email: [
      "Jätin {date} takaisinsoittopyynnön, mutta kukaan ei ole ollut yhteydessä. Pyydän, että asiaani käsitellään pikaisesti. Tavoitatte minut numerosta {phone}.",
      "Minulle luvattiin soittaa takaisin kahden arkipäivän kuluessa. Aikaa on nyt kulunut viikko.",
    ],
    short: ["takaisinsoitto ei tullut", "soittopyyntö", "kukaan ei soittanut takaisin"],
  },
  billing: {
    problem: [
      "Mun e-laskussa on eri summa kuin Oma-sivuilla, kumpi on oikein?",
      "Mulle tuli perintäkirje laskusta, jonka mä maksoin ajallaan.",
      "Mulle tuli lasku, jossa on {amount}, vaikka mun kuukausimaksu on {amount2}.",
      "Toi viimeisin lasku on ihan väärin, siinä on veloitettu kahteen kertaan.",
      "Mä maksoin ton laskun jo, mut nyt tuli maksumuistutus.",
      "Mun laskulla on joku lisäpalvelu, jota mä en oo ikinä tilannu.",
      "Miks mulle tuli kaks laskua samalle kuulle?",
      "Lasku {invoice} on virheellinen, siinä on vanha hinta vaikka sopimus muuttu.",
    ],
    detail: [
      "Laskun numero on {invoice} ja eräpäivä {date}.",
      "Mä maksoin sen {date}, mulla on kuitti tallessa.",
      "Summa on {amount}, kun sen pitäis olla {amount2}.",
      "Se on se lasku {invoice}, siinä on rivi Lisäpalvelu Plus.",
    ],
    action: [
      "Katsoin laskun {invoice}, ja siinä on tosiaan virhe: sama jakso on veloitettu kahdesti.",
      "Näen maksusi {date}, se on vain kohdistunut väärälle laskulle. Korjaan kohdistuksen.",
      "Lisäpalvelu on aktivoitunut tilauksen yhteydessä virheellisesti. Poistan sen ja hyvitän veloitukset.",
      "Tarkistin sopimuksen, ja uusi hinta olisi pitänyt päivittyä jo viime kuussa.",
    ],
    fix: [
      "Tein hyvityksen {amount}, se näkyy seuraavalla laskulla. Maksumuistutuksen perin myös pois.",
      "Korjasin laskun ja lähetin uuden laskun sähköpostiisi. Eräpäivä siirtyy kahdella viikolla.",
      "Virhe on nyt korjattu ja ylimääräinen veloitus palautetaan tilillesi viiden pankkipäivän kuluessa.",
    ],
    pending: [
      "Laitoin laskusta selvityspyynnön laskutustiimille, vastaus tulee viikon sisällä. Laskun eräpäivä on siirretty.",
      "En pysty korjaamaan tätä itse, joten tein tiketin. Älä maksa laskua ennen kuin saat korjatun.",
    ],
    email: [
      "Sain laskun {invoice}, jonka summa on {amount}. Sopimukseni mukaan kuukausihinnan pitäisi olla {amount2}. Pyydän korjaamaan laskun ja lähettämään uuden.",
      "Olen maksanut laskun {invoice} {date}, mutta sain silti maksumuistutuksen ja 5,00 € muistutusmaksun. Pyydän poistamaan muistutusmaksun.",
      "Laskullani on veloitus palvelusta, jota en ole tilannut. Pyydän poistamaan veloituksen ja hyvittämään jo maksetut summat.",
    ],
    short: ["lasku on väärin", "virheellinen lasku", "maksumuistutus vaikka maksoin", "tuplaveloitus"],
  },
  prices: {
    problem: [
      "Mitä toi uus hinnasto tarkottaa mun kohdalla?",
      "Mä sain kirjeen, et mun kuukausimaksu nousee {amount2}. Miks?",
      "Toi hinnankorotus on kyl aika kova, onks mitään halvempaa vaihtoehtoa?",
      "Mä näin teidän sivuilla tarjouksen, mut mulle sanottiin et se ei koske vanhoja asiakkaita.",
      "Onks teillä jotain alennusta, jos mulla on useampi liittymä?",
      "Naapuri maksaa samasta paketista vähemmän, miten se on mahdollista?",
    ],
    detail: [
      "Hinta on nyt {amount} ja nousee ensi kuussa.",
      "Mulla on ollu sama sopimus yli viis vuotta.",
      "Tarjous oli voimassa {date} asti, ja mä olin ajoissa.",
    ],
    action: [
      "Hinnanmuutos johtuu kustannusten noususta, ja siitä on ilmoitettu sopimusehtojen mukaisesti.",
      "Katsoin vaihtoehtoja: kevyempi paketti olisi {amount}, ja siinä on sama nopeus kuin nyt käytössäsi.",
      "Tarjous koski valitettavasti vain uusia asiakkaita, mutta voin antaa kanta-asiakasedun.",
    ],
    fix: [
      "Vaihdoin sinut edullisempaan pakettiin, muutos astuu voimaan seuraavan laskutusjakson alusta.",
      "Lisäsin kanta-asiakasalennuksen, hintasi pysyy ennallaan seuraavat 12 kuukautta.",
      "Yhdistin liittymät samaan pakettiin, säästät noin {amount2} kuukaudessa.",
    ],
    pending: [
      "En voi valitettavasti perua hinnanmuutosta, mutta voit irtisanoa sopimuksen ilman kuluja.",
      "Välitin toiveesi myyntiin, sieltä otetaan yhteyttä tarjouksen kanssa.",
    ],
    email: [
      "Sain ilmoituksen hinnankorotuksesta. Olen ollut asiakkaananne pitkään ja koen korotuksen kohtuuttomaksi. Onko mahdollista saada jokin etu?",
      "Verkkosivuillanne mainostetaan pakettia hintaan {amount}. Voinko vaihtaa nykyisen sopimukseni tähän hintaan?",
    ],
    short: ["hinnankorotus", "halvempi paketti", "miksi hinta nousi"],
  },
  delivery: {
    problem: [
      "Kuljettaja jätti ilmoituksen, et ei tavottanu, vaikka mä olin koko päivän kotona.",
      "Mun tilauksesta tuli vaan puolet, laturi puuttuu.",
      "Mun tilaus {order} piti tulla {date}, mut ei oo vieläkään näkyny.",
      "Seurannan mukaan paketti on toimitettu, mut ei se mulle tullu.",
      "Mä tilasin uuden puhelimen kaks viikkoo sitten eikä mitään kuulu.",
      "Paketti meni väärään noutopisteeseen, ihan toiselle puolelle kaupunkia.",
      "Mun reitittimen toimitus on myöhässä, ja mä teen etätöitä.",
    ],
    detail: [
      "Tilausnumero on {order}.",
      "Seurannassa lukee vaan et lähetys on käsittelyssä, jo viikon.",
      "Osoite on oikein, mä tarkistin sen tilausvahvistuksesta.",
    ],
    action: [
      "Katsoin tilauksen {order}: lähetys on jäänyt jumiin jakelukeskukseen.",
      "Kuljetusliikkeen mukaan paketti on viety noutopisteeseen {date}. Tarkistan, mihin.",
      "Laite on ollut tilapäisesti loppu varastosta, uusi erä saapuu tällä viikolla.",
    ],
    fix: [
      "Tilasin uuden lähetyksen pikatoimituksena, se on perillä huomenna.",
      "Paketti on nyt ohjattu oikeaan noutopisteeseen, saat tekstiviestin kun se on noudettavissa.",
      "Lähetys lähtee tänään, ja hyvitin toimitusmaksun {amount2} viivästyksen takia.",
    ],
    pending: [
      "Avasin selvityksen kuljetusliikkeen kanssa, saat vastauksen kolmen arkipäivän sisällä.",
      "En valitettavasti pysty nopeuttamaan toimitusta, mutta seuraan tilannetta.",
    ],
    email: [
      "Tilaukseni {order} piti saapua {date}, mutta en ole vielä saanut sitä. Seurantakoodi ei näytä mitään uutta. Pyydän selvittämään tilanteen.",
      "Lähetys on merkitty toimitetuksi, mutta en ole vastaanottanut pakettia. Toivon nopeaa selvitystä.",
    ],
    short: ["missä tilaukseni on", "paketti myöhässä", "toimitus ei tullut"],
  },
  returns_refunds: {
    problem: [
      "Mä palautin väärän kokoisen kotelon, mut rahat tuli vaan osittain.",
      "Voiks avatun paketin vielä palauttaa?",
      "Mä palautin kuulokkeet jo kolme viikkoo sitten, mut rahoja ei oo tullu takasin.",
      "Miten mä palautan tän laitteen, kun se ei sopinu mulle?",
      "Mä sain hyvityksen, mut siitä puuttu {amount2}.",
      "Palautuslappu ei toimi, postissa sanottiin et koodi on virheellinen.",
      "Mä perun tilauksen, haluun rahat takasin.",
    ],
    detail: [
      "Palautin paketin {date}, mulla on kuitti.",
      "Tilausnumero on {order}.",
      "Hyvitystä piti tulla {amount}, mut tuli vähemmän.",
    ],
    action: [
      "Palautus on vastaanotettu varastolle {date}, mutta hyvitys on jäänyt käsittelyyn.",
      "Hyvityksestä on vähennetty avatun pakkauksen käsittelymaksu. Katsotaan, kuuluuko se tähän.",
      "Teen sinulle uuden palautuskoodin, se tulee tekstiviestinä.",
    ],
    fix: [
      "Hyväksyin hyvityksen {amount}, se näkyy tililläsi noin viiden pankkipäivän kuluessa.",
      "Uusi palautuskoodi on lähetetty. Palautus on sinulle maksuton.",
      "Käsittelymaksu oli virhe, palautin senkin.",
    ],
    pending: [
      "Hyvitys vaatii varaston tarkastuksen, ja se kestää noin viikon.",
      "Tein selvityspyynnön taloushallintoon, he palaavat asiaan sähköpostitse.",
    ],
    email: [
      "Palautin tilauksen {order} {date}, mutta en ole vieläkään saanut hyvitystä {amount}. Pyydän tiedon, milloin hyvitys maksetaan.",
      "Haluan perua tilauksen {order} 14 päivän palautusoikeuden perusteella. Pyydän ohjeet palautukseen.",
    ],
    short: ["palautus", "hyvitys ei tullut", "miten palautan"],
  },
  product_defect: {
    problem: [
      "Mun puhelimen näyttö alko välkkyä eilen ihan itsestään.",
      "Wifi ei näy enää ollenkaan yläkerrassa, vaikka ennen näky.",
      "Mun reititin pätkii koko ajan, netti katkeilee monta kertaa päivässä.",
      "Uus puhelin ei lataa enää, vaikka se on ollu mulla vasta kuukauden.",
      "TV-boksi käynnistyy itsestään uudelleen kesken ohjelman.",
      "Mokkulan valot vilkkuu punasena eikä netti toimi ollenkaan.",
      "Toi laite ei toimi, eikä se toiminu oikeen alusta asti.",
    ],
    detail: [
      "Mä oon jo kokeillu käynnistää sen uudelleen monta kertaa.",
      "Ostin sen {date}, eli takuu on vielä voimassa.",
      "Ongelma alko sen jälkeen, kun laitteeseen tuli joku päivitys.",
      "Vaihdoin jo johdotkin, ei auttanu.",
    ],
    action: [
      "Tein etätestin laitteelle, ja se näyttää katkeilevaa yhteyttä. Kokeillaan ensin tehdasasetuksia.",
      "Tämä kuulostaa laitteen viasta. Takuu on voimassa, joten vaihto on sinulle maksuton.",
      "Päivitin laitteen ohjelmiston etänä, käynnistäisitkö sen uudelleen?",
    ],
    fix: [
      "Uusi laite lähtee sinulle tänään, ja vanhan voit palauttaa samassa paketissa.",
      "Nyt yhteys näyttää vakaalta. Jos katkoksia vielä tulee, soita suoraan tähän numeroon.",
      "Tehdasasetusten jälkeen kaikki toimii taas, mahtavaa.",
    ],
    pending: [
      "Tein vikailmoituksen, ja asentaja ottaa yhteyttä kahden arkipäivän kuluessa.",
      "Laite pitää lähettää huoltoon, ja huolto kestää noin kaksi viikkoa.",
    ],
    email: [
      "Ostamani laite on ollut viallinen ostopäivästä {date} lähtien. Yhteys katkeilee jatkuvasti. Pyydän laitteen vaihtoa takuun perusteella.",
      "Puhelimeni lakkasi latautumasta kuukauden käytön jälkeen. Toivon ohjeita takuuhuoltoon.",
    ],
    short: ["laite ei toimi", "netti katkeilee", "vikailmoitus"],
  },
} satisfies Record<string, ThemeLines>;
