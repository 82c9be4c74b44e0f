import { wordStartFirst } from '../word-start-first.js';
/**
 * Words around a number that say what it is. A card number printed in groups or named as a card
 * is a card; the same digits named as a job run, order or tracking number are not. A number
 * after "invoice", "order" or "ISBN" is not a phone number, whatever its shape.
 */
export const CARD_WORDS = wordStartFirst(
  /(?<![\p{L}])(?:card|visa|master ?card|amex|american express|discover|credit|debit|pan|cc|kreditkarte|karte|carte|cb|tarjeta|cartão|cartao|carta|kaart|creditcard|betaalpas|カード|卡号|信用卡|карт\p{L}*)(?![\p{L}])[^\n\d]{0,30}$/iu,
);

export const NOT_A_PHONE = wordStartFirst(
  /(?<![\p{L}])(?:invoice|order|rechnung\p{L}*|bestell\p{L}*|kundennummer|\p{L}*(?:vertrags|kunden|auftrags|serien|artikel|geräte|vorgangs|referenz|imei|sim|karten|klant|order|kund)nummer|commande|factura|pedido|fattura|ordine|factuur|bestelling|po|purchase order|ref(?:erence)?|isbn|issn|tracking|ticket|case|account|customer|id|epoch|timestamp|build|run|job|batch|serial|sku|part|model|version|rows?|lot|lote|lotto|partij|charge)(?:[ _-]?(?:number|numbers|no|nr|num|id|n°|nº|#))?[\s"':#.=]{0,4}$/iu,
);

/**
 * Words naming a phone number or a call; Japanese and Chinese ones inside longer words (電話番号),
 * and the German, Dutch and Scandinavian compounds that start with a phone word (Handynummer,
 * Festnetznummer, telefoonnummer, mobilnummer; not "Handyvertrag", a contract).
 * "Number" on its own (numéro, número, Nummer, номер) names a phone number too, unless it is the
 * number of an order, an invoice or a file (see ID_NUMBER). "Text Priya on …" names a mobile by
 * what it is for.
 */
export const PHONE_WORDS = wordStartFirst(
  /(?<![\p{L}])(?:call|phone|tel|telephone|mobile|cell|whatsapp|sms|text me|text (?:\p{L}+ ){0,2}?(?:on|at)|fax|contact|reach|ring|dial|telefon\p{L}*|handy(?:-?nummer|nr)?|mobil\p{L}*|festnetz(?:-?nummer|nr)?|durchwahl|(?:kontakt|notfall|privat|dienst|firmen|büro|ruf|tlf|tel)[ .-]?(?:nummer|nr)|anrufen|ruf|erreich\p{L}*|nummer|rufnummer|appel\p{L}*|portable|téléphone|joindre|joignable|numéro|móvil|movil|llam\p{L}*|celular|telefone|telemóvel|telemovel|ligue|ligar|ligue-me|liga-me|telefonar|número|numero|contact[ao]\p{L}*|cellulare|chiama\p{L}*|raggiung\p{L}*|bel|mobiele?(?:-?nummer)?|telefoon(?:-?nummer|nr)?|gsm(?:-?nummer)?|bereikbaar|tlf|ring|телефон|звони\p{L}*|номер)(?![\p{L}])|電話|携帯|连络|連絡|电话|手机|联系/iu,
);

/**
 * A number word that names something other than a phone: "numéro de commande", "número de
 * factura", "Nummer der Rechnung", "номер заказа", "numéro client" (a customer number; "numéro du
 * client" is the client's phone).
 */
export const ID_NUMBER = wordStartFirst(
  /(?<![\p{L}])(?:numéro|número|numero|nummer|номер|number)(?:(?: (?:de la|de|del|du|des|d'|d’|di|della|do|da|der|van|of|the|of the))? (?:commande|facture|dossier|ticket|suivi|série|compte|contrat|lot|pedido|factura|seguimiento|serie|cuenta|expediente|contrato|lote|encomenda|fatura|processo|conta|fattura|ordine|pratica|conto|contratto|lotto|bestelling|factuur|partij|order|invoice|account|tracking|serial|case|batch|rechnung|bestellung|auftrag|vertrag|charge|заказа|счета|счёта|договора|дела|партии)| (?:de )?(?:client|cliente|klant|kunde|customer|клиента))(?![\p{L}])/iu,
);

export function before(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - length), index);
}
