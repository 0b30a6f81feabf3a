/**
 * What the demo stream talks about: five running stories, each with its hashtags, accounts,
 * vocabulary and sentences per language and tone, and a cycle that moves its volume and mood
 * over (event) time. All names are invented; links point at the reserved example.* domains.
 *
 * Sentences carry words from the AFINN lexicons the scorer uses (English AFINN-165, natural's
 * Spanish and Portuguese AFINN), so the moods show up on the dashboard.
 */

export type Tone = 'pos' | 'neg' | 'neu';
export type DemoLang = 'en' | 'pt' | 'es';
export const DEMO_LANGS: readonly DemoLang[] = ['en', 'pt', 'es'];

/** Sentences by tone; `{slot}` is filled from the topic's slots or the moment's vars. */
export type Lines = Partial<Record<Tone, readonly string[]>>;

/** A topic's state at one second of its cycle. */
export interface Moment {
  /** Stage name, choosing stage-specific sentences (`hype`, `goal` ...). */
  stage: string;
  /** Relative post volume; 1 is the topic's normal share. */
  volume: number;
  /** Probabilities of a positive and a negative post (neutral is the rest). */
  pos: number;
  neg: number;
  /** Mood for one language when it differs (the away fans write in Spanish). */
  byLang?: Partial<Record<DemoLang, { pos: number; neg: number }>>;
  /** Slot values of this moment (the match minute and score). */
  vars?: Record<string, string>;
  /** Chance that a post shouts in capitals (a goal). */
  shout?: number;
}

export interface Topic {
  id: string;
  /** Share of normal traffic (weights are relative to each other). */
  weight: number;
  /** Length of the topic's cycle, seconds. */
  periodS: number;
  /** The topic at `s` seconds into its cycle (0 <= s < periodS). */
  moment(s: number): Moment;
  /** Language mix, weights for en, pt, es. */
  langs: readonly [number, number, number];
  hashtags: readonly string[];
  mentions: readonly string[];
  links: readonly string[];
  slots: Readonly<Record<string, readonly string[]>>;
  /** Sentences per stage (`any` applies at every stage) and language. Every topic has `any` for every language and tone. */
  lines: Readonly<Record<string, Partial<Record<DemoLang, Lines>>>>;
  /** Official accounts posting neutral updates. */
  official?: { author: string; lines: readonly string[] };
}

const lerp = (a: number, b: number, x: number): number => a + (b - a) * Math.min(1, Math.max(0, x));

/** A product launch: hype at the keynote, then battery and heat complaints take over in ~10 min. */
const launch: Topic = {
  id: 'launch',
  weight: 0.26,
  periodS: 15 * 60,
  moment(s) {
    const turn = s / 600;
    return {
      stage: s < 240 ? 'hype' : s >= 420 ? 'sour' : 'any',
      // The keynote reveal, then a second wave when the complaints pile up.
      volume: 1 + 1.8 * Math.exp(-s / 60) + (s > 480 && s < 600 ? 0.6 : 0),
      pos: lerp(0.72, 0.12, turn),
      neg: lerp(0.06, 0.68, turn),
    };
  },
  langs: [0.74, 0.14, 0.12],
  hashtags: ['#AuroraX', '#HelioLaunch', '#AuroraX', '#Helio'],
  mentions: ['@HelioMobile', '@HelioSupport'],
  links: [
    'https://example.com/helio/aurora-x',
    'https://example.com/reviews/aurora-x-first-look',
    'https://example.com/news/2026/helio-aurora-x-battery-complaints',
    'https://example.org/forum/t/aurora-x-overheating/4812',
    'https://example.net/deals/aurora-x-preorder',
  ],
  slots: {
    phone: ['Aurora X', 'Aurora X', 'AuroraX', 'Aurora X Pro'],
    color: ['Glacier Blue', 'Ember Red', 'Midnight', 'Sandstone'],
    feature: ['200MP camera', '144Hz screen', 'satellite SOS', 'titanium frame', 'night mode', 'fast charging'],
    problem: ['overheating', 'battery drain', 'camera lag', 'wifi dropping', 'screen flicker', 'charging bug'],
    price: ['$1,199', '$1,299', '€1,349'],
    hours: ['3', '4', '5'],
    n: ['2', '3', '4', '5', '6'],
  },
  lines: {
    hype: {
      en: {
        pos: [
          "Just preordered the {phone} and I'm so excited",
          'The {phone} camera samples look amazing, Helio cooked',
          'ok the {phone} in {color} is beautiful, take my money',
          'That {feature} demo at the keynote was awesome',
          "Unboxing my {phone} tonight, best launch day in years",
          'Helio really nailed it with the {phone}. Love the {feature}',
          'The {feature} on the {phone} is insanely good, wow',
        ],
        neg: ["{price} for the {phone}?? that's a bad joke", 'Preorders sold out in 3 minutes, I hate this'],
        neu: ['Watching the {phone} keynote live', 'So the {phone} ships on Friday?', '{phone} specs thread, what matters to you?'],
      },
    },
    sour: {
      en: {
        neg: [
          "My {phone} gets so hot I can't hold it. This is ridiculous",
          '{phone} battery went from 100 to 40 in {hours} hours. Terrible',
          'Third update and the {problem} is still broken',
          'Waited 2 hours on chat with @HelioSupport for nothing. Worst support ever',
          'Paid {price} for a phone with {problem}. So disappointed',
          'the {phone} hype was a scam, {problem} on day one',
          "anyone else's {phone} doing the {problem} thing? so annoying",
          "Returning my {phone}. Awful {problem}, can't recommend it",
        ],
        pos: ['Mine is fine honestly, no {problem} here, happy with it', 'Update fixed the {problem} for me, good'],
        neu: ['Helio says a fix for the {problem} is coming next week', 'Is the {problem} a hardware or software thing?', 'Thread of {phone} {problem} reports'],
      },
    },
    any: {
      en: {
        pos: ['Still happy with my {phone}, the {feature} is great', '{phone} photos at night are wow', 'Day {n} with the {phone}: the screen is lovely'],
        neg: ['The {phone} {problem} is awful', 'Not impressed with the {phone} so far, bad battery', 'Why does my {phone} lag already, disappointing'],
        neu: [
          'Has anyone tested the {phone} battery yet?',
          'Thinking about upgrading to the {phone}',
          'What case are you all using for the {phone}?',
          '{phone} shipping date for Europe?',
          '{phone} vs last year model, worth it?',
        ],
      },
      pt: {
        pos: ['Comprei o {phone} e tô muito feliz, a câmera é incrível', 'O {phone} é lindo demais, parabéns Helio', 'Melhor celular que já tive, {phone} perfeito'],
        neg: ['Meu {phone} esquenta muito, que raiva', 'Bateria do {phone} é ruim demais, decepcionado', 'Paguei caro num lixo desses? {phone} travando toda hora', 'Pior atendimento, @HelioSupport não responde'],
        neu: ['Alguém sabe quando o {phone} chega no Brasil?', 'Vendo o review do {phone} agora', 'Vale a pena trocar pelo {phone}?'],
      },
      es: {
        pos: ['El {phone} es increíble, la mejor cámara que he visto', 'Feliz con mi {phone}, qué bueno', 'Precioso el {phone} en {color}'],
        neg: ['Mi {phone} se calienta muchísimo, qué rabia', 'La batería del {phone} es un desastre', 'Peor compra del año, el {phone} es basura', '@HelioSupport no contesta, qué vergüenza'],
        neu: ['¿Alguien sabe cuándo llega el {phone} a México?', 'Viendo la presentación del {phone}', '¿Vale la pena el {phone}?'],
      },
    },
  },
  official: {
    author: 'HelioMobile',
    lines: [
      'Aurora X preorders are open now in 30 countries.',
      'We hear you: a software update for Aurora X thermal management is rolling out this week.',
      'Need help with your Aurora X? DM @HelioSupport and we will get back to you.',
    ],
  },
};

// The match runs 90 minutes in 690 s of event time, the winner comes at 88', full time at 700 s.
const MATCH_END = 690;
const GOAL_AT = Math.round((88 / 90) * MATCH_END);

/** A football match, tense and goalless until a late winner sets off a burst. */
const match: Topic = {
  id: 'match',
  weight: 0.2,
  periodS: 15 * 60,
  moment(s) {
    const minute = Math.min(90, Math.floor((s / MATCH_END) * 90));
    const score = s >= GOAL_AT ? '1-0' : '0-0';
    const vars = { minute: String(Math.max(1, minute)), score };
    if (s < 40) return { stage: 'pre', volume: 1.4, pos: 0.55, neg: 0.08, vars };
    if (s < GOAL_AT) {
      const halftime = minute >= 45 && minute < 47 ? 0.5 : 1;
      // Frustration grows as the 0-0 drags on.
      return { stage: 'play', volume: halftime, pos: 0.32, neg: lerp(0.2, 0.42, s / GOAL_AT), vars };
    }
    if (s < 710) {
      return {
        stage: 'goal',
        volume: 1 + 6 * Math.exp(-(s - GOAL_AT) / 35),
        pos: 0.78,
        neg: 0.1,
        byLang: { es: { pos: 0.08, neg: 0.78 } },
        vars: { ...vars, minute: String(Math.max(88, minute)) },
        shout: 0.25 * Math.exp(-(s - GOAL_AT) / 20),
      };
    }
    return {
      stage: 'post',
      volume: lerp(1.6, 0.5, (s - 710) / 190),
      pos: 0.62,
      neg: 0.12,
      byLang: { es: { pos: 0.15, neg: 0.6 } },
      vars: { minute: '88', score: '1-0' },
    };
  },
  langs: [0.55, 0.1, 0.35],
  hashtags: ['#KINSOL', '#MatchDay', '#KingsportCity', '#KINSOL'],
  mentions: ['@KingsportCity', '@AtleticoSolaris', '@LeagueTV'],
  links: ['https://example.com/sport/kingsport-solaris-live', 'https://example.com/sport/2026/kingsport-late-winner-highlights', 'https://example.org/stats/match/88124'],
  slots: {
    home: ['Kingsport', 'Kingsport City', 'KCFC'],
    away: ['Solaris', 'Atlético Solaris'],
    striker: ['Mendes'],
    keeper: ['Okafor'],
    mid: ['Lindqvist', 'Adeyemi'],
    rival: ['Castaño', 'Ruiz'],
    stadium: ['Harbor Park', 'the Park'],
    n: ['2', '3', '4'],
  },
  lines: {
    pre: {
      en: {
        pos: ["Matchday! Come on {home}, let's win this", 'Lineup looks great, {striker} starts up top', 'Beautiful evening for football at {stadium}'],
        neu: ['Kick off at {stadium}, {home} v {away}', 'Team news: {striker} starts, {keeper} in goal'],
      },
      es: { pos: ['¡Vamos Solaris! Hoy toca ganar', 'Qué ganas de ver a {rival} hoy'], neu: ['Ya empieza {home} contra {away}'] },
    },
    play: {
      en: {
        pos: ['What a save by {keeper}!! brilliant', '{mid} running the midfield, love it', "We're the better team, the goal is coming"],
        neg: ["{minute}' and still {score}, this is so boring", '{striker} missed AGAIN, terrible finishing', 'Ref is awful tonight smh', 'That was a penalty!! we got cheated'],
        neu: ["{minute}' {home} {score} {away}", 'End to end stuff, {minute} minutes gone', "Corner for {home}, {minute}'"],
      },
      es: {
        pos: ['Vamos Solaris, jugamos mejor', 'Qué partido de {rival}, increíble'],
        neg: ['El árbitro es un desastre', 'Qué aburrido este partido', 'Otra ocasión perdida, fatal'],
        neu: ['Minuto {minute}, sigue {score}', '{away} aguanta, minuto {minute}'],
      },
    },
    goal: {
      en: {
        pos: [
          "GOOOOAL!!! {striker} in the {minute}th minute!!! YES",
          '{striker} you absolute legend, what a beautiful goal',
          "I'm crying, {minute}' winner, best night ever",
          'LATE WINNER! {home} {score}! I love this team',
          'What a finish from {striker}, wow wow wow',
        ],
        neg: ['Unbelievable, {minute} minutes of nothing and then that. Heartbroken', 'Awful defending from {away} there'],
        neu: ["{minute}' GOAL {home}. {striker}. {score}", 'Replay shows it was onside'],
      },
      es: {
        pos: ['Golazo de {striker}, increíble, hay que reconocerlo'],
        neg: ['No puede ser, gol en el {minute}. Qué rabia', 'Perder así en el último minuto, fatal', "Una vergüenza la defensa, {minute}' y perdemos", 'Qué mal, qué triste final'],
        neu: ["Gol de {home} en el {minute}'"],
      },
      pt: { pos: ['Que gol do {striker} no fim! Incrível'], neu: ['Gol do {home} aos {minute} minutos'] },
    },
    post: {
      en: {
        pos: ['Full time! {home} {score} {away}, happy Sunday', 'Three points, great win, {striker} man of the match', 'Proud of this team tonight'],
        neg: ["Full time. We deserved nothing, awful game", 'Poor from {away}, sad way to lose'],
        neu: ["FT: {home} {score} {away}. Goal: {striker} {minute}'", 'Post-match press conference at 10'],
      },
      es: {
        pos: ['Orgullo Solaris, la próxima será', 'Jugamos bien, gracias equipo'],
        neg: ['Otra derrota, estoy cansado de esto', 'Derrota injusta y dolorosa, qué mal'],
        neu: ['Final: {home} {score} {away}'],
      },
    },
    any: {
      en: { pos: ['Great atmosphere at {stadium}'], neg: ['Bad game so far'], neu: ['{home} v {away} on now'] },
      pt: {
        pos: ['Que jogo bom, o {striker} é muito bom', 'Vitória merecida do {home}'],
        neg: ['Jogo ruim demais', 'Que vergonha essa arbitragem'],
        neu: ['Alguém assistindo {home} x {away}?', 'Placar: {home} {score} {away}'],
      },
      es: { pos: ['Buen partido, muy bueno'], neg: ['Mal partido'], neu: ['Sigue el partido'] },
    },
  },
  official: {
    author: 'LeagueTV',
    lines: ["{minute}' | {home} {score} {away}", 'Live: {home} v {away} from {stadium}'],
  },
};

/** A harbour city's transit and weather: rush-hour delays, a rain shower, then sunshine. */
const city: Topic = {
  id: 'city',
  weight: 0.2,
  periodS: 30 * 60,
  moment(s) {
    if (s < 8 * 60) return { stage: 'rush', volume: 1.6, pos: 0.08, neg: 0.62 };
    if (s < 14 * 60) return { stage: 'rain', volume: 1.2, pos: 0.15, neg: 0.45 };
    return { stage: 'sun', volume: 0.75, pos: 0.58, neg: 0.1 };
  },
  langs: [0.6, 0.25, 0.15],
  hashtags: ['#PortAlder', '#PAtransit', '#PortAlderWeather'],
  mentions: ['@PAtransit', '@PortAlderWx'],
  links: ['https://example.com/portalder/transit/status', 'https://example.org/weather/port-alder/hourly', 'https://example.com/news/city/green-line-signal-works'],
  slots: {
    city: ['Port Alder'],
    line: ['Green Line', 'Line 4', 'the 12 bus', 'Harbor Express'],
    station: ['Central', 'Dockside', 'Market St', 'North Quay'],
    place: ['the waterfront', 'Quay Park', 'the old harbor'],
    n: ['10', '15', '20', '25'],
    temp: ['21', '23', '24', '26'],
  },
  lines: {
    rush: {
      en: {
        neg: [
          '{line} stuck at {station} again, {n} minutes late. Awful',
          'Packed like sardines on the {line}, I hate Mondays',
          '@PAtransit why is the {line} delayed every single day',
          'Missed my meeting thanks to {line} delays. Frustrated',
          'Signal failure at {station} AGAIN. So annoying',
        ],
        pos: ['Shoutout to the {line} driver who waited for me, nice', 'Got a seat on the {line}, good day already'],
        neu: ['{line}: delays of about {n} minutes after a signal problem at {station}', 'Is the {line} running?', 'Taking the bike today'],
      },
    },
    rain: {
      en: {
        neg: ['Soaked on the way to {station}, umbrella broken, awful day', 'Flooding near {station} again, the streets are dangerous', 'Rain plus {line} delays, bad combo'],
        pos: ['Love the sound of the rain, cozy coffee day', 'Rainy {city} is kind of beautiful'],
        neu: ['Heavy rain in {city} until about 3pm', 'Rain again in {city}', 'Bring an umbrella, it is pouring near {station}'],
      },
    },
    sun: {
      en: {
        pos: ['Sunny afternoon in {city}, the harbor looks beautiful', 'Perfect weather for a walk along {place}', '{city} in the sun is the best city in the world', 'Lunch outside at {place}, lovely'],
        neg: ['Too hot on the {line}, no AC again'],
        neu: ['{temp}°C and clear in {city}', 'Ferry schedule back to normal', 'Sunset at 7:42 tonight'],
      },
    },
    any: {
      en: { pos: ['Good day in {city}'], neg: ['Bad day for the {line}'], neu: ['{city} update'] },
      pt: {
        pos: ['Dia de sol lindo em {city}', 'Que dia maravilhoso na orla'],
        neg: ['{line} parado de novo, atraso de {n} minutos, que raiva', 'Metrô lotado e lento, pior dia', 'Chuva forte e o metrô com problema, triste'],
        neu: ['Alguém sabe se a {line} tá funcionando?', 'Chovendo em {city}'],
      },
      es: {
        pos: ['Qué día tan precioso en {city}', 'Un sol hermoso en el puerto'],
        neg: ['La {line} otra vez con retraso, qué desastre', 'Metro lleno y lento, qué mal', 'Lluvia y metro roto, fatal'],
        neu: ['¿Alguien sabe si funciona la {line}?', 'Llueve en {city}'],
      },
    },
  },
  official: {
    author: 'PAtransit',
    lines: ['{line}: minor delays near {station}. Thanks for your patience.', '{line} is running on a normal schedule.'],
  },
};

/** A streaming show's finale: excitement, a shocking episode, then a divided fandom. */
const show: Topic = {
  id: 'show',
  weight: 0.16,
  periodS: 20 * 60,
  moment(s) {
    if (s < 180) return { stage: 'pre', volume: 1.2, pos: 0.66, neg: 0.06 };
    if (s < 540) return { stage: 'live', volume: 2.2, pos: 0.4, neg: 0.32 };
    return { stage: 'after', volume: lerp(1.3, 0.6, (s - 540) / 660), pos: 0.4, neg: 0.45 };
  },
  langs: [0.6, 0.25, 0.15],
  hashtags: ['#StarfallFinale', '#Starfall', '#StarfallFinale'],
  mentions: ['@StreamlyTV', '@StarfallShow'],
  links: ['https://example.com/tv/starfall-finale-review', 'https://example.net/fandom/starfall/ending-explained', 'https://example.com/streamly/starfall'],
  slots: {
    char: ['Mara', 'Ellis', 'the Captain', 'Juno'],
    scene: ['lighthouse', 'final battle', 'rooftop', 'last letter'],
    n: ['10', '20', '30', '40'],
  },
  lines: {
    pre: {
      en: {
        pos: ['Starfall finale tonight!! so excited', 'Rewatching season 1 before the finale, this show is a masterpiece', "Snacks ready, so happy it's finale time"],
        neu: ['What time does the Starfall finale drop on Streamly?', 'Predictions for the finale? I think {char} survives'],
      },
    },
    live: {
      en: {
        pos: ['The {scene} scene... wow', 'The music in this episode is stunning', '{char} is the best character ever written'],
        neg: ["NOT {char}. I'm heartbroken", '{char} NOOOO this is so sad, I am crying', 'Streamly keeps buffering during the finale, I hate this @StreamlyTV'],
        neu: ['{n} minutes in and {char} is still missing', 'no spoilers please, I am {n} minutes behind'],
      },
    },
    after: {
      en: {
        pos: ['That ending was perfect. Thank you Starfall', 'Best finale in years, {char} deserved that', "Beautiful ending, I'm not okay"],
        neg: ['That ending ruined the whole show', '8 years for THIS? disappointed', 'The writers did {char} dirty, worst finale ever', 'Boring last episode, what a waste'],
        neu: ['Anyone else confused about the final scene?', 'Reading finale theories', 'So was {char} dreaming the whole time?'],
      },
    },
    any: {
      en: { pos: ['Starfall is great'], neg: ['Starfall lost me, bad writing'], neu: ['Watching Starfall'] },
      pt: {
        pos: ['Final de Starfall foi perfeito', 'Que final maravilhoso, {char} merecia', 'Melhor série, obrigado Starfall'],
        neg: ['Que final ruim, decepcionado com Starfall', 'Ódio desse final, {char} merecia mais', 'Pior final de série'],
        neu: ['Alguém viu o final de Starfall?', 'Sem spoiler por favor'],
      },
      es: {
        pos: ['Final precioso, gracias Starfall', 'Qué final tan hermoso'],
        neg: ['Final horrible, qué mal', 'Peor final de la historia, {char} no merecía eso'],
        neu: ['¿Ya vieron el final de Starfall?', 'Sin spoilers por favor'],
      },
    },
  },
};

/** An AI assistant: mostly usage chatter, with an outage every cycle. */
const ai: Topic = {
  id: 'ai',
  weight: 0.18,
  periodS: 25 * 60,
  moment(s) {
    if (s >= 18 * 60 && s < 21 * 60) return { stage: 'outage', volume: 1.9, pos: 0.05, neg: 0.7 };
    return { stage: 'any', volume: 1, pos: 0.36, neg: 0.22 };
  },
  langs: [0.75, 0.12, 0.13],
  hashtags: ['#QuillAI', '#AI', '#Cortexa'],
  mentions: ['@cortexa', '@QuillSupport'],
  links: ['https://example.com/cortexa/quill/release-notes', 'https://example.org/status/cortexa', 'https://example.com/blog/quill-vs-the-rest'],
  slots: { price: ['$20', '$30', '$60'], n: ['10', '20', '45'], task: ['test suite', 'cover letter', 'trip plan', 'SQL query', 'slide deck'] },
  lines: {
    outage: {
      en: {
        neg: ['Quill is down again?? this is bad @QuillSupport', 'Quill outage in the middle of my deadline, I hate this', 'Error 503 on Quill for {n} minutes now. Terrible'],
        neu: ['Is Quill down for anyone else?', 'Cortexa status page says Quill is degraded'],
        pos: ['Quill is back, thank you @QuillSupport'],
      },
    },
    any: {
      en: {
        pos: ['Quill just wrote my whole {task}, impressive', 'Used Quill for my {task}, honestly great', 'The new Quill voice mode is awesome'],
        neg: ['Quill made up three sources in my essay, useless', "Quill keeps inventing APIs that don't exist, frustrating", 'Paying {price}/month for this? bad deal'],
        neu: ['Trying the new Quill update today', 'Anyone compared Quill with other assistants for coding?', 'Cortexa announced Quill for teams', 'Asked Quill to draft a {task}'],
      },
      pt: {
        pos: ['O Quill me ajudou muito hoje, incrível', 'Quill é muito bom pra resumir texto'],
        neg: ['Quill inventando resposta de novo, que lixo', 'Quill fora do ar de novo, ruim demais'],
        neu: ['Alguém usa o Quill pra programar?', 'Testando o Quill em português'],
      },
      es: {
        pos: ['Quill es increíble para resumir documentos', 'Quill me salvó el día, gracias'],
        neg: ['Quill otra vez caído, qué mal', 'Quill inventa datos, es basura'],
        neu: ['¿Alguien ha probado Quill en español?', 'Probando Quill para el trabajo'],
      },
    },
  },
};

/** The running stories, in a fixed order (part of the generator's determinism). */
export const TOPICS: readonly Topic[] = [launch, match, city, show, ai];

/** Tone-matched emoji. */
export const EMOJI: Readonly<Record<Tone, readonly string[]>> = {
  pos: ['😍', '🔥', '🙌', '❤️', '✨', '😂', '🎉', '👏', '🥹', '💯'],
  neg: ['😡', '🤬', '😤', '💀', '😭', '🙄', '👎', '😩', '🤦'],
  neu: ['👀', '🤔', '📱', '⏳', '📍', '🧐'],
};

/**
 * Openers and closers of casual posts, by language. Openers carry no sentiment; closers only the
 * post's own tone (`lol` scores positive, `smh` negative), so decoration never flips a post.
 */
export const SLANG: Readonly<Record<DemoLang, { open: readonly string[]; close: Readonly<Record<Tone, readonly string[]>> }>> = {
  en: {
    open: ['ngl', 'ok so', 'lowkey', 'bruh', 'fr', 'wait'],
    close: { pos: ['lol', 'lmao', 'fr'], neg: ['smh', 'ugh', 'fr'], neu: ['tbh', 'idk'] },
  },
  pt: { open: ['gente', 'mano', 'sério,'], close: { pos: ['kkkk', 'demais'], neg: ['affs', 'pqp'], neu: ['né'] } },
  es: { open: ['tío', 'oye', 'neta'], close: { pos: ['jajaja', 'olé'], neg: ['uff', 'en serio'], neu: ['a ver'] } },
};

/** First names and handle words for invented authors, by language. */
export const NAMES: Readonly<Record<DemoLang, readonly string[]>> = {
  en: ['alex', 'sam', 'jordan', 'taylor', 'casey', 'riley', 'jamie', 'morgan', 'chris', 'dani', 'mike', 'jess', 'kev', 'liz', 'nate', 'priya', 'omar', 'zoe', 'ben', 'tash'],
  pt: ['ana', 'joao', 'bia', 'lucas', 'mari', 'pedro', 'rafa', 'camila', 'gabi', 'thiago', 'lari', 'duda'],
  es: ['lucia', 'mateo', 'sofi', 'diego', 'vale', 'javi', 'carla', 'andres', 'paula', 'nacho'],
};
export const HANDLE_WORDS: readonly string[] = ['codes', 'fc', 'vibes', 'writes', 'online', 'irl', 'tech', 'daily', 'xo', 'dev'];

/** A sprinkle of posts in languages without a lexicon (`unscored` on the dashboard). */
export const OTHER_LANG_LINES: ReadonlyArray<{ lang: string; text: string }> = [
  { lang: 'fr', text: "Quelqu'un a vu la finale de Starfall ? Je ne m'en remets pas" },
  { lang: 'fr', text: 'Le nouveau Aurora X chauffe beaucoup trop' },
  { lang: 'de', text: 'Das Spiel gestern war der Wahnsinn' },
  { lang: 'de', text: 'Quill schreibt mir gerade meine E-Mails' },
  { lang: 'it', text: 'Che partita incredibile stasera' },
  { lang: 'ja', text: 'スターフォールの最終回、泣いた' },
];
