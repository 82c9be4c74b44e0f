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
  /(?<![\p{L}])(?:invoice|order|rechnung\p{L}*|bestell\p{L}*|kundennummer|commande|factura|pedido|fattura|ordine|factuur|bestelling|po|purchase order|ref(?:erence)?|isbn|issn|tracking|ticket|case|account|customer|id|epoch|timestamp|build|run|job|batch|serial|sku|part|model|version|rows?)(?:[ _-]?(?:number|numbers|no|nr|num|id|n°|nº|#))?[\s"':#.=]{0,4}$/iu,
);

/** Words naming a phone number or a call; Japanese and Chinese ones inside longer words (電話番号). */
export const PHONE_WORDS = wordStartFirst(
  /(?<![\p{L}])(?:call|phone|tel|telephone|mobile|cell|whatsapp|sms|text me|fax|contact|reach|ring|dial|telefon\p{L}*|handy|mobil\p{L}*|anrufen|ruf|erreich\p{L}*|appel\p{L}*|portable|téléphone|joindre|joignable|móvil|movil|llam\p{L}*|celular|telefone|telemóvel|telemovel|ligue|contact[ao]\p{L}*|cellulare|chiama\p{L}*|raggiung\p{L}*|bel|mobiel|bereikbaar|телефон|звони\p{L}*)(?![\p{L}])|電話|携帯|连络|連絡|电话|手机|联系/iu,
);

export function before(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - length), index);
}
