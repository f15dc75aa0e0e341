// The small closed word classes the presence rules need. English only, like the rest of the rules.

const set = (words: string): Set<string> => new Set(words.trim().split(/\s+/));

export const PREPOSITIONS = set(`
  of to from with about for on at in by without like unlike than into onto aboard toward towards over under
  behind beside besides near upon against among amongst between through across around inside outside within
  beyond past off via despite concerning regarding except beneath below above along alongside throughout
`);

/** Prepositions after which a place or ship is where the action happens. */
export const LOCATIVE_PREPOSITIONS = set('on onto in into at aboard to toward towards inside over above near through across around within');

/** Verbs that take a place as their object and put the subject there: "they reached Romulus". */
export const TRANSITIVE_LOCATING_VERBS = set(`
  reached reaches visited visits orbited orbits entered enters boarded boards left leaves approached approaches
  piloted pilots flew flies commanded commands crossed crosses toured tours explored explores
`);

/** Verbs before a locative preposition that do not put anyone there: "born on Earth", "interested in Mars". */
export const NOT_LOCATING_VERBS = set(`
  born raised interested involved named mentioned buried built made seen shown based dreamed dreamt thought
  talked spoke speaks talks heard hears read reads wrote writes believed believes remembered remembers
  died dies killed lost
`);

/** Kinds that are present where the action happens (SPEC §2). Custom kinds of places count too. */
export const LOCATION_KINDS = set('place ship planet moon station starbase city vessel building system region world');

export const SPEECH_VERBS = set(`
  said says asked asks replied replies answered answers whispered whispers shouted shouts added adds
  continued continues murmured murmurs called calls cried cries muttered mutters exclaimed exclaims
  began begins offered offers snapped snaps told tells admitted admits insisted insists agreed agrees
  demanded demands explained explains noted notes observed observes protested protests repeated repeats
  sighed sighs laughed laughs growled growls hissed hisses breathed breathes promised promises warned warns
  squeaked squeaks barked barks drawled drawls sneered sneers snarled snarls grunted grunts chuckled chuckles
  rasped rasps gasped gasps stammered stammers stuttered stutters retorted retorts countered counters
  interrupted interrupts interjected interjects suggested suggests remarked remarks declared declares
  announced announces conceded concedes confessed confesses corrected corrects mused muses pleaded pleads
  begged begs ventured ventures concluded concludes persisted persists prompted prompts reminded reminds
  scoffed scoffs snorted snorts groaned groans moaned moans wailed wails yelled yells screamed screams
  bellowed bellows roared roars thundered thunders croaked croaks purred purrs joked jokes teased teases
  quipped quips acknowledged acknowledges confirmed confirms assured assures urged urges sobbed sobs
  spluttered splutters blurted blurts grumbled grumbles whimpered whimpers intoned intones recited recites
  echoed echoes responded responds demurred demurs objected objects affirmed affirms wondered wonders
`);

/** Verbs of thinking and telling whose object may be a remembered saying: "what Mary said", "what Data meant". */
export const SAYING_OR_THINKING_VERBS = set(`
  meant means thought thinks knew knows believed believes wanted wants wrote writes used liked likes
  feared fears hoped hopes did does
`);

/** Verbs of memory and imagination: in "Picard remembered how Data laughed" Data acts only in the memory. */
export const MEMORY_VERBS = set(`
  remember remembers remembered recall recalls recalled recollect recollects recollected picture pictures
  pictured imagine imagines imagined relive relives relived dream dreams dreamed dreamt reminisced
`);

/** Words that open an object clause: in "what Data said that night" Data is only remembered. */
export const OBJECT_CLAUSE_OPENERS = set('what whatever all everything something anything nothing whatsoever');

/**
 * Verbs only a living, acting being does. After a sentence-initial name that is also an English
 * word ("Hope", "Will", "Grace"), they tell the person from the word: "Grace smiled", not "Grace filled the room".
 */
const AGENTIVE_STEMS = set(`
  smile grin laugh chuckle giggle frown nod shrug sigh wink blink wave scowl sneer blush weep sob
  walk stride stroll march hurry rush climb sit stand kneel lean wait crouch jump hop limp pace tiptoe
  look glance stare gaze peer watch listen nudge eat drink pour sip chew swallow write knock
  kiss hug embrace grip grab pick hand pat tap point beckon bow curtsey salute trot bark sniff wag
  arrive enter greet thank apologise apologize introduce answer reply ask whisper shout mutter murmur
  yell say tell explain insist agree argue protest admit promise warn call cry hiss growl snap
`);
const AGENTIVE_IRREGULAR = set(`
  said says told sat stood knelt knelt leant strode ran wrote ate drank spoke shook held took bowed
  sitting standing kneeling leaning running writing eating drinking speaking saying telling
`);

export function isAgentive(word: string): boolean {
  if (AGENTIVE_IRREGULAR.has(word) || AGENTIVE_STEMS.has(word)) return true;
  for (const [suffix, restore] of [['ing', ''], ['ing', 'e'], ['ed', ''], ['ed', 'e'], ['d', ''], ['es', ''], ['s', ''], ['ied', 'y'], ['ies', 'y']] as const) {
    if (!word.endsWith(suffix) || word.length <= suffix.length + 2) continue;
    const stem = word.slice(0, -suffix.length);
    if (AGENTIVE_STEMS.has(stem + restore)) return true;
    // stopped, nodding: a doubled final consonant
    if (restore === '' && stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2] && AGENTIVE_STEMS.has(stem.slice(0, -1))) return true;
  }
  return false;
}

/**
 * Verbs that English nouns take as subjects as readily as people do, weather and feelings above
 * all: "Hope springs eternal", "Storm rolled in", "Grace filled the room", "Data shows a trend".
 */
export const VERBS_OF_THINGS = set(`
  fade fades faded spring springs sprang grow grows grew rise rises rose fall falls fell fill fills filled
  flood floods flooded come comes came return returns returned remain remains remained linger lingers lingered
  dawn dawns dawned gather gathers gathered break breaks broke sweep sweeps swept strike strikes struck
  rage rages raged pass passes passed hang hangs hung lie lies lay seem seems seemed appear appears appeared
  begin begins began die dies died dwindle dwindles dwindled flicker flickers flickered flare flares flared
  surge surges surged stir stirs stirred blossom blossoms blossomed bloom blooms bloomed wither withers withered
  sink sinks sank roll rolls rolled blow blows blew burn burns burned burnt glow glows glowed shine shines shone
  show shows showed shown suggest suggests suggested indicate indicates indicated prove proves proved
  mean means meant matter matters mattered count counts counted belong belongs belonged
  last lasts lasted abide abides abided prevail prevails prevailed triumph triumphs triumphed
`);

/** Depictions and remains: "Moriarty stared down from the portrait", "the body of Data lay in state". */
export const DEPICTIONS = set(`
  portrait portraits photograph photographs photo photos picture pictures painting paintings likeness frame canvas
  statue statues bust engraving engravings sketch drawing miniature daguerreotype hologram holograms
  effigy corpse body coffin casket tomb grave gravestone headstone
`);

/** Prepositions that, opening a sentence before a place, set the scene there: "At Château Picard, …". */
export const SCENE_SETTING_PREPOSITIONS = set('at in on aboard inside outside within near beside behind beneath under above across around');

/** Prepositions that place the action of the clause's verb, even with an object between: "pruning the vines at Château Picard". */
export const STATIC_LOCATIVE_PREPOSITIONS = set('at in on aboard inside within');

/** Words that open a noun phrase in an aside after a name: "Wiggins, the stable boy, carries…". */
export const ASIDE_OPENERS = set('the a an his her their my our your its who whom ever still now once');

/** Verbs that tell of an end: the subject is not acting in the scene ("Data died in 2379"). */
export const ENDING_VERBS = set('died dies perished perishes passed vanished disappeared fell');

/** Forms of "to be": a state, not an action, unless followed by -ing or a presence word. */
export const BEING_VERBS = set('was were is are am be been being');

/** After a form of "to be", these put the subject in the scene: "Data was there". */
export const PRESENCE_STATES = set('there here back present aboard inside outside standing sitting waiting alone');

/** Auxiliaries that carry an action in the scene: "Data would never…", "Data has arrived". */
export const AUXILIARIES_OF_ACTION = set('will would shall did does do has have');

/** Modals of ability, possibility or duty: "Will could swim like an otter" tells what he could do, not what he did. */
export const MODALS_OF_POSSIBILITY = set('could can may might must should ought');

export const ADVERBS = set(`
  then still just never also finally suddenly already always again now once simply even soon almost instead
  too nearly quickly slowly quietly gently softly only barely hardly merely really actually immediately
  abruptly briefly calmly carefully silently smoothly sharply firmly warmly coldly sadly grimly
`);

const IRREGULAR_PAST = set(`
  arose awoke bore beat became began bent bet bit bled blew broke brought built burnt burned bought caught chose
  clung came cost crept cut dealt dug dove did drew dreamt drank drove ate fell fed felt fought found fled flung
  flew forbade forgot forgave froze got gave went ground grew hung had heard hid hit held hurt kept knelt knew
  laid led leapt learnt left lent let lay lit lost made meant met paid put quit read rode rang rose ran said saw
  sought sold sent set shook shone shot showed shut sang sank sat slew slept slid slung smelt spoke sped spent
  spilt spun spat split spread sprang stood stole stuck stung stank strode struck strove swore swept swam swung
  took taught tore told thought threw thrust trod understood woke wore wove wept won wound wrung wrote
`);

const IRREGULAR_PARTICIPLES = set(`
  arisen awoken borne born beaten become begun bent bitten bled blown broken brought built bought caught chosen
  come cost crept cut dealt dug done drawn dreamt drunk driven eaten fallen fed felt fought found fled flown
  forbidden forgotten forgiven frozen got gotten given gone grown hung had heard hidden hit held hurt kept known
  laid led left lent let lain lit lost made meant met paid put read ridden rung risen run said seen sought sold
  sent set shaken shone shot shown shut sung sunk sat slain slept slid spoken spent spun split spread sprung
  stood stolen stuck stung struck sworn swept swum swung taken taught torn told thought thrown trodden
  understood woken worn woven wept won wound written
`);

/** Words ending in -s or -ed that are not verbs after a name. */
const NOT_VERBS = set(`
  as is was has his its this us yes always perhaps sometimes less across towards unless besides plus thus
  whereas ours yours hers theirs afterwards downstairs upstairs news series species bed red shed seed need
  indeed hundred kindred sacred naked wicked ragged rugged wretched beloved
`);

/** A past-tense, third-person present or irregular verb form, as far as spelling can tell. */
export function isVerbLike(word: string): boolean {
  if (word.length < 2 || NOT_VERBS.has(word)) return false;
  if (IRREGULAR_PAST.has(word) || SPEECH_VERBS.has(word)) return true;
  if (word.length > 3 && word.endsWith('ed')) return true;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return true;
  return false;
}

export function isParticiple(word: string): boolean {
  return (word.length > 3 && word.endsWith('ed')) || IRREGULAR_PARTICIPLES.has(word);
}

/** What `\s` matches in a JavaScript regex, by code unit (NaN, read past the end of a text, is none). */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
