import { B, E, phrases } from './multilingual-phrases.js';

/**
 * Injection phrase families in Turkish, which the sixth held-out set found with none: dropping the
 * model's instructions, printing its system prompt, answering as if it had no restrictions, and
 * "developer mode" with its policies switched off. Turkish is written in Latin letters, so these
 * run wherever the prefilter finds a Turkish trigger word (see ./candidate-regions.ts).
 *
 * The verbs are matched as imperatives only ("yok say", "görmezden gel", "unut", "dikkate alma"):
 * "talimatları yok sayarsanız cihaz çalışmaz" (if you ignore the instructions, it fails) is a
 * warning to people. The instructions must be all of them, the previous ones or the ones given to
 * the model, so a manual's "Eski kuralları yok sayın" (drop the old rules, v3 applies) stays
 * quiet. The prompt must be the object of the verb of showing, in the accusative ("sistem
 * istemini göster"): "bir bot için sistem istemi yaz" asks to write one.
 */
const TR_DROP =
  '(?:yok say(?:ın|ınız)?|görmezden gel(?:in|iniz)?|unut(?:un|unuz)?|dikkate alma(?:yın)?|umursama(?:yın)?|boş ver(?:in)?|takma|uygulama(?:yı bırak)?|çiğne|uymayı bırak|uyma)';
const TR_RULES = '(?:talimat|kural|yönerge|komut|direktif|kısıtlama|sınırlama|istem|yönlendirme)\\p{L}*';
const TURKISH_OVERRIDE = [
  `${B}(?:önceki|önceden verilen|yukarıdaki|sana verilen|size verilen|sana söylenen|tüm|bütün|ilk|orijinal|asıl|mevcut|geliştiricilerinin|geliştiricinin)${E}(?: \\p{L}+){0,2}? ${TR_RULES}(?: (?:tamamen|hepsini|artık|şimdi))? ${TR_DROP}${E}`,
  `${B}(?:talimat|kural|yönerge|kısıtlama|sınırlama)lar(?:ını|ınızı) (?:tamamen |artık )?${TR_DROP}${E}`,
];
const TURKISH_EXTRACTION = [
  `${B}(?:sistem (?:istem|komut|mesaj|talimat|yönerge)|gizli (?:talimat|istem|komut|yönerge)|ilk (?:talimat|istem)|başlangıç (?:talimat|istem))\\p{L}*n[ıiuü](?: \\p{L}+){0,4}? (?:göster|yazdır|yaz|söyle|paylaş|tekrarla|kopyala|aktar|dök|ver)(?:in|iniz)?${E}`,
];
const TR_LIMITS = '(?:kısıtlama|sınırlama|kural|filtre|sansür|limit|etik kural|yasak)\\p{L}*';
const TURKISH_NO_LIMITS = [
  `${B}${TR_LIMITS} (?:yokmuş|yokmuşçasına|olmadığını|olmamış)(?: gibi)? (?:davran|cevap ver|yanıt ver|konuş|düşün)`,
  `${B}hiçbir ${TR_LIMITS} (?:olmayan|tanımayan|uygulamayan|olmadan)${E}[^.\\n]{0,30}(?:yapay zeka|${B}ai${E}|asistan|model|bot|cevap|yanıt|davran|konuş)`,
  `${B}sansürsüz(?: ve filtresiz)? (?:cevap|yanıt|konuş|cevapla|yanıtla)`,
  `${B}geliştirici mod\\p{L}*${E}[^.\\n]{0,40}(?:[.:] [^.\\n]{0,40})?(?:kısıtlama|politika|kural|sansür|filtre)\\p{L}* (?:yok|uygulanmaz|geçerli değil|kaldırıl|devre dışı)`,
];

export const TURKISH_PHRASES = [
  ...phrases('instruction-override', 'instruction override', TURKISH_OVERRIDE),
  ...phrases('system-prompt-extraction', 'system prompt extraction', TURKISH_EXTRACTION),
  ...phrases('role-play-jailbreak', 'role-play jailbreak', TURKISH_NO_LIMITS),
];
