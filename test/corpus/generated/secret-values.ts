/** Fresh, realistic secret values in each provider's current format (never real credentials). */
import { ALNUM, BASE64_ALPHABET, HEX, type SeededRandom } from './seeded-random.js';

const LOWER_DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const URLSAFE = `${ALNUM}_-`;

export function secretValues(random: SeededRandom) {
  const { chars, pick, int } = random;
  const password = () => {
    const words = ['Tiger', 'Maple', 'Quartz', 'Falcon', 'Nimbus', 'Orbit', 'Cobalt', 'Juniper', 'Vortex'];
    return pick([
      () => `${pick(words)}${chars('!#%&*?@$', 1)}${int(10, 9999)}${chars(ALNUM, int(3, 6))}`,
      () => chars(`${ALNUM}!#%&*?@$^`, int(12, 24)),
      () => `${chars(ALNUM, 4)}-${chars(ALNUM, 4)}-${chars(ALNUM, 4)}`,
      () => `${pick(words).toLowerCase()}_${int(1000, 99999)}_${chars(ALNUM, 5)}`,
    ])();
  };
  return {
    password,
    databricksToken: () => `dapi${chars(HEX, 32)}${pick(['', '', '-2', '-3'])}`,
    databricksOauthSecret: () => `dose${chars(HEX, 32)}`,
    openaiProjectKey: () => `sk-proj-${chars(URLSAFE, 74)}T3BlbkFJ${chars(URLSAFE, 74)}`,
    openaiLegacyKey: () => `sk-${chars(ALNUM, 20)}T3BlbkFJ${chars(ALNUM, 20)}`,
    anthropicKey: () => `sk-ant-api03-${chars(URLSAFE, 93)}AA`,
    azureAccountKey: () => `${chars(BASE64_ALPHABET, 86)}==`,
    awsAccessKey: () => `${pick(['AKIA', 'ASIA'])}${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    awsSecretKey: () => chars(BASE64_ALPHABET, 40),
    githubToken: () => `${pick(['ghp_', 'gho_', 'ghs_'])}${chars(ALNUM, 36)}`,
    githubFineGrained: () => `github_pat_${chars(ALNUM, 22)}_${chars(ALNUM, 59)}`,
    slackBotToken: () =>
      `xoxb-${int(10 ** 11, 10 ** 12 - 1)}-${int(10 ** 12, 10 ** 13 - 1)}-${chars(ALNUM, 24)}`,
    stripeKey: () => `${pick(['sk_live_', 'rk_live_'])}${chars(ALNUM, 99)}`,
    huggingFaceToken: () => `hf_${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`,
    /** Current Hugging Face tokens mix digits into the 34 characters. */
    huggingFaceTokenCurrent: () =>
      `hf_${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 31)}${chars('0123456789', 3)}`,
    gcpApiKey: () => `AIza${chars(URLSAFE, 35)}`,
    /** A service's own API key or signing secret: no provider prefix, just random characters. */
    genericKey: () =>
      pick([() => chars(ALNUM, int(20, 40)), () => chars(HEX, 32), () => chars(URLSAFE, 43)])(),
    jwt: () => {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const header = part({ alg: pick(['HS256', 'RS256']), typ: 'JWT' });
      const body = part({ sub: chars(LOWER_DIGITS, 12), exp: int(1.7e9, 1.9e9), scope: 'all-apis' });
      return `${header}.${body}.${chars(URLSAFE, 43)}`;
    },
    host: () =>
      pick(['db.internal.acme.io', 'pg-prod-03.corp.northwind.net', '10.20.4.17', 'warehouse.fabrikam.org']),
    user: () => pick(['etl_svc', 'analytics', 'postgres', 'app_rw', 'jdoe', 'reporting']),
  };
}
