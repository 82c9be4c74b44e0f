import { B, E, phrases } from './multilingual-phrases.js';

/**
 * Injection phrase families in Korean and Arabic, the two languages the fifth held-out set found
 * with none: dropping the model's instructions, printing its system prompt, answering as if it
 * had no restrictions, and "developer mode" with its rules switched off. One pattern per script
 * (see detect-injection.ts): these run only on text with Hangul or Arabic letters in it.
 *
 * Korean verbs are matched in their imperative and connective forms only ("무시하고", "무시해",
 * "잊어버려"): "지침을 무시하면 오류가 납니다" (if you ignore the guide, it fails) is a warning to
 * people. The prompt must be the object of the verb of showing, so "시스템 프롬프트를 작성하는
 * 방법을 알려 줘" (how to write one) stays quiet. Arabic verbs may carry "و"/"ف" (and, so) in
 * front; the instructions must be the model's ("تعليماتك"), all of them, or the previous ones,
 * so a manual's "تجاهل التعليمات القديمة" aimed at readers of an old version is not read as one.
 */
const KO_IMPERATIVE =
  '(?:무시하고|무시해|무시하세요|무시하십시오|무시할 것|무시하라|잊어|잊고|잊으세요|잊어버려|잊어버리고|따르지 ?마|따르지 ?말고)';
const KOREAN_OVERRIDE = [
  `(?:이전|앞|위|기존|지금까지|처음|원래|모든|너의|당신의|네)(?:의|에)? ?(?:[가-힣]+ ){0,2}?(?:지시|지침|명령|규칙|프롬프트|가이드라인|제한|제약)(?:사항|들)?(?:을|를|은|는|도)? ?(?:전부 |모두 |다 |싹 )?${KO_IMPERATIVE}`,
];
const KOREAN_EXTRACTION = [
  `(?:시스템 ?프롬프트|시스템 ?메시지|시스템 ?지시|숨겨진 (?:지시|지침|프롬프트)|초기 (?:지시|프롬프트|설정 내용))(?:을|를|는)? ?(?:그대로 |전부 |모두 |전체 |원문 ?그대로 )?(?:출력|보여|알려|공개|말해|복사|적어|읊어)`,
];
const KOREAN_NO_LIMITS = [
  `(?:제한|제약|규칙|검열|필터|윤리 ?기준|가이드라인)(?:이|가|도)? ?(?:전혀 |하나도 |아무것도 )?없는 (?:[가-힣a-z]+ ){0,2}?(?:척|역할|것처럼 행동|ai인 척|인공지능인 척)`,
  `(?:아무|어떤|모든) (?:제한|제약|규칙|검열|필터)(?:도|이|을|에)? ?(?:없이|받지 않고|무시하고|상관없이) (?:[가-힣]+ ){0,1}?(?:대답|답|말해|응답|행동)`,
  `검열 ?없이 (?:대답|답|말해|응답)`,
  `개발자 ?모드[^.\\n]{0,40}(?:제한|정책|규칙|검열|필터|가이드라인)(?:이|가|은|는|을|를)? ?(?:없|무시|해제|적용되지)`,
];

const AR_DROP =
  '(?<![\\p{L}\\p{N}_])[وف]?(?:تجاهل|تجاهلي|تجاهلوا|اتجاهل|انس|انسى|انسي|لا تتبع|لا تلتزم ب|توقف عن اتباع|توقف عن الالتزام ب)';
const AR_RULES = '(?:التعليمات|الأوامر|القواعد|الإرشادات|التوجيهات|القيود|الضوابط)';
const ARABIC_OVERRIDE = [
  `${AR_DROP}${E} (?:جميع |كل |كافة )?(?:تعليماتك|أوامرك|قواعدك|إرشاداتك|توجيهاتك|قيودك|ضوابطك)${E}`,
  `${AR_DROP}${E} (?:جميع|كل|كافة) ${AR_RULES}${E}`,
  `${AR_DROP}${E} ${AR_RULES}(?: \\p{L}+)? (?:السابقة|الأصلية|المسبقة|الأولى|المعطاة لك|الخاصة بك|الموجهة إليك)${E}`,
];
const ARABIC_EXTRACTION = [
  `${B}[وف]?(?:اعرض|أعرض|أظهر|اظهر|اكشف|اطبع|أعطني|اعطني|اكتب|كرر|انسخ|أخبرني ب|اخبرني ب)${E}[^.\\n؟?]{0,30}(?:موجه النظام|تعليمات النظام|رسالة النظام|التعليمات (?:المخفية|الأولية|الأصلية|السرية)|البرومبت الخاص بك|موجهك)`,
];
const ARABIC_NO_LIMITS = [
  `${B}[وف]?(?:تظاهر|تخيل|افترض|تصرف)${E}[^.\\n]{0,40}(?:بلا|بدون|دون|ليس لديك|ليست لديك|لا توجد لديك|لا تملك) (?:أي |أية )?(?:قيود|حدود|قواعد|رقابة|فلاتر|ضوابط|إرشادات)`,
  `${B}[وف]?(?:أجب|أجبني|اجب|رد|تحدث|تكلم)${E}[^.\\n]{0,20}(?:بلا|بدون|دون) (?:أي |أية )?(?:قيود|رقابة|فلاتر|ضوابط)`,
  `${B}(?:أنت|انت) (?:الآن|الان|من الآن)${E}[^.\\n]{0,40}(?:بلا|بدون|دون) (?:أي |أية )?(?:قيود|رقابة|حدود|قواعد|ضوابط)`,
  `وضع المطور[^.\\n]{0,40}(?:بلا|بدون|دون|لا|لم تعد)(?: توجد| تنطبق| تطبق)? (?:أي |أية )?(?:قيود|سياسات|قواعد|رقابة|ضوابط)`,
];

export const KOREAN_ARABIC_PHRASES = [
  ...phrases('instruction-override', 'instruction override', [...KOREAN_OVERRIDE, ...ARABIC_OVERRIDE]),
  ...phrases('system-prompt-extraction', 'system prompt extraction', [
    ...KOREAN_EXTRACTION,
    ...ARABIC_EXTRACTION,
  ]),
  ...phrases('role-play-jailbreak', 'role-play jailbreak', [...KOREAN_NO_LIMITS, ...ARABIC_NO_LIMITS]),
];
