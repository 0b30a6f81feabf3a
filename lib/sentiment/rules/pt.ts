/**
 * Portuguese rules. natural's AFINN translation is the base; these additions are common words it
 * lacks, rated from general knowledge of (Brazilian) Portuguese and its internet usage, never taken
 * from the evaluation files. Gender and number forms (`linda`, `lindos`) and accent-less spellings
 * (`pessimo`) are derived by rule in `rules/index.ts`, so only base forms are listed.
 */

/** `não gostei`, `nunca mais`, `sem graça`; `n` and `nao` are how posts often write `não`. */
export const PT_NEGATORS = ['não', 'nao', 'n', 'nunca', 'jamais', 'nem', 'nada', 'ninguém', 'ninguem', 'nenhum', 'nenhuma', 'sem'];

export const PT_BOOSTERS: Record<string, number> = {
  muito: 1, muita: 1, muitos: 1, muitas: 1, mto: 1, mt: 1, mta: 1, demais: 1, super: 1, mega: 1, hiper: 1,
  bastante: 1, tão: 1, tao: 1, extremamente: 1, totalmente: 1, realmente: 1, completamente: 1,
  absolutamente: 1, incrivelmente: 1, mó: 1, bem: 1, mais: 1,
  pouco: -1, meio: -1, quase: -1, levemente: -1, ligeiramente: -1, meia: -1,
};

/** Negations that are neutral idioms: `não sei`, `não só`, `nem sabia`. */
export const PT_NEUTRAL_NEGATIONS = ['sei', 'sabe', 'sabia', 'só'];

/** Negation-raising verbs (`não acho que seja bom`) and negators that are no complaint alone (`sem`). */
export const PT_NEG_RAISERS = ['acho', 'acredito', 'creio', 'penso'];
export const PT_QUIET_NEGATORS = ['sem', 'nem'];

export const PT_CONTRAST = ['mas', 'porém', 'porem', 'contudo', 'entretanto', 'todavia', 'embora'];

export const PT_ADDITIONS: Record<string, number> = {
  ótimo: 3, péssimo: -3, odeio: -3, odiei: -3, odiar: -3, odeia: -3, odiando: -3,
  adorei: 3, adoro: 3, adora: 3, adorar: 3, adorando: 3, amei: 3, amo: 3, ama: 3, amando: 3,
  horrível: -3, terrível: -3, chato: -2, chatice: -2, tristeza: -2, nojo: -3, nojento: -3,
  decepção: -2, decepcionante: -2, bosta: -3, droga: -2, obrigado: 2, valeu: 2, lindo: 3,
  fofo: 2, gostoso: 2, delícia: 3, top: 2, sucesso: 2, chorando: -2, idiota: -3, vergonhoso: -3,
  absurdo: -2, bom: 3, feio: -3, gosto: 1, maravilha: 3, perfeição: 3, incrível: 3, sensacional: 4,
  fantástico: 4, excelente: 3, horroroso: -3, ridículo: -2, lamentável: -2, infelizmente: -2,
  triste: -2, chateado: -2, irritado: -2, irritante: -2, cansativo: -2, péssima: -3, saco: -1,
  merda: -4, fdp: -4, aff: -2, afff: -2, argh: -2, feliz: 3, felizmente: 2, parabéns: 3,
  orgulhoso: 2, animado: 2, empolgado: 2, show: 2, massa: 1, legal: 2, bacana: 2,
  pior: -3, piores: -3, melhores: 3, horrores: -2, raiva: -3, ódio: -3, medo: -2, preguiça: -1,
  sdds: 1, saudade: 1, saudades: 1, beijo: 2, beijos: 2, bjs: 2, abraço: 2, abraços: 2,
};
